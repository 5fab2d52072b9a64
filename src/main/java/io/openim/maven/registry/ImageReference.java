package io.openim.maven.registry;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;

/**
 * {@code REGISTRY/REPOSITORY:TAG} split the way Docker does: the first part is a registry when it
 * has a dot or a port or is {@code localhost}; otherwise the image is on Docker Hub, whose API
 * lives at {@code registry-1.docker.io} and whose one-part names are under {@code library/}.
 */
public record ImageReference(String registry, String repository, String tag) {

    static final String DOCKER_HUB = "docker.io";
    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    public static ImageReference parse(String reference) {
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String registry = hasRegistry ? first : DOCKER_HUB;
        String rest = hasRegistry ? reference.substring(slash + 1) : reference;
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || rest.indexOf('@') >= 0) {
            throw new OpenImException("'" + reference + "' has no tag; the images to push are REGISTRY/NAME:TAG."
                    + " Check " + Setting.IMAGE_REGISTRY.describe() + " and " + Setting.IMAGE_TAG.describe() + ".");
        }
        String repository = rest.substring(0, colon);
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        return new ImageReference(registry, repository, rest.substring(colon + 1));
    }

    /** The host (and port) to talk to; Docker Hub's API host for docker.io. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** The same repository with another tag. */
    public ImageReference withTag(String other) {
        return new ImageReference(registry, repository, other);
    }

    /** The same registry and tag, another repository. */
    public ImageReference inRepository(String other) {
        return new ImageReference(registry, other, tag);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag;
    }
}
