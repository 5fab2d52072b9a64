package io.openim.maven.config;

import io.openim.maven.OpenImException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The one place that decides a setting's value. Precedence, highest first:
 * <ol>
 *   <li>a {@code -Dopenim.*} property on the command line (so CI can override anything);</li>
 *   <li>the parameter configured in the POM;</li>
 *   <li>the {@code OPENIM_*} environment variable (the original build scripts' settings);</li>
 *   <li>the built-in default.</li>
 * </ol>
 * Lists given as a property or variable are comma separated.
 */
public final class SettingsResolver {

    /** A value and where it came from. */
    public record Resolved<T>(T value, SettingSource source) {
    }

    private final Properties userProperties;
    private final Map<String, String> environment;

    public SettingsResolver(Properties userProperties, Map<String, String> environment) {
        this.userProperties = userProperties;
        this.environment = environment;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Resolved<String> resolve(Setting setting, Object pomValue) {
        // A blank value (e.g. "-Dopenim.remote.root=") means "not set here", as for the environment.
        String property = userProperties.getProperty(setting.property());
        if (property != null && !property.isBlank()) {
            return new Resolved<>(property, SettingSource.PROPERTY);
        }
        String pom = pomText(pomValue);
        if (pom != null && !pom.isBlank()) {
            return new Resolved<>(pom, SettingSource.POM);
        }
        String env = environment.get(setting.environment());
        if (env != null && !env.isEmpty()) {
            return new Resolved<>(env, SettingSource.ENVIRONMENT);
        }
        if (setting.defaultValue() != null) {
            return new Resolved<>(setting.defaultValue(), SettingSource.DEFAULT);
        }
        return new Resolved<>(null, SettingSource.UNSET);
    }

    /** The value, trimmed; null when unset or blank. */
    public String string(Setting setting, Object pomValue) {
        String value = resolve(setting, pomValue).value();
        return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean bool(Setting setting, Boolean pomValue) {
        Resolved<String> resolved = resolve(setting, pomValue);
        String value = resolved.value() == null ? "" : resolved.value().trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "":
                return Boolean.parseBoolean(setting.defaultValue());
            case "true", "y", "yes", "1", "on":
                return true;
            case "false", "n", "no", "0", "off":
                return false;
            default:
                throw invalid(setting, resolved, "true or false");
        }
    }

    public int integer(Setting setting, Integer pomValue, int fallback, int min, int max) {
        Resolved<String> resolved = resolve(setting, pomValue);
        if (resolved.value() == null || resolved.value().isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(resolved.value().trim());
            if (value < min || value > max) {
                throw invalid(setting, resolved, "a whole number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(setting, resolved, "a whole number from " + min + " to " + max);
        }
    }

    public List<String> list(Setting setting, Collection<String> pomValue) {
        Resolved<String> resolved = resolve(setting, pomValue == null || pomValue.isEmpty() ? null : pomValue);
        if (resolved.source() == SettingSource.POM) {
            return clean(pomValue);
        }
        if (resolved.value() == null) {
            return List.of();
        }
        return clean(Arrays.asList(resolved.value().split(",")));
    }

    /** A map parameter: only the POM configures it, entries from the property are not supported. */
    public Map<String, String> map(Map<String, String> pomValue) {
        return pomValue == null ? Map.of() : Map.copyOf(pomValue);
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
            return collection.isEmpty() ? null : String.join(",", collection.stream().map(String::valueOf).toList());
        }
        return String.valueOf(pomValue);
    }

    private static OpenImException invalid(Setting setting, Resolved<String> resolved, String expected) {
        String where = switch (resolved.source()) {
            case PROPERTY -> "-D" + setting.property();
            case ENVIRONMENT -> "the environment variable " + setting.environment();
            case POM -> "<" + setting.parameter() + "> in the POM";
            default -> "the default";
        };
        return new OpenImException("Setting " + setting.describe() + " is '" + resolved.value() + "' (from " + where
                + "); it must be " + expected + ".");
    }
}
