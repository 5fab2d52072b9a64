package io.openim.maven.release;

import java.util.List;

/** The index of one image across platforms, as a registry gets it. */
public final class OciIndex {

    /** One platform's manifest in an index. */
    public record Entry(Platform platform, Blob manifest) {}

    private OciIndex() {}

    public static Blob of(List<Entry> entries) {
        List<OciImage> images = entries.stream()
                .map(entry -> new OciImage(entry.platform(), entry.manifest(), List.of(), entry.manifest()))
                .toList();
        return Blob.inMemory(MediaTypes.INDEX, ImageJson.index(images, List.of()));
    }
}
