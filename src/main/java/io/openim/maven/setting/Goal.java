package io.openim.maven.setting;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The plugin's goals, as users type them after {@code openim:}. */
public enum Goal {
    CLEAN("clean"),
    BUILD_IMAGE("build-image"),
    SYNC("sync"),
    COPY_OUTPUT("copy-output"),
    BUILD("build"),
    RUN("run"),
    SHELL("shell"),
    IMAGE("image"),
    PUSH("push");

    /** Every goal. */
    public static final Set<Goal> ALL = Collections.unmodifiableSet(EnumSet.allOf(Goal.class));
    /** The goals that work in the build, rsync and data containers. */
    public static final Set<Goal> CONTAINERS =
            Collections.unmodifiableSet(EnumSet.of(SYNC, COPY_OUTPUT, BUILD, RUN, SHELL));
    /** The goals that work with release images: making them and publishing them. */
    public static final Set<Goal> RELEASE = Collections.unmodifiableSet(EnumSet.of(IMAGE, PUSH));
    /** The container goals that run a command in the build container. */
    public static final Set<Goal> COMMANDS = Collections.unmodifiableSet(EnumSet.of(BUILD, RUN, SHELL));
    /** The goals that make sure the build image exists: build-image and every container goal. */
    public static final Set<Goal> WITH_BUILD_IMAGE =
            Collections.unmodifiableSet(union(Set.of(BUILD_IMAGE), CONTAINERS));

    private final String goalName;

    Goal(String goalName) {
        this.goalName = goalName;
    }

    /** The name after {@code openim:}, e.g. {@code build-image}. */
    public String goalName() {
        return goalName;
    }

    public static Set<Goal> union(Set<Goal> first, Set<Goal> second) {
        EnumSet<Goal> all = EnumSet.noneOf(Goal.class);
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
