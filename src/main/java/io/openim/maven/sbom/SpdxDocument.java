package io.openim.maven.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.util.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SPDX 2.3 JSON document for one image: the image (a container package), the binary in it (a
 * file with its SHA-1 and SHA-256), the Go main module it was generated from, every dependency
 * module and the standard library it links, and the runtime base the image descends from. The
 * same input gives the same bytes: no clock, no random identifiers (the namespace comes from the
 * manifest digest), packages and relationships sorted.
 */
public final class SpdxDocument {

    public static final String FILE_SUFFIX = ".spdx.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOASSERTION = "NOASSERTION";
    private static final String NAMESPACE = "https://spdx.org/spdxdocs/openim-maven-plugin/";

    /** Build settings whose values are compiler and linker flags: machine paths and stamped values. */
    private static final List<String> FLAG_SUFFIXES = List.of("flags", "FLAGS");

    private SpdxDocument() {}

    public static byte[] write(ImageSbom sbom) {
        ObjectNode document = JSON.createObjectNode();
        document.put("spdxVersion", "SPDX-2.3");
        document.put("dataLicense", "CC0-1.0");
        document.put("SPDXID", "SPDXRef-DOCUMENT");
        document.put("name", sbom.reference());
        document.put("documentNamespace", NAMESPACE + idPart(sbom.reference()) + "-" + hex(sbom.manifestDigest()));
        ObjectNode creation = document.putObject("creationInfo");
        creation.put("created", date(sbom.created()));
        creation.putArray("creators").add("Tool: " + sbom.tool());

        List<ObjectNode> packages = new ArrayList<>();
        List<String[]> relationships = new ArrayList<>();
        String imageId = "SPDXRef-Package-image-" + idPart(sbom.reference());
        relationships.add(new String[] {"SPDXRef-DOCUMENT", "DESCRIBES", imageId});
        String fileId = "SPDXRef-File-" + idPart(sbom.binaryPath());
        packages.add(imagePackage(sbom, imageId, fileId));
        relationships.add(new String[] {imageId, "CONTAINS", fileId});

        GoBuildInfo go = sbom.go();
        String mainId = moduleId(go.main());
        relationships.add(new String[] {fileId, "GENERATED_FROM", mainId});
        packages.add(modulePackage(go.main(), mainId, null));
        for (GoBuildInfo.Module dependency : go.dependencies()) {
            String id = moduleId(dependency);
            relationships.add(new String[] {mainId, "DEPENDS_ON", id});
            packages.add(modulePackage(dependency, id, "LIBRARY"));
        }
        if (go.goVersion() != null && go.goVersion().startsWith("go")) {
            String stdlibId = "SPDXRef-Package-go-stdlib";
            relationships.add(new String[] {mainId, "DEPENDS_ON", stdlibId});
            ObjectNode stdlib = start("stdlib", stdlibId, go.goVersion());
            stdlib.put("primaryPackagePurpose", "LIBRARY");
            purl(stdlib, "pkg:golang/stdlib@" + encode(go.goVersion().substring(2), false));
            packages.add(stdlib);
        }
        if (sbom.baseName() != null && sbom.baseDigest() != null) {
            String baseId = "SPDXRef-Package-base-image";
            relationships.add(new String[] {imageId, "DESCENDANT_OF", baseId});
            ObjectNode base = start(sbom.baseName(), baseId, sbom.baseDigest());
            base.put("primaryPackagePurpose", "CONTAINER");
            base.putArray("checksums").add(checksum("SHA256", hex(sbom.baseDigest())));
            base.put("comment", "The runtime base; its version is its image ID, the SHA-256 of its config.");
            packages.add(base);
        }

        ArrayNode files = document.putArray("files");
        ObjectNode file = files.addObject();
        file.put("fileName", "." + sbom.binaryPath());
        file.put("SPDXID", fileId);
        file.putArray("fileTypes").add("BINARY").add("APPLICATION");
        ArrayNode checksums = file.putArray("checksums");
        checksums.add(checksum("SHA1", sbom.binarySha1()));
        checksums.add(checksum("SHA256", sbom.binarySha256()));
        file.put("comment", buildComment(go));

        ArrayNode packageArray = document.putArray("packages");
        packages.stream()
                .sorted(Comparator.comparing(p -> p.get("SPDXID").asText()))
                .forEach(packageArray::add);
        ArrayNode relationshipArray = document.putArray("relationships");
        relationships.stream()
                .sorted(Comparator.<String[], String>comparing(r -> r[0])
                        .thenComparing(r -> r[1])
                        .thenComparing(r -> r[2]))
                .forEach(r -> {
                    ObjectNode relationship = relationshipArray.addObject();
                    relationship.put("spdxElementId", r[0]);
                    relationship.put("relationshipType", r[1]);
                    relationship.put("relatedSpdxElement", r[2]);
                });
        try {
            // Line ends fixed, not the platform's: the same bytes on every machine.
            DefaultPrettyPrinter printer =
                    new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            byte[] text = JSON.writer(printer).writeValueAsBytes(document);
            byte[] withNewline = new byte[text.length + 1];
            System.arraycopy(text, 0, withNewline, 0, text.length);
            withNewline[text.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The manifest digest of the image a document written here describes (from its image package's
     * package URL), or null when the bytes are not such a document.
     */
    public static String describedManifest(byte[] document) {
        try {
            JsonNode root = JSON.readTree(document);
            String described = null;
            for (JsonNode relationship : root.path("relationships")) {
                if (relationship.path("relationshipType").asText().equals("DESCRIBES")) {
                    described = relationship.path("relatedSpdxElement").asText();
                }
            }
            for (JsonNode pkg : root.path("packages")) {
                if (pkg.path("SPDXID").asText().equals(described)) {
                    for (JsonNode ref : pkg.path("externalRefs")) {
                        String locator = ref.path("referenceLocator").asText();
                        int at = locator.indexOf("@sha256%3A");
                        if (locator.startsWith("pkg:oci/") && at > 0) {
                            String rest = locator.substring(at + 10);
                            int end = rest.indexOf('?');
                            return "sha256:" + (end < 0 ? rest : rest.substring(0, end));
                        }
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ObjectNode imagePackage(ImageSbom sbom, String id, String fileId) {
        String reference = sbom.reference();
        int colon = reference.lastIndexOf(':');
        String repository = reference.substring(0, colon);
        String tag = reference.substring(colon + 1);
        ObjectNode image = start(reference, id, tag);
        // A package that contains a file listed here is one whose files were analysed: that is the
        // binary the plugin added; the base's own files are the base's (DESCENDANT_OF).
        image.put("filesAnalyzed", true);
        image.putObject("packageVerificationCode")
                .put(
                        "packageVerificationCodeValue",
                        HexFormat.of().formatHex(sha1(sbom.binarySha1().getBytes(StandardCharsets.US_ASCII))));
        image.putArray("hasFiles").add(fileId);
        image.put(
                "comment",
                "Of the image's files, the document lists the binary the plugin added; the files of the base"
                        + " image belong to the base.");
        image.put("primaryPackagePurpose", "CONTAINER");
        if (sbom.licenses() != null) {
            image.put("licenseDeclared", sbom.licenses());
        }
        if (sbom.homepage() != null) {
            image.put("homepage", sbom.homepage());
        }
        if (sbom.description() != null) {
            image.put("description", sbom.description());
        }
        Map<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("arch", sbom.architecture());
        qualifiers.put("repository_url", repository);
        qualifiers.put("tag", tag);
        String name = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        purl(image, "pkg:oci/" + encode(name, false) + "@" + encode(sbom.manifestDigest(), false) + query(qualifiers));
        return image;
    }

    /** A module as the binary has it: a replaced module is the replacement's code. */
    private static ObjectNode modulePackage(GoBuildInfo.Module module, String id, String purpose) {
        GoBuildInfo.Module code = module.effective();
        boolean directory = module.replacement() != null && module.replacement().version() == null;
        String name = directory ? module.path() : code.path();
        String version = directory || "(devel)".equals(code.version()) ? null : code.version();
        ObjectNode pkg = start(name, id, version);
        if (purpose != null) {
            pkg.put("primaryPackagePurpose", purpose);
        }
        if (code.sum() != null && code.sum().startsWith("h1:")) {
            try {
                byte[] hash = Base64.getDecoder().decode(code.sum().substring(3));
                if (hash.length == 32) {
                    // As ko and syft do: the h1 hash is a SHA-256 (of the module's file list and their hashes).
                    pkg.putArray("checksums")
                            .add(checksum("SHA256", HexFormat.of().formatHex(hash)));
                }
            } catch (IllegalArgumentException e) {
                // Not base64: kept in the comment only.
            }
        }
        StringBuilder comment = new StringBuilder();
        if (module.replacement() != null) {
            comment.append(
                    directory
                            ? "Replaced by the directory "
                                    + module.replacement().path()
                            : "Replaces " + module.path() + (module.version() == null ? "" : "@" + module.version()));
        }
        if (code.sum() != null) {
            comment.append(comment.length() == 0 ? "" : "; ").append("go.sum ").append(code.sum());
        }
        if (comment.length() > 0) {
            pkg.put("comment", comment.toString());
        }
        purl(pkg, "pkg:golang/" + encodePath(name) + (version == null ? "" : "@" + encode(version, false)));
        return pkg;
    }

    private static ObjectNode start(String name, String id, String version) {
        ObjectNode pkg = JSON.createObjectNode();
        pkg.put("name", name);
        pkg.put("SPDXID", id);
        if (version != null) {
            pkg.put("versionInfo", version);
        }
        pkg.put("downloadLocation", NOASSERTION);
        pkg.put("filesAnalyzed", false);
        return pkg;
    }

    private static void purl(ObjectNode pkg, String locator) {
        ObjectNode ref = pkg.putArray("externalRefs").addObject();
        ref.put("referenceCategory", "PACKAGE-MANAGER");
        ref.put("referenceType", "purl");
        ref.put("referenceLocator", locator);
    }

    private static ObjectNode checksum(String algorithm, String value) {
        ObjectNode checksum = JSON.createObjectNode();
        checksum.put("algorithm", algorithm);
        checksum.put("checksumValue", value);
        return checksum;
    }

    /** The Go version, main package and build settings, less the flag values (paths, stamped values). */
    private static String buildComment(GoBuildInfo go) {
        StringBuilder text = new StringBuilder("Built by ").append(go.goVersion());
        if (go.packagePath() != null) {
            text.append(" from the package ").append(go.packagePath());
        }
        List<String> settings = new ArrayList<>();
        go.settings().forEach((key, value) -> {
            if (FLAG_SUFFIXES.stream().noneMatch(key::endsWith)) {
                settings.add(key + "=" + value);
            }
        });
        if (!settings.isEmpty()) {
            text.append("; build settings: ").append(String.join(" ", settings));
        }
        return text.toString();
    }

    /** Unique and stable per module and version, with only the characters an SPDX ID may hold. */
    private static String moduleId(GoBuildInfo.Module module) {
        String key = module.path() + "@" + (module.version() == null ? "" : module.version());
        return "SPDXRef-Package-go-module-" + idPart(module.path()) + "-"
                + Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    private static String idPart(String text) {
        String part = text.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return part.isEmpty() ? "x" : part;
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static String query(Map<String, String> qualifiers) {
        StringBuilder query = new StringBuilder();
        qualifiers.forEach((key, value) -> query.append(query.length() == 0 ? "?" : "&")
                .append(key)
                .append('=')
                .append(encode(value, true)));
        return query.toString();
    }

    private static String encodePath(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            segments.add(encode(segment, false));
        }
        return String.join("/", segments);
    }

    /** Percent-encoding for package URLs: unreserved characters stay, and in qualifier values '/' and ':'. */
    private static String encode(String text, boolean qualifier) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || (qualifier && (c == '/' || c == ':'));
            if (plain) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** SPDX's package verification code over one file: the SHA-1 of its SHA-1 in hex. */
    private static byte[] sha1(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The instant as SPDX writes dates: seconds, UTC, {@code Z}. */
    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
