package io.openim.maven.release;

import io.openim.maven.oci.Layer;
import io.openim.maven.util.TarWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The one layer the plugin adds to a base: the binary at {@code /usr/local/bin/NAME}, with its
 * directories, owned by root, every time set to the image's creation time, so the same binary
 * always gives the same layer.
 */
final class BinaryLayer {

    static final String DIRECTORY = "usr/local/bin/";

    private BinaryLayer() {}

    /** The path of the binary inside the image. */
    static String pathOf(String name) {
        return "/" + DIRECTORY + name;
    }

    static Layer write(Path binary, String name, Instant created, Path blobDirectory) throws IOException {
        long mtime = created.getEpochSecond();
        try (GzipLayers.Sink sink = GzipLayers.sink(blobDirectory)) {
            TarWriter tar = new TarWriter(sink.tar());
            tar.addDirectory("usr/", 0755, mtime);
            tar.addDirectory("usr/local/", 0755, mtime);
            tar.addDirectory(DIRECTORY, 0755, mtime);
            tar.addFile(DIRECTORY + name, binary, 0755, mtime);
            tar.close();
            return sink.finish();
        }
    }
}
