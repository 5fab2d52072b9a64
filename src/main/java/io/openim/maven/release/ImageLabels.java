package io.openim.maven.release;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of one release image and, from them, its manifest's annotations. Labels: what it
 * inherits (for an assembled image the base's, less the base's own {@code org.opencontainers.image.*}
 * labels, which describe the base), the plugin's {@code io.openim.*} labels, the derived OCI labels,
 * its title and base, then the POM's labels (an empty value removes one). Annotations: the final
 * {@code org.opencontainers.image.*} labels.
 */
final class ImageLabels {

    private ImageLabels() {}

    static Map<String, String> of(
            Map<String, String> inherited,
            boolean dropInheritedOci,
            ReleaseRequest request,
            ReleaseBinary binary,
            BaseImage base) {
        Map<String, String> labels = new TreeMap<>();
        inherited.forEach((key, value) -> {
            if (!dropInheritedOci || !key.startsWith(ImageMetadata.PREFIX)) {
                labels.put(key, value);
            }
        });
        labels.putAll(request.imageLabels());
        labels.put(ReleaseImageService.LABEL_BINARY, binary.name());
        ImageMetadata metadata = request.metadata();
        labels.putAll(metadata.labels());
        labels.put(ImageMetadata.TITLE, binary.name());
        if (base != null && !base.isScratch()) {
            labels.put(ImageMetadata.BASE_NAME, base.fullName());
            labels.put(ImageMetadata.BASE_DIGEST, base.id());
        }
        metadata.overrides().forEach((key, value) -> {
            if (value.isEmpty()) {
                labels.remove(key);
            } else {
                labels.put(key, value);
            }
        });
        return labels;
    }

    static Map<String, String> annotations(Map<String, String> labels) {
        Map<String, String> annotations = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (key.startsWith(ImageMetadata.PREFIX)) {
                annotations.put(key, value);
            }
        });
        return annotations;
    }
}
