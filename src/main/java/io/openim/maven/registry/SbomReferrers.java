package io.openim.maven.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.Descriptor;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciJson;
import io.openim.maven.oci.OciManifest;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes an image's SBOM as an OCI artifact that refers to the image (distribution-spec 1.1): the
 * empty config and the SPDX document as blobs, then a manifest whose {@code subject} is the image's
 * manifest. A registry with the referrers API lists it by itself; for one without (it answers 404,
 * as Distribution 2.8 does) the index tagged {@code sha256-HEX} of the image's digest is kept up to
 * date: read, the artifact appended when it is not there yet, written back, every entry another
 * tool put there kept as it was.
 */
final class SbomReferrers {

    /** How the artifact became findable from its image. */
    enum Listing {
        /** The registry's referrers API lists it. */
        API,
        /** It was added to the fallback index. */
        FALLBACK_ADDED,
        /** The fallback index listed it already (the same SBOM pushed before). */
        FALLBACK_PRESENT
    }

    /** What was pushed: the artifact's manifest digest and how it is listed. */
    record Attached(String digest, Listing listing, String fallbackTag) {}

    private SbomReferrers() {}

    static Attached attach(
            RegistryClient client,
            String repository,
            Blob subjectManifest,
            byte[] sbom,
            String fileName,
            Map<String, String> annotations) {
        Blob document = Blob.inMemory(MediaTypes.SPDX_JSON, sbom);
        for (Blob blob : new Blob[] {Blob.EMPTY, document}) {
            if (!client.hasBlob(repository, blob.digest())) {
                client.uploadBlob(repository, blob.digest(), blob.size(), new ByteArrayInputStream(blob.content()));
            }
        }
        Descriptor subject = Descriptor.of(subjectManifest);
        Blob artifact = OciManifest.artifact(
                MediaTypes.SPDX_JSON,
                Descriptor.of(document).withAnnotations(Map.of("org.opencontainers.image.title", fileName)),
                subject,
                annotations);
        String fallbackTag = "sha256-" + subjectManifest.hex();
        if (client.putManifestWithSubject(repository, artifact.digest(), artifact.content())
                || client.referrers(repository, subject.digest()).isPresent()) {
            return new Attached(artifact.digest(), Listing.API, fallbackTag);
        }
        Optional<RegistryClient.Manifest> existing = client.getManifest(repository, fallbackTag, MediaTypes.INDEX);
        ObjectNode index;
        if (existing.isPresent()) {
            index = readIndex(existing.get(), repository, fallbackTag);
        } else {
            index = OciJson.JSON.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.INDEX);
            index.putArray("manifests");
        }
        ArrayNode manifests = (ArrayNode) index.get("manifests");
        for (JsonNode entry : manifests) {
            if (artifact.digest().equals(entry.path("digest").asText())) {
                return new Attached(artifact.digest(), Listing.FALLBACK_PRESENT, fallbackTag);
            }
        }
        manifests.add(Descriptor.of(artifact)
                .withArtifactType(MediaTypes.SPDX_JSON)
                .withAnnotations(annotations)
                .toJson());
        client.putManifest(repository, fallbackTag, MediaTypes.INDEX, OciJson.bytes(index));
        return new Attached(artifact.digest(), Listing.FALLBACK_ADDED, fallbackTag);
    }

    /** The fallback tag's index; anything else there is not ours to replace. */
    private static ObjectNode readIndex(RegistryClient.Manifest manifest, String repository, String tag) {
        JsonNode node;
        try {
            node = OciJson.parse(manifest.content());
        } catch (RuntimeException e) {
            node = null;
        }
        boolean index = node != null
                && node.path("manifests").isArray()
                && (MediaTypes.INDEX.equals(manifest.mediaType())
                        || MediaTypes.INDEX.equals(node.path("mediaType").asText()));
        if (!index) {
            throw new PushException(
                    "The tag " + repository + ":" + tag + " holds something other than the index of referrers the"
                            + " OCI distribution spec keeps there (" + manifest.mediaType() + "), so the SBOM cannot"
                            + " be listed there. Remove that tag, or push to a registry with the referrers API.",
                    PushException.Reason.OTHER,
                    null);
        }
        return (ObjectNode) node;
    }
}
