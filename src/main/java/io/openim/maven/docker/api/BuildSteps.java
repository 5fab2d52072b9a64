package io.openim.maven.docker.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a build made step by step, read from its output, so that a failed build can take
 * them along. A step's image is printed as " ---> ID" (Docker's builder) or "--> ID" (Podman's).
 * Images the build did not make are never listed: a FROM step's (the base, or another stage's
 * base) and a step taken from the cache (it may belong to someone else's image).
 */
final class BuildSteps {

    private static final Pattern STEP = Pattern.compile("(?i)^\\s*step\\s+\\d+/\\d+\\s*:\\s*(\\S+).*");
    private static final Pattern CACHED = Pattern.compile("^\\s*-+>\\s+Using cache(?:\\s+([0-9a-f]{11,64}))?\\s*$");
    private static final Pattern IMAGE = Pattern.compile("^\\s*-+>\\s+([0-9a-f]{11,64})\\s*$");

    private final List<String> made = new ArrayList<>();
    private final Set<String> cached = new HashSet<>();
    private String instruction = "";
    private boolean nextIsCached;

    void accept(String line) {
        Matcher step = STEP.matcher(line);
        if (step.matches()) {
            instruction = step.group(1).toUpperCase(Locale.ROOT);
            nextIsCached = false;
            return;
        }
        Matcher cache = CACHED.matcher(line);
        if (cache.matches()) {
            nextIsCached = true;
            if (cache.group(1) != null) {
                cached.add(cache.group(1));
            }
            return;
        }
        Matcher image = IMAGE.matcher(line);
        if (image.matches()) {
            String id = image.group(1);
            if (!nextIsCached && !"FROM".equals(instruction) && !cached.contains(id)) {
                made.add(id);
            }
            nextIsCached = false;
        }
    }

    /** The images this build made, the latest first (the order to remove them in). */
    List<String> madeLatestFirst() {
        List<String> latestFirst = new ArrayList<>(made);
        java.util.Collections.reverse(latestFirst);
        return latestFirst;
    }
}
