package io.openim.maven.registry;

import io.openim.maven.oci.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@code openim:push} needs, resolved and checked.
 *
 * @param releaseDirectory where {@code openim:image} wrote the archives
 * @param insecureRegistries registries (host or host:port) reached over plain HTTP
 */
public record PushRequest(
        Path releaseDirectory,
        String registry,
        String tag,
        List<String> extraTags,
        List<String> images,
        List<Platform> platforms,
        Set<String> insecureRegistries,
        CredentialResolver credentials,
        int threads) {

    public PushRequest {
        extraTags = List.copyOf(extraTags);
        images = List.copyOf(images);
        platforms = List.copyOf(platforms);
        insecureRegistries = Set.copyOf(insecureRegistries);
    }
}
