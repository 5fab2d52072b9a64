package io.openim.maven.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code SHA256SUMS} file of one architecture directory, in the format {@code sha256sum -c}
 * reads. New entries replace old ones; entries whose archive is gone are dropped.
 */
final class Sha256Sums {

    static final String FILE_NAME = "SHA256SUMS";

    private Sha256Sums() {}

    static synchronized void update(Path directory, Map<String, String> newSums) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        Map<String, String> sums = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int split = line.indexOf("  ");
                if (split > 0) {
                    sums.put(line.substring(split + 2), line.substring(0, split));
                }
            }
        }
        sums.putAll(newSums);
        sums.keySet().removeIf(name -> !Files.isRegularFile(directory.resolve(name)));
        StringBuilder text = new StringBuilder();
        sums.forEach((name, sum) -> text.append(sum).append("  ").append(name).append('\n'));
        Path temporary = directory.resolve("." + FILE_NAME + ".partial");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
