package io.openim.maven.config;

import io.openim.maven.setting.Goal;
import io.openim.maven.setting.Setting;
import java.lang.reflect.Field;
import java.util.EnumMap;
import java.util.Map;

/**
 * The POM values of one goal, read from the mojo's parameter fields by the names {@link Setting}
 * declares, so no list of parameters is written out by hand. A unit test checks that every
 * setting of a goal has such a field in the generated plugin descriptor.
 */
public final class PomValues {

    private PomValues() {}

    public static Map<Setting, Object> read(Object mojo, Goal goal) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (!setting.goals().contains(goal)) {
                continue;
            }
            Object value = fieldValue(mojo, setting.parameter());
            if (value != null) {
                values.put(setting, value);
            }
        }
        return values;
    }

    private static Object fieldValue(Object mojo, String name) {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(mojo);
            } catch (NoSuchFieldException e) {
                // Declared higher up.
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read parameter " + name, e);
            }
        }
        throw new IllegalStateException(mojo.getClass().getSimpleName() + " has no parameter field '" + name
                + "' although Setting says the goal reads it");
    }
}
