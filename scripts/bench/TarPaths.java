// A harness for scripts/bench/tar-paths.sh: the release path's tar work done with the plugin's own
// tar code (io.openim.maven.util.TarWriter, TarStream) and with commons-compress (TarArchive
// OutputStream/InputStream), alternating, BENCH_RUNS times each, medians printed:
//   write  an archive like openim:image's: a few large blobs streamed from a file plus small files
//   read   a `docker save` export (the base images the plugin takes): every entry, every byte
// Run with a classpath holding the plugin's classes and commons-compress:
//   java -cp CLASSPATH TarPaths.java EXPORT_TAR RUNS
import io.openim.maven.util.TarStream;
import io.openim.maven.util.TarWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

public class TarPaths {

    /** Counts and drops what is written, so only the tar code is measured. */
    static final class Sink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    interface Work {
        long run() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Path export = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path blob = export; // a large file to stream into the written archive, as layers are
        long blobSize = Files.size(blob);
        byte[] small = new byte[300];
        Work ownWrite = () -> {
            Sink sink = new Sink();
            try (TarWriter tar = new TarWriter(new BufferedOutputStream(sink, 1 << 16))) {
                for (int i = 0; i < 200; i++) {
                    tar.addFile("meta/file-" + i + ".json", small, 0644, 0, 0, 0);
                }
                for (int i = 0; i < 3; i++) {
                    try (InputStream in = Files.newInputStream(blob)) {
                        tar.addFile("blobs/sha256/blob-" + i, in, blobSize, 0644, 0);
                    }
                }
            }
            return sink.count;
        };
        Work compressWrite = () -> {
            Sink sink = new Sink();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(sink, 1 << 16))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (int i = 0; i < 200; i++) {
                    TarArchiveEntry entry = new TarArchiveEntry("meta/file-" + i + ".json");
                    entry.setSize(small.length);
                    entry.setMode(0100644);
                    tar.putArchiveEntry(entry);
                    tar.write(small);
                    tar.closeArchiveEntry();
                }
                for (int i = 0; i < 3; i++) {
                    TarArchiveEntry entry = new TarArchiveEntry("blobs/sha256/blob-" + i);
                    entry.setSize(blobSize);
                    entry.setMode(0100644);
                    tar.putArchiveEntry(entry);
                    try (InputStream in = Files.newInputStream(blob)) {
                        in.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
            return sink.count;
        };
        Work ownRead = () -> {
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream file = new BufferedInputStream(Files.newInputStream(export), 1 << 16)) {
                TarStream tar = new TarStream(file);
                for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                    InputStream content = tar.content();
                    int read;
                    while ((read = content.read(buffer)) >= 0) {
                        total += read;
                    }
                }
            }
            return total;
        };
        Work compressRead = () -> {
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            try (TarArchiveInputStream tar =
                    new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(export), 1 << 16))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    int read;
                    while ((read = tar.read(buffer)) >= 0) {
                        total += read;
                    }
                }
            }
            return total;
        };
        // One of each unmeasured, so both are compiled and the file is in the page cache.
        ownWrite.run();
        compressWrite.run();
        ownRead.run();
        compressRead.run();
        List<Long> ow = new ArrayList<>(), cw = new ArrayList<>(), or = new ArrayList<>(), cr = new ArrayList<>();
        long ownBytes = 0, compressBytes = 0;
        for (int i = 0; i < runs; i++) {
            ow.add(time(ownWrite));
            cw.add(time(compressWrite));
            or.add(time(ownRead));
            cr.add(time(compressRead));
        }
        ownBytes = ownRead.run();
        compressBytes = compressRead.run();
        System.out.printf("write (3 x %d MB blobs + 200 small files): own %d ms, commons-compress %d ms, own/cc %.2f%n",
                blobSize >> 20, median(ow), median(cw), (double) median(ow) / median(cw));
        System.out.printf("read (%s, %d MB): own %d ms, commons-compress %d ms, own/cc %.2f (bytes read: %d vs %d)%n",
                export.getFileName(), Files.size(export) >> 20, median(or), median(cr),
                (double) median(or) / median(cr), ownBytes, compressBytes);
    }

    static long time(Work work) throws IOException {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
