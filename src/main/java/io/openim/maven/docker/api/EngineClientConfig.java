package io.openim.maven.docker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;

/**
 * docker-java's configuration, filled with what the plugin resolved itself: the address only.
 * Its own default configuration would read DOCKER_* variables, the CLI's config file and its
 * contexts again; finding the engine stays the plugin's ({@code EngineLocator}), and TLS lives in
 * the transport. The API version is left unpinned, as the plugin checks it from {@code /version}.
 * Every client shares one object mapper, so what a warm-up teaches it is there for the real calls.
 */
final class EngineClientConfig implements DockerClientConfig {

    private static final ObjectMapper MAPPER = DockerClientConfig.getDefaultObjectMapper();

    private final URI host;

    EngineClientConfig(URI host) {
        this.host = host;
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    @Override
    public URI getDockerHost() {
        return host;
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return RemoteApiVersion.unknown();
    }

    @Override
    public String getRegistryUsername() {
        return null;
    }

    @Override
    public String getRegistryPassword() {
        return null;
    }

    @Override
    public String getRegistryEmail() {
        return null;
    }

    @Override
    public String getRegistryUrl() {
        return null;
    }

    /** Registry credentials are not the engine client's business: pushing is the plugin's own. */
    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return null;
    }

    @Override
    public ObjectMapper getObjectMapper() {
        return MAPPER;
    }
}
