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
    PUSH("push"),
    CACHE_SAVE("cache-save"),
    CACHE_RESTORE("cache-restore");

    /** Every goal. */
    public static final Set<Goal> ALL = Collections.unmodifiableSet(EnumSet.allOf(Goal.class));
    /** The goals that work in the build, rsync and data containers. */
    public static final Set<Goal> CONTAINERS =
            Collections.unmodifiableSet(EnumSet.of(SYNC, COPY_OUTPUT, BUILD, RUN, SHELL));
    /** The goals that work with release images: making them and publishing them. */
    public static final Set<Goal> RELEASE = Collections.unmodifiableSet(EnumSet.of(IMAGE, PUSH));
    /** The container goals that run a command in the build container. */
    public static final Set<Goal> COMMANDS = Collections.unmodifiableSet(EnumSet.of(BUILD, RUN, SHELL));
    /** The goals that make sure the build image exists: build-image, every container goal, cache-restore. */
    public static final Set<Goal> WITH_BUILD_IMAGE =
            Collections.unmodifiableSet(union(Set.of(BUILD_IMAGE, CACHE_RESTORE), CONTAINERS));
    /** The goals that keep the data container's caches outside the engine. */
    public static final Set<Goal> CACHE = Collections.unmodifiableSet(EnumSet.of(CACHE_SAVE, CACHE_RESTORE));
    /**
     * The goals that need to know which build image version and cross image the build uses (its
     * names, or what a cache archive was made for), without necessarily building it.
     */
    public static final Set<Goal> BUILD_IMAGE_NAMED = Collections.unmodifiableSet(union(WITH_BUILD_IMAGE, CACHE));
    /** The goals that create the data container, and so decide its volumes and their owner. */
    public static final Set<Goal> DATA_CONTAINER =
            Collections.unmodifiableSet(union(CONTAINERS, Set.of(CACHE_RESTORE)));

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
