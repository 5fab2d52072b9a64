package io.openim.maven.docker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** What an engine's address says about where the engine runs. */
public final class EngineAddress {

    private EngineAddress() {}

    /**
     * A Unix socket, or a TCP address of this machine (loopback): ports the engine publishes on its
     * 127.0.0.1 are then this machine's. A host name counts as elsewhere; it is not resolved here.
     */
    public static boolean isOnThisMachine(String host) {
        URI uri = URI.create(host);
        if ("unix".equals(uri.getScheme())) {
            return true;
        }
        String name = uri.getHost();
        if (name == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(name)) {
            return true;
        }
        if (!name.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
