package io.openim.maven.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SbomReferrersTest {

    private static final Blob IMAGE = Blob.inMemory(
            MediaTypes.MANIFEST,
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
                    .getBytes(StandardCharsets.UTF_8));
    private static final byte[] SBOM = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> CREATED =
            Map.of("org.opencontainers.image.created", "2023-11-14T22:13:20Z");

    private static SbomReferrers.Attached attach(FakeRegistry registry, byte[] sbom) {
        return SbomReferrers.attach(registry.client(), "o/openim-api", IMAGE, sbom, "openim-api.spdx.json", CREATED);
    }

    @Test
    void theArtifactRefersToTheImageWithItsTypeTheEmptyConfigAndTheDocument() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(true, true)) {
            SbomReferrers.Attached attached = attach(registry, SBOM);
            JsonNode artifact = OciJson.parse(
                    registry.manifests.get("o/openim-api@" + attached.digest()).content());
            assertEquals("application/spdx+json", artifact.get("artifactType").asText());
            assertEquals(IMAGE.digest(), artifact.path("subject").get("digest").asText());
            assertEquals(IMAGE.size(), artifact.path("subject").get("size").asLong());
            assertEquals(
                    "application/vnd.oci.empty.v1+json",
                    artifact.path("config").get("mediaType").asText());
            assertEquals(
                    "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                    artifact.path("config").get("digest").asText(),
                    "the empty descriptor of image-spec 1.1");
            JsonNode layer = artifact.path("layers").get(0);
            assertEquals("application/spdx+json", layer.get("mediaType").asText());
            assertEquals(
                    "openim-api.spdx.json",
                    layer.path("annotations")
                            .get("org.opencontainers.image.title")
                            .asText());
            assertEquals(
                    "2023-11-14T22:13:20Z",
                    artifact.path("annotations")
                            .get("org.opencontainers.image.created")
                            .asText());
            assertEquals(
                    new String(SBOM, StandardCharsets.UTF_8),
                    new String(registry.blobs.get(layer.get("digest").asText()), StandardCharsets.UTF_8));
            assertEquals(
                    "{}",
                    new String(registry.blobs.get(
                            artifact.path("config").get("digest").asText())));
        }
    }

    @Test
    void aRegistryWithTheReferrersApiNeedsNoFallbackTag() throws Exception {
        for (boolean header : List.of(true, false)) {
            try (FakeRegistry registry = new FakeRegistry(true, header)) {
                SbomReferrers.Attached attached = attach(registry, SBOM);
                assertEquals(SbomReferrers.Listing.API, attached.listing());
                assertEquals(List.of("o/openim-api:" + attached.digest()), registry.puts, "no sha256-… tag");
            }
        }
    }

    @Test
    void withoutTheApiTheFallbackIndexIsKeptAndWhatOthersListedStays() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(false, false)) {
            String tag = "sha256-" + IMAGE.hex();
            // Another tool's signature, listed already, with fields of its own.
            String foreign = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"digest\":\"sha256:" + "ee".repeat(32) + "\",\"size\":123,"
                    + "\"artifactType\":\"application/vnd.dev.cosign.artifact.sig.v1+json\","
                    + "\"annotations\":{\"x\":\"y\"},\"urls\":[\"kept\"]}],\"annotations\":{\"tool\":\"other\"}}";
            registry.manifests.put(
                    "o/openim-api:" + tag, new FakeRegistry.Stored(MediaTypes.INDEX, foreign.getBytes()));

            SbomReferrers.Attached attached = attach(registry, SBOM);
            assertEquals(SbomReferrers.Listing.FALLBACK_ADDED, attached.listing());
            assertEquals(tag, attached.fallbackTag());
            JsonNode index =
                    OciJson.parse(registry.manifests.get("o/openim-api:" + tag).content());
            assertEquals(2, index.get("manifests").size());
            assertEquals(
                    "sha256:" + "ee".repeat(32),
                    index.get("manifests").get(0).get("digest").asText());
            assertEquals("[\"kept\"]", index.get("manifests").get(0).get("urls").toString());
            assertEquals("other", index.path("annotations").get("tool").asText());
            JsonNode ours = index.get("manifests").get(1);
            assertEquals(attached.digest(), ours.get("digest").asText());
            assertEquals("application/spdx+json", ours.get("artifactType").asText());
            assertEquals(
                    "2023-11-14T22:13:20Z",
                    ours.path("annotations")
                            .get("org.opencontainers.image.created")
                            .asText());

            // The same SBOM again: listed once.
            assertEquals(
                    SbomReferrers.Listing.FALLBACK_PRESENT,
                    attach(registry, SBOM).listing());
            assertEquals(
                    2,
                    OciJson.parse(registry.manifests.get("o/openim-api:" + tag).content())
                            .get("manifests")
                            .size());
            // Another one (a new SBOM for the same image): appended.
            attach(registry, "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"2\"}".getBytes());
            assertEquals(
                    3,
                    OciJson.parse(registry.manifests.get("o/openim-api:" + tag).content())
                            .get("manifests")
                            .size());
        }
    }

    @Test
    void aFallbackTagHoldingSomethingElseIsNotReplaced() throws Exception {
        try (FakeRegistry registry = new FakeRegistry(false, false)) {
            String tag = "sha256-" + IMAGE.hex();
            registry.manifests.put(
                    "o/openim-api:" + tag, new FakeRegistry.Stored(MediaTypes.MANIFEST, IMAGE.content()));
            PushException e = assertThrows(PushException.class, () -> attach(registry, SBOM));
            assertTrue(e.getMessage().contains("holds something other than the index of referrers"), e.getMessage());
            assertEquals(
                    MediaTypes.MANIFEST,
                    registry.manifests.get("o/openim-api:" + tag).mediaType());
        }
    }
}
