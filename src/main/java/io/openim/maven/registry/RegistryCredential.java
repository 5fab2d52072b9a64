package io.openim.maven.registry;

/**
 * A user name and password (or token) for one registry, and where it came from, for messages.
 */
public record RegistryCredential(String username, String password, String source) {

    @Override
    public String toString() {
        // Never the password: this ends up in logs.
        return username + " (from " + source + ")";
    }
}
