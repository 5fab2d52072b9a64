package io.openim.maven.oci;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import java.util.List;
import java.util.Set;

/**
 * An OS, architecture and optional variant, as {@code bin/OS/ARCH[/VARIANT]/} and image configs
 * name them, e.g. {@code linux/arm64} or {@code linux/arm/v7}.
 */
public record Platform(String os, String architecture, String variant) implements Comparable<Platform> {

    /** The values Go and the OCI image spec use; anything else is a typo. */
    public static final Set<String> OSES = Set.of("linux", "windows", "darwin", "freebsd");

    public static final Set<String> ARCHITECTURES =
            Set.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64", "mips64le", "loong64");

    public static final Set<String> VARIANTS = Set.of("v5", "v6", "v7", "v8");

    /** Parses {@code OS/ARCH[/VARIANT]}; a bad one names the setting it came from. */
    public static Platform parse(String text, Setting origin) {
        List<String> parts = List.of(text.trim().split("/"));
        if (parts.size() < 2
                || parts.size() > 3
                || !OSES.contains(parts.get(0))
                || !ARCHITECTURES.contains(parts.get(1))
                || (parts.size() == 3 && !VARIANTS.contains(parts.get(2)))) {
            throw new OpenImException("'" + text + "' in " + origin.describe() + " is not a platform. Write"
                    + " OS/ARCH or OS/ARCH/VARIANT, e.g. linux/amd64, linux/arm64 or linux/arm/v7 (OS one of "
                    + sorted(OSES) + ", ARCH one of " + sorted(ARCHITECTURES) + ", VARIANT one of " + sorted(VARIANTS)
                    + ").");
        }
        return new Platform(parts.get(0), parts.get(1), parts.size() == 3 ? parts.get(2) : null);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** The image name and archive directory part: {@code amd64}, or {@code arm-v7} with a variant. */
    public String archTag() {
        return variant == null ? architecture : architecture + "-" + variant;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }

    @Override
    public int compareTo(Platform other) {
        return toString().compareTo(other.toString());
    }
}
