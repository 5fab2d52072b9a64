package io.openim.maven.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.util.Json;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import io.openim.maven.util.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One cache volume's archive: a gzip-compressed tar whose first entry, {@value #HEADER_ENTRY}, says
 * which volume it holds and what it was made for; the engine's own tar of the volume follows as it
 * came (entries named from the volume's last path element on). {@code tar -tzf} lists it like any
 * other archive.
 */
public final class CacheArchive {

    static final String HEADER_ENTRY = ".openim-cache.json";
    static final int FORMAT = 1;
    private static final int BLOCK = 512;
    /** A header is a few hundred bytes; anything much larger is not one of ours. */
    private static final int MAX_HEADER = 64 * 1024;

    private CacheArchive() {}

    /**
     * What the caches in an archive were made by: Go's build and module caches are only worth
     * restoring into the build image they came from.
     */
    public record MadeFor(String buildImageVersion, String crossImage, String crossVersion) {

        /** "build image version 1 with the cross image openim-it/golang:bookworm". */
        public String describe() {
            String cross = crossImage == null
                    ? "no cross image"
                    : "the cross image " + crossImage + (crossVersion == null ? "" : ":" + crossVersion);
            return "build image version " + buildImageVersion + " with " + cross;
        }
    }

    /** The first entry of an archive. */
    record Header(int format, String volume, MadeFor madeFor) {}

    /**
     * The archive's file name for a volume path: readable, and kept apart from every other path by a
     * hash ({@code /cache} → {@code openim-cache-cache-HASH.tar.gz}).
     */
    static String fileName(String volume) {
        String readable = volume.replaceAll("^/+|/+$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        String hash = Sha256.hex(volume).substring(0, 8);
        return "openim-cache-" + (readable.isEmpty() ? "root" : readable) + "-" + hash + ".tar.gz";
    }

    /** The directory the engine unpacks the archive's entries into: the volume's parent. */
    static String parentOf(String volume) {
        int slash = volume.replaceAll("/+$", "").lastIndexOf('/');
        return slash <= 0 ? "/" : volume.substring(0, slash);
    }

    /** Writes the header entry; the engine's tar of the volume goes right after it. */
    static void writeHeader(OutputStream out, Header header) throws IOException {
        ObjectNode json = Json.object()
                .put("format", header.format())
                .put("volume", header.volume())
                .put("buildImageVersion", header.madeFor().buildImageVersion());
        if (header.madeFor().crossImage() != null) {
            json.put("crossImage", header.madeFor().crossImage());
        }
        if (header.madeFor().crossVersion() != null) {
            json.put("crossVersion", header.madeFor().crossVersion());
        }
        // Not closed: closing would end the tar before the volume's entries.
        new TarWriter(out).addFile(HEADER_ENTRY, Json.bytes(json), 0644, 0, 0);
    }

    /**
     * Reads the header entry and leaves {@code in} at the first entry of the volume's tar.
     *
     * @throws IOException when the stream does not start with one (damaged, or not such an archive)
     */
    static Header readHeader(InputStream in) throws IOException {
        byte[] block = in.readNBytes(BLOCK);
        if (block.length < BLOCK) {
            throw new IOException("it ends before its header");
        }
        String name = new String(block, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
        long size = TarStream.parseOctal(block, 124, 12);
        if (!name.equals(HEADER_ENTRY) || size <= 0 || size > MAX_HEADER) {
            throw new IOException("it does not start with " + HEADER_ENTRY);
        }
        byte[] body = in.readNBytes((int) size);
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        if (body.length < size || in.readNBytes((int) padding).length < padding) {
            throw new IOException("it ends inside its header");
        }
        JsonNode json = Json.parse(body);
        String volume = json.path("volume").asText(null);
        String version = json.path("buildImageVersion").asText(null);
        if (volume == null || version == null) {
            throw new IOException("its header names no volume or build image version");
        }
        return new Header(
                json.path("format").asInt(0),
                volume,
                new MadeFor(
                        version,
                        json.path("crossImage").asText(null),
                        json.path("crossVersion").asText(null)));
    }
}
