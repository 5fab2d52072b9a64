package io.openim.maven.docker;

/** Engine and API version as reported by {@code /version}. */
public record EngineVersion(String engineVersion, String apiVersion, String os, String arch) {

    /** The oldest API the plugin is written and tested against (Engine 20.10). */
    public static final String MINIMUM_API = "1.41";

    public boolean apiAtLeast(String required) {
        return compareApi(apiVersion, required) >= 0;
    }

    static int compareApi(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? parsePart(a[i]) : 0;
            int y = i < b.length ? parsePart(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int parsePart(String part) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
