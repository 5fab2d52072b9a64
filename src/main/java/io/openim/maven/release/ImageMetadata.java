package io.openim.maven.release;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What release images say of themselves beyond their content, resolved from the POM and the
 * checkout: the OCI labels every image gets, the POM's own labels on top, the user they run as,
 * and what their SBOMs name.
 *
 * @param labels the derived {@code org.opencontainers.image.*} labels every image carries (only
 *     those that can be known); the title and the base are added per image
 * @param overrides the POM's {@code labels}: added or replacing, an empty value removes the label
 * @param user the image's {@code User}, or null to keep the base's
 * @param homepage the POM's url, for the SBOMs, or null
 * @param tool the SBOMs' creator, e.g. {@code openim-maven-plugin-1.0.0}
 * @param notes why a label was left out, for the log
 */
public record ImageMetadata(
        Map<String, String> labels,
        Map<String, String> overrides,
        String user,
        String homepage,
        String tool,
        List<String> notes) {

    public static final String PREFIX = "org.opencontainers.image.";
    public static final String SOURCE = PREFIX + "source";
    public static final String REVISION = PREFIX + "revision";
    public static final String VERSION = PREFIX + "version";
    public static final String CREATED = PREFIX + "created";
    public static final String TITLE = PREFIX + "title";
    public static final String LICENSES = PREFIX + "licenses";
    public static final String DESCRIPTION = PREFIX + "description";
    public static final String BASE_NAME = PREFIX + "base.name";
    public static final String BASE_DIGEST = PREFIX + "base.digest";

    public ImageMetadata {
        labels = Map.copyOf(new TreeMap<>(labels));
        overrides = Map.copyOf(new TreeMap<>(overrides));
        notes = List.copyOf(notes);
    }

    /** No labels, no user: what a request without POM facts gets. */
    public static ImageMetadata none() {
        return new ImageMetadata(Map.of(), Map.of(), null, null, "openim-maven-plugin", List.of());
    }

    /** The licenses an SBOM may declare: the POM's SPDX expression, unless the POM's labels changed it. */
    public String sbomLicenses() {
        return overrides.containsKey(LICENSES) ? null : labels.get(LICENSES);
    }
}
