package io.openim.maven.config;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import io.openim.maven.setting.SettingType;
import io.openim.maven.util.TextInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one place that decides a setting's value. Precedence, highest first:
 *
 * <ol>
 *   <li>a {@code -Dopenim.*} property on the command line (so CI can override anything);
 *   <li>the parameter configured in the POM;
 *   <li>the {@code OPENIM_*} environment variable (the original build scripts' settings);
 *   <li>the default declared in {@link Setting}.
 * </ol>
 *
 * A blank value counts as unset. Lists given as a property or variable are comma separated; the
 * type, default and valid range come from the {@link Setting}.
 */
public final class SettingsResolver {

    /** A value and where it came from. */
    public record Resolved(String value, SettingSource source) {}

    private final Properties userProperties;
    private final Map<String, String> environment;

    public SettingsResolver(Properties userProperties, Map<String, String> environment) {
        this.userProperties = userProperties;
        this.environment = environment;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Resolved resolve(Setting setting, Object pomValue) {
        // A blank value (e.g. "-Dopenim.remote.root=") means "not set here", as for the environment.
        String property = setting.property() == null ? null : userProperties.getProperty(setting.property());
        if (property != null && !property.isBlank()) {
            return checked(setting, property, SettingSource.PROPERTY);
        }
        String pom = pomText(pomValue);
        if (pom != null && !pom.isBlank()) {
            return checked(setting, pom, SettingSource.POM);
        }
        String env = setting.environment() == null ? null : environment.get(setting.environment());
        if (env != null && !env.isBlank()) {
            return checked(setting, env, SettingSource.ENVIRONMENT);
        }
        if (setting.defaultValue() != null) {
            return new Resolved(setting.defaultValue(), SettingSource.DEFAULT);
        }
        return new Resolved(null, SettingSource.UNSET);
    }

    /**
     * A value the user typed: a byte-order mark and CRLF line ends (a variable read from a file
     * edited on Windows) are accepted, any other invisible character is refused, shown escaped.
     */
    private static Resolved checked(Setting setting, String value, SettingSource source) {
        try {
            return new Resolved(
                    TextInput.checked(
                            value,
                            "Setting " + setting.describe() + " (from " + origin(setting, source) + ")",
                            "Fix " + setting.describe()),
                    source);
        } catch (IllegalArgumentException e) {
            throw new OpenImException(e.getMessage());
        }
    }

    /** The value, trimmed; null when unset or blank. */
    public String string(Setting setting, Object pomValue) {
        String value = resolve(setting, pomValue).value();
        return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean bool(Setting setting, Object pomValue) {
        Boolean value = optionalBool(setting, pomValue);
        return value == null ? Boolean.parseBoolean(setting.defaultValue()) : value;
    }

    /** The value, or null when unset and without a default. */
    public Boolean optionalBool(Setting setting, Object pomValue) {
        expect(setting, SettingType.BOOLEAN);
        Resolved resolved = resolve(setting, pomValue);
        String value = resolved.value() == null ? "" : resolved.value().trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> null;
            case "true", "y", "yes", "1", "on" -> true;
            case "false", "n", "no", "0", "off" -> false;
            default -> throw invalid(setting, resolved, "true or false");
        };
    }

    /** The value, or null when unset and without a default (the caller derives one). */
    public Integer integer(Setting setting, Object pomValue) {
        expect(setting, SettingType.INTEGER);
        Resolved resolved = resolve(setting, pomValue);
        if (resolved.value() == null || resolved.value().isBlank()) {
            return null;
        }
        String range = "a whole number from " + setting.min() + " to " + setting.max();
        try {
            int value = Integer.parseInt(resolved.value().trim());
            if (value < setting.min() || value > setting.max()) {
                throw invalid(setting, resolved, range);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(setting, resolved, range);
        }
    }

    /** One of the setting's words, lower-cased. */
    public String choice(Setting setting, Object pomValue) {
        expect(setting, SettingType.CHOICE);
        Resolved resolved = resolve(setting, pomValue);
        String value = resolved.value() == null ? null : resolved.value().trim().toLowerCase(Locale.ROOT);
        if (value == null || value.isEmpty()) {
            return setting.defaultValue();
        }
        if (!setting.choices().contains(value)) {
            throw invalid(setting, resolved, String.join(" or ", setting.choices()));
        }
        return value;
    }

    public List<String> list(Setting setting, Collection<?> pomValue) {
        expect(setting, SettingType.LIST);
        Resolved resolved = resolve(setting, pomValue == null || pomValue.isEmpty() ? null : pomValue);
        if (resolved.source() == SettingSource.POM) {
            return clean(pomValue.stream()
                    .map(v -> v == null
                            ? null
                            : checked(setting, String.valueOf(v), SettingSource.POM)
                                    .value())
                    .toList());
        }
        if (resolved.value() == null) {
            return List.of();
        }
        return clean(Arrays.asList(resolved.value().split(",")));
    }

    /** A map parameter: only the POM configures it. */
    public Map<String, String> map(Setting setting, Map<String, String> pomValue) {
        expect(setting, SettingType.MAP);
        if (pomValue == null) {
            return Map.of();
        }
        // An empty element (<key/>) arrives as null: it stands for the empty value.
        Map<String, String> values = new TreeMap<>();
        pomValue.forEach((key, value) -> values.put(key, value == null ? "" : value));
        return java.util.Collections.unmodifiableMap(values);
    }

    private static void expect(Setting setting, SettingType type) {
        if (setting.type() != type) {
            throw new IllegalArgumentException(setting + " is a " + setting.type() + " setting, not " + type);
        }
    }

    private static List<String> clean(Collection<String> values) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                result.add(value.trim());
            }
        }
        return List.copyOf(result);
    }

    private static String pomText(Object pomValue) {
        if (pomValue == null) {
            return null;
        }
        if (pomValue instanceof Collection<?> collection) {
            return collection.isEmpty()
                    ? null
                    : String.join(",", collection.stream().map(String::valueOf).toList());
        }
        return String.valueOf(pomValue);
    }

    /** The one line a bad value gets: which setting, where the value came from, what is allowed. */
    static OpenImException invalid(Setting setting, Resolved resolved, String expected) {
        return new OpenImException("Setting " + setting.describe() + " is '" + TextInput.escaped(resolved.value())
                + "' (from " + origin(setting, resolved.source()) + "); it must be " + expected + ".");
    }

    static String origin(Setting setting, SettingSource source) {
        return switch (source) {
            case PROPERTY -> "-D" + setting.property();
            case ENVIRONMENT -> "the environment variable " + setting.environment();
            case POM -> "<" + setting.parameter() + "> in the POM";
            default -> "the default";
        };
    }
}
