// A harness for scripts/bench/release-images.sh: makes the same release images as openim:image
// with jib-core (base from a docker-save tarball, one layer with the binary, written as a tarball),
// all at once on a thread pool, and prints how long that took. Run with the jib-core classpath:
//   java -cp CLASSPATH JibRelease.java OUT_DIR BASE_TAR:ARCH:BINARY [BASE_TAR:ARCH:BINARY ...]
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class JibRelease {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> work = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split(":");
            Path base = Path.of(parts[0]);
            String arch = parts[1];
            Path binary = Path.of(parts[2]);
            String name = binary.getFileName().toString();
            work.add(pool.submit(() -> {
                Jib.from(TarImage.at(base))
                        .addLayer(List.of(binary), AbsoluteUnixPath.get("/usr/local/bin"))
                        .setEntrypoint("/usr/local/bin/" + name)
                        .setCreationTime(Instant.EPOCH)
                        .containerize(Containerizer.to(
                                TarImage.at(out.resolve(name + "-" + arch + ".tar")).named("bench/" + name + "-" + arch + ":1.0.0")));
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        System.out.println("jib-ms " + (System.nanoTime() - start) / 1_000_000);
    }
}
