package io.openim.maven.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.openim.maven.OpenImException;
import io.openim.maven.oci.OciImage;
import io.openim.maven.oci.OciJson;
import io.openim.maven.sbom.GoBuildInfo;
import io.openim.maven.sbom.ImageSbom;
import io.openim.maven.sbom.NoBuildInfoException;
import io.openim.maven.sbom.SpdxDocument;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes {@code NAME.spdx.json} beside an image's archive: its SPDX document, made from the Go
 * build information of the binary and what the image's labels say of its base. A binary without
 * build information gets a warning naming it and no SBOM.
 */
final class ImageSboms {

    /** A written SBOM: the file and its SHA-256. */
    record Written(Path file, String sha256) {}

    private ImageSboms() {}

    static Path fileFor(Path archDirectory, ReleaseBinary binary) {
        return archDirectory.resolve(binary.name() + SpdxDocument.FILE_SUFFIX);
    }

    static Written write(
            ReleaseRequest request,
            ReleaseBinary binary,
            OciImage image,
            String reference,
            Path target,
            Console console) {
        GoBuildInfo go;
        try {
            go = GoBuildInfo.read(binary.file());
        } catch (NoBuildInfoException e) {
            console.warn("No SBOM for " + binary.name() + " (" + binary.platform() + "): " + binary.file() + ": "
                    + e.getMessage() + ".");
            return null;
        } catch (IOException e) {
            throw new OpenImException("Cannot read " + binary.file() + " for its SBOM: " + e.getMessage(), e);
        }
        JsonNode runtime = OciJson.parse(image.config().content()).path("config");
        Map<String, String> labels = OciJson.strings(runtime.get("Labels"));
        ImageMetadata metadata = request.metadata();
        byte[] document;
        try {
            document = SpdxDocument.write(new ImageSbom(
                    reference,
                    image.manifest().digest(),
                    binary.platform().architecture(),
                    pathInImage(binary, runtime),
                    digest(binary.file(), "SHA-1"),
                    digest(binary.file(), "SHA-256"),
                    go,
                    labels.get(ImageMetadata.BASE_NAME),
                    labels.get(ImageMetadata.BASE_DIGEST),
                    metadata.sbomLicenses(),
                    labels.get(ImageMetadata.DESCRIPTION),
                    metadata.homepage(),
                    request.created(),
                    metadata.tool()));
            Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
            Files.write(temporary, document);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot write the SBOM " + target + ": " + e.getMessage() + ". Free disk space or point "
                            + Setting.OUT_DIR.describe() + " at a writable directory with room.",
                    e);
        }
        return new Written(target, Sha256.hex(document));
    }

    /**
     * Where the binary is in the image: the plugin's place for it, or where a per-binary
     * Dockerfile's entrypoint says it is; the bare name when that is not known.
     */
    private static String pathInImage(ReleaseBinary binary, JsonNode runtime) {
        String entrypoint = runtime.path("Entrypoint").path(0).asText("");
        if (entrypoint.startsWith("/") && entrypoint.endsWith("/" + binary.name())) {
            return entrypoint;
        }
        return "/" + binary.name();
    }

    private static String digest(Path file, String algorithm) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
