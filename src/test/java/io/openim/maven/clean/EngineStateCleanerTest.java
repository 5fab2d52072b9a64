package io.openim.maven.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.util.RecordingConsole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineStateCleanerTest {

    private static final BuildIdentity CURRENT = new BuildIdentity("aaaaaaaaaa", "2", "g:a");
    private static final BuildIdentity OLD = new BuildIdentity("aaaaaaaaaa", "1", "g:a");
    private static final BuildIdentity OTHER = new BuildIdentity("bbbbbbbbbb", "2", "g:a");

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();
    private final EngineStateCleaner cleaner = new EngineStateCleaner(engine, console);

    @BeforeEach
    void seed() {
        for (BuildIdentity id : List.of(CURRENT, OLD, OTHER)) {
            String key = id.hash() + "-" + id.version();
            engine.addImage("image-" + key, List.of(id.buildImage()), id.labels(Role.BUILD_IMAGE));
            engine.addContainer("data-" + key, id.dataContainer(), id.labels(Role.DATA), false, 0);
            engine.addContainer("build-" + key, id.buildContainer(), id.labels(Role.BUILD), true, 0);
            engine.addVolume(id.dataVolume(0), id.labels(Role.DATA));
        }
        engine.addImage("base", List.of("golang:1.21"), Map.of());
        engine.addContainer("unrelated", "postgres", Map.of("app", "db"), true, 0);
    }

    @Test
    void removeOtherVersionsKeepsTheCurrentVersionAndOtherCheckouts() {
        int removed = cleaner.removeOtherVersions(CURRENT);

        assertEquals(4, removed);
        assertFalse(engine.hasImage("image-aaaaaaaaaa-1"));
        assertFalse(engine.hasContainer("data-aaaaaaaaaa-1"));
        assertFalse(engine.hasContainer("build-aaaaaaaaaa-1"));
        assertFalse(engine.hasVolume(OLD.dataVolume(0)));

        assertTrue(engine.hasImage("image-aaaaaaaaaa-2"));
        assertTrue(engine.hasContainer("data-aaaaaaaaaa-2"));
        assertTrue(engine.hasVolume(CURRENT.dataVolume(0)));
        assertTrue(engine.hasImage("image-bbbbbbbbbb-2"));
        assertTrue(engine.hasContainer("data-bbbbbbbbbb-2"));
        assertTrue(engine.hasVolume(OTHER.dataVolume(0)));
        assertTrue(engine.hasImage("base"));
        assertTrue(engine.hasContainer("unrelated"));
    }

    @Test
    void removeAllTakesEveryVersionOfThisCheckoutOnly() {
        int removed = cleaner.removeAll(CURRENT.hash());

        assertEquals(8, removed);
        assertEquals(
                List.of("image-bbbbbbbbbb-2", "base"),
                engine.images().stream().map(i -> i.id()).toList());
        assertEquals(
                List.of("data-bbbbbbbbbb-2", "build-bbbbbbbbbb-2", "unrelated"),
                engine.containers().stream().map(c -> c.id()).toList());
        assertEquals(
                List.of(OTHER.dataVolume(0)),
                engine.volumes().stream().map(v -> v.name()).toList());
    }

    @Test
    void containersGoBeforeVolumesAndImages() {
        cleaner.removeAll(CURRENT.hash());
        // Containers hold volumes and images; removing them first lets the rest go.
        assertEquals(4, engine.removedContainers.size());
        assertEquals(2, engine.removedVolumes.size());
        assertEquals(2, engine.removedImages.size());
        List<String> order = console.infos;
        int lastContainer = lastIndexStartingWith(order, "Removing container");
        int firstVolume = order.indexOf("Removing volume " + CURRENT.dataVolume(0));
        int firstImage = firstIndexStartingWith(order, "Removing image");
        assertTrue(lastContainer < firstVolume && firstVolume < firstImage, order.toString());
    }

    @Test
    void nothingToRemoveReturnsZero() {
        BuildIdentity fresh = new BuildIdentity("cccccccccc", "1", "g:a");
        assertEquals(0, cleaner.removeAll(fresh.hash()));
        assertEquals(4, cleaner.removeOtherVersions(CURRENT), "first pass removes the old version");
        assertEquals(0, cleaner.removeOtherVersions(CURRENT), "second pass finds nothing");
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                found = i;
            }
        }
        return found;
    }

    private static int firstIndexStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
