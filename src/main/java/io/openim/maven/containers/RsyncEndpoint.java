package io.openim.maven.containers;

import java.nio.file.Path;

/** A running rsync daemon: where to reach it and the file holding its password. */
public record RsyncEndpoint(String containerId, String host, int port, String user, String module, Path passwordFile) {

    /** The daemon URL of {@code subPath} (relative to the module root, '/'-separated). */
    public String url(String subPath) {
        String path = subPath == null || subPath.isEmpty() ? "" : subPath.replaceAll("^/+", "");
        if (!path.isEmpty() && !path.endsWith("/")) {
            path = path + "/";
        }
        return "rsync://" + user + "@" + host + ":" + port + "/" + module + "/" + path;
    }
}
