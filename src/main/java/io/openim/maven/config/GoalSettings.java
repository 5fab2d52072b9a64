package io.openim.maven.config;

import io.openim.maven.setting.Goal;
import io.openim.maven.setting.Setting;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one goal execution, typed: the resolver's precedence over this goal's POM values.
 * Reading a setting the goal does not declare is a programming error, so {@link Setting#goals()}
 * stays true.
 */
public final class GoalSettings {

    private final Goal goal;
    private final ProjectFacts project;
    private final SettingsResolver resolver;
    private final Map<Setting, Object> pom;
    private final Set<Setting> read = EnumSet.noneOf(Setting.class);

    public GoalSettings(Goal goal, ProjectFacts project, SettingsResolver resolver, Map<Setting, Object> pom) {
        this.goal = goal;
        this.project = project;
        this.resolver = resolver;
        this.pom = Map.copyOf(pom);
    }

    public Goal goal() {
        return goal;
    }

    public ProjectFacts project() {
        return project;
    }

    public Map<String, String> environment() {
        return resolver.environment();
    }

    public String string(Setting setting) {
        return resolver.string(declared(setting), pom.get(setting));
    }

    public boolean bool(Setting setting) {
        return resolver.bool(declared(setting), pom.get(setting));
    }

    /** The value, or null when unset and without a default. */
    public Boolean optionalBool(Setting setting) {
        return resolver.optionalBool(declared(setting), pom.get(setting));
    }

    /** The value, or null when unset and without a default. */
    public Integer integer(Setting setting) {
        return resolver.integer(declared(setting), pom.get(setting));
    }

    public String choice(Setting setting) {
        return resolver.choice(declared(setting), pom.get(setting));
    }

    public List<String> list(Setting setting) {
        return resolver.list(declared(setting), (Collection<?>) pom.get(setting));
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(Setting setting) {
        return resolver.map(declared(setting), (Map<String, String>) pom.get(setting));
    }

    /** A path setting, relative to the project root unless absolute; null when unset. */
    public Path path(Setting setting) {
        String value = string(setting);
        return value == null ? null : project.basedir().resolve(value).normalize();
    }

    public SettingsResolver.Resolved resolved(Setting setting) {
        return resolver.resolve(declared(setting), pom.get(setting));
    }

    /** The settings read so far; a test checks that a goal's preparation reads all it declares. */
    public synchronized Set<Setting> read() {
        return EnumSet.copyOf(read.isEmpty() ? EnumSet.noneOf(Setting.class) : read);
    }

    private synchronized Setting declared(Setting setting) {
        if (!setting.goals().contains(goal)) {
            throw new IllegalStateException(
                    "openim:" + goal.goalName() + " reads " + setting + ", which Setting does not declare for it");
        }
        read.add(setting);
        return setting;
    }
}
