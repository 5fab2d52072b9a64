package io.openim.maven.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spdx.tools.SpdxToolsHelper;
import org.spdx.tools.Verify;

class SpdxDocumentTest {

    private static final String MANIFEST = "sha256:" + "ab".repeat(32);
    private static final String BASE_ID = "sha256:" + "cd".repeat(32);

    @TempDir
    Path temp;

    private static ImageSbom sbom(String baseName, String licenses) throws Exception {
        GoBuildInfo go = GoBuildInfo.parse("go1.19.8", GoBuildInfoTest.MODINFO);
        return new ImageSbom(
                "registry.example:5000/openim/openim-api-amd64:1.0.0_build.7",
                MANIFEST,
                "amd64",
                "/usr/local/bin/openim-api",
                "11".repeat(20),
                "22".repeat(32),
                go,
                baseName,
                baseName == null ? null : BASE_ID,
                licenses,
                "A server",
                "https://example.com/server",
                Instant.ofEpochSecond(1_700_000_000L),
                "openim-maven-plugin-1.2.3");
    }

    @Test
    void theDocumentHoldsTheImageTheBinaryItsModulesAndTheBase() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(SpdxDocument.write(sbom("docker.io/library/debian:bookworm", "Apache-2.0")));
        assertEquals("SPDX-2.3", doc.get("spdxVersion").asText());
        assertEquals(
                "2023-11-14T22:13:20Z", doc.path("creationInfo").get("created").asText());
        assertEquals(
                "https://spdx.org/spdxdocs/openim-maven-plugin/registry.example-5000-openim-openim-api-amd64-1.0.0-build.7-"
                        + "ab".repeat(32),
                doc.get("documentNamespace").asText());
        JsonNode file = doc.path("files").get(0);
        assertEquals("./usr/local/bin/openim-api", file.get("fileName").asText());
        assertEquals(
                "[{\"algorithm\":\"SHA1\",\"checksumValue\":\"" + "11".repeat(20)
                        + "\"},{\"algorithm\":\"SHA256\",\"checksumValue\":\"" + "22".repeat(32) + "\"}]",
                file.get("checksums").toString());
        String comment = file.get("comment").asText();
        assertTrue(
                comment.startsWith("Built by go1.19.8 from the package example.com/server/cmd/api; build settings:"));
        assertTrue(comment.contains("-trimpath=true CGO_ENABLED=0 GOARCH=amd64 GOOS=linux"), comment);
        assertFalse(comment.contains("ldflags"), "flags carry machine paths and stamped values: " + comment);

        List<String> names = new ArrayList<>();
        doc.path("packages")
                .forEach(p -> names.add(
                        p.get("name").asText() + " " + p.path("versionInfo").asText("-")));
        assertEquals(
                List.of(
                                "docker.io/library/debian:bookworm " + BASE_ID,
                                "stdlib go1.19.8",
                                "example.com/local -",
                                "example.com/new v1.3.0",
                                "example.com/server -",
                                "github.com/pkg/errors v0.9.1",
                                "registry.example:5000/openim/openim-api-amd64:1.0.0_build.7 1.0.0_build.7")
                        .stream()
                        .sorted()
                        .toList(),
                names.stream().sorted().toList());
        JsonNode errors = find(doc, "github.com/pkg/errors");
        assertEquals(
                HexFormat.of()
                        .formatHex(
                                java.util.Base64.getDecoder().decode("FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=")),
                errors.path("checksums").get(0).get("checksumValue").asText());
        assertEquals(
                "go.sum h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=",
                errors.get("comment").asText());
        assertEquals("pkg:golang/github.com/pkg/errors@v0.9.1", purl(errors));
        assertEquals(
                "Replaces example.com/old@v1.2.0; go.sum h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=",
                find(doc, "example.com/new").get("comment").asText());
        assertEquals("pkg:golang/stdlib@1.19.8", purl(find(doc, "stdlib")));
        JsonNode image = find(doc, "registry.example:5000/openim/openim-api-amd64:1.0.0_build.7");
        assertEquals("Apache-2.0", image.get("licenseDeclared").asText());
        assertEquals(
                "pkg:oci/openim-api-amd64@sha256%3A" + "ab".repeat(32)
                        + "?arch=amd64&repository_url=registry.example:5000/openim/openim-api-amd64&tag=1.0.0_build.7",
                purl(image));
        List<String> relationships = new ArrayList<>();
        doc.path("relationships")
                .forEach(r -> relationships.add(r.get("relationshipType").asText()));
        assertEquals(
                List.of(
                                "DESCRIBES",
                                "DEPENDS_ON",
                                "DEPENDS_ON",
                                "DEPENDS_ON",
                                "DEPENDS_ON",
                                "GENERATED_FROM",
                                "CONTAINS",
                                "DESCENDANT_OF")
                        .stream()
                        .sorted()
                        .toList(),
                relationships.stream().sorted().toList());
        assertEquals(MANIFEST, SpdxDocument.describedManifest(SpdxDocument.write(sbom(null, null))));
        assertNull(SpdxDocument.describedManifest("{}".getBytes()));
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        assertArrayEquals(
                SpdxDocument.write(sbom("docker.io/library/debian:bookworm", null)),
                SpdxDocument.write(sbom("docker.io/library/debian:bookworm", null)));
    }

    @Test
    void spdxOwnValidatorFindsNothingWrong() throws Exception {
        for (ImageSbom each :
                List.of(sbom("docker.io/library/debian:bookworm", "Apache-2.0 OR MIT"), sbom(null, null))) {
            Path file =
                    Files.write(temp.resolve("image-" + System.nanoTime() + ".spdx.json"), SpdxDocument.write(each));
            org.spdx.library.SpdxModelFactory.init();
            List<String> problems = Verify.verify(file.toString(), SpdxToolsHelper.SerFileType.JSON);
            assertEquals(List.of(), problems, Files.readString(file));
        }
    }

    private static JsonNode find(JsonNode doc, String name) {
        for (JsonNode p : doc.path("packages")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no package " + name);
    }

    private static String purl(JsonNode pkg) {
        return pkg.path("externalRefs").get(0).get("referenceLocator").asText();
    }
}
