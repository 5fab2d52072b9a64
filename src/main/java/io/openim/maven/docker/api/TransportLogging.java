package io.openim.maven.docker.api;

/**
 * Keeps the transport's own chatter out of the build log. httpclient5 logs at info level when it
 * retries a request on a closed connection (which is how a request past its deadline ends), and
 * Maven shows every logger's info. Maven's logger reads a logger's level from these system
 * properties when the logger is made, so they are set before the transport's classes load; a level
 * the user chose is left as it is.
 */
final class TransportLogging {

    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private TransportLogging() {}

    static void quiet() {
        for (String logger : new String[] {"org.apache.hc", "com.github.dockerjava"}) {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, "warn");
            }
        }
    }
}
