package io.openim.maven.buildimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.util.TarReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    @TempDir
    Path temp;

    private Path dir;
    private Path dockerfile;

    @BeforeEach
    void createBuildImageDirectory() throws IOException {
        dir = Files.createDirectories(temp.resolve("build/build-image"));
        dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\nCOPY rsyncd.sh /\n");
        Files.writeString(dir.resolve("rsyncd.sh"), "#!/bin/sh\nexec rsync --daemon\n");
        Files.createDirectories(dir.resolve("conf/deep"));
        Files.writeString(dir.resolve("conf/deep/git.conf"), "[user]\n");
        Files.writeString(dir.resolve("VERSION"), "3\n");
    }

    private BuildContext prepare() {
        return prepare(Map.of());
    }

    private BuildContext prepare(Map<String, String> args) {
        return BuildContext.prepare(dockerfile, List.of(), "golang", "1.21", args);
    }

    private static Map<String, BuildContext.ContextFile> byPath(BuildContext context) {
        return context.files().stream().collect(Collectors.toMap(BuildContext.ContextFile::path, Function.identity()));
    }

    @Test
    void prepareHoldsRenderedDockerfileAndSiblingsByRelativePath() {
        BuildContext context = prepare();
        Map<String, BuildContext.ContextFile> files = byPath(context);
        assertEquals(Set.of("Dockerfile", "rsyncd.sh", "conf/deep/git.conf", "VERSION"), files.keySet());
        assertEquals(
                "FROM golang:1.21\nCOPY rsyncd.sh /\n",
                new String(files.get("Dockerfile").content(), StandardCharsets.UTF_8));
        assertEquals("[user]\n", new String(files.get("conf/deep/git.conf").content(), StandardCharsets.UTF_8));
        // Sorted by path, so the digest and the tar do not depend on directory order.
        List<String> paths =
                context.files().stream().map(BuildContext.ContextFile::path).toList();
        assertEquals(paths.stream().sorted().toList(), paths);
    }

    @Test
    void explicitFilesReplaceTheSiblings() throws IOException {
        Path extra = Files.writeString(temp.resolve("elsewhere.txt"), "x");
        BuildContext context =
                BuildContext.prepare(dockerfile, List.of(extra, dir.resolve("rsyncd.sh")), "golang", "1.21", Map.of());
        assertEquals(
                Set.of("Dockerfile", "elsewhere.txt", "rsyncd.sh"),
                byPath(context).keySet());
    }

    @Test
    void missingExplicitFileIsNamed() {
        Path missing = temp.resolve("nope.txt");
        OpenImException e = assertThrows(
                OpenImException.class,
                () -> BuildContext.prepare(dockerfile, List.of(missing), "golang", "1.21", Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("contextFiles"), e.getMessage());
    }

    @Test
    void missingDockerfileNamesThePathAndTheParameter() {
        Path missing = temp.resolve("other/Dockerfile");
        OpenImException e = assertThrows(
                OpenImException.class, () -> BuildContext.prepare(missing, List.of(), "golang", "1.21", Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'dockerfile'"), e.getMessage());
    }

    @Test
    void buildArgsCombineTemplateArgsAndUserArgsWhichWin() throws IOException {
        Files.writeString(dockerfile, "ARG OPENIM_CROSS_IMAGE\nARG OPENIM_CROSS_VERSION\nFROM x\n");
        BuildContext context = prepare(Map.of("OPENIM_CROSS_VERSION", "1.99", "GOPROXY", "direct"));
        assertEquals(
                Map.of("OPENIM_CROSS_IMAGE", "golang", "OPENIM_CROSS_VERSION", "1.99", "GOPROXY", "direct"),
                context.buildArgs());
    }

    @Test
    void digestIsStableForTheSameTree() {
        String first = prepare().digest();
        assertEquals(first, prepare().digest());
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void digestChangesWhenAFileChanges() throws IOException {
        String before = prepare().digest();
        Files.writeString(dir.resolve("conf/deep/git.conf"), "[user]\n\tname = x\n");
        assertNotEquals(before, prepare().digest());
    }

    @Test
    void digestChangesWhenTheDockerfileChanges() throws IOException {
        String before = prepare().digest();
        Files.writeString(dockerfile, "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\nCOPY rsyncd.sh /usr/local/bin/\n");
        assertNotEquals(before, prepare().digest());
    }

    @Test
    void digestChangesWhenTheCrossVersionChanges() {
        String before = prepare().digest();
        assertNotEquals(
                before,
                BuildContext.prepare(dockerfile, List.of(), "golang", "1.22", Map.of())
                        .digest());
    }

    @Test
    void digestChangesWhenAFileIsAdded() throws IOException {
        String before = prepare().digest();
        Files.writeString(dir.resolve("new.txt"), "");
        assertNotEquals(before, prepare().digest());
    }

    @Test
    void digestChangesWhenAFileIsRenamed() throws IOException {
        String before = prepare().digest();
        Files.move(dir.resolve("VERSION"), dir.resolve("VERSION2"));
        assertNotEquals(before, prepare().digest());
    }

    @Test
    void digestChangesWhenABuildArgChanges() {
        String before = prepare(Map.of("GOPROXY", "direct")).digest();
        assertEquals(before, prepare(Map.of("GOPROXY", "direct")).digest());
        assertNotEquals(before, prepare(Map.of("GOPROXY", "off")).digest());
        assertNotEquals(before, prepare(Map.of()).digest());
    }

    @Test
    void digestChangesWhenTheExecutableBitChanges() {
        Path script = dir.resolve("rsyncd.sh");
        assertTrue(script.toFile().setExecutable(false, false));
        String before = prepare().digest();
        assertFalse(byPath(prepare()).get("rsyncd.sh").executable());
        assertTrue(script.toFile().setExecutable(true, false));
        assertTrue(byPath(prepare()).get("rsyncd.sh").executable());
        assertNotEquals(before, prepare().digest());
    }

    @Test
    void writeToFillsANewDirectoryWithMarkerAndFiles() throws IOException {
        Path target = temp.resolve("_output/images/build-image");
        assertTrue(dir.resolve("rsyncd.sh").toFile().setExecutable(true, false));
        prepare().writeTo(target, new OutputDirectory(temp.resolve("_output")));
        assertEquals(
                Set.of(".openim-context", "Dockerfile", "VERSION", "rsyncd.sh", "conf/deep/git.conf"),
                listFiles(target));
        assertEquals(
                List.of(
                        temp.resolve("_output").toAbsolutePath(),
                        temp.resolve("_output/images").toAbsolutePath()),
                new OutputDirectory(temp.resolve("_output")).recorded(),
                "the plugin created _output and records it");
        assertEquals("FROM golang:1.21\nCOPY rsyncd.sh /\n", Files.readString(target.resolve("Dockerfile")));
        assertTrue(Files.isExecutable(target.resolve("rsyncd.sh")));
        assertFalse(Files.isExecutable(target.resolve("VERSION")));
    }

    @Test
    void writeToAcceptsAnExistingEmptyDirectory() throws IOException {
        Path target = Files.createDirectories(temp.resolve("empty"));
        prepare().writeTo(target, new OutputDirectory(temp.resolve("_output")));
        assertTrue(Files.exists(target.resolve("Dockerfile")));
    }

    @Test
    void writeToRefusesANonEmptyDirectoryItDidNotWrite() throws IOException {
        Path target = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(target.resolve("notes.txt"), "keep me");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("sub/more.txt"), "me too");

        OpenImException e = assertThrows(
                OpenImException.class, () -> prepare().writeTo(target, new OutputDirectory(temp.resolve("_output"))));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("contextDirectory"), e.getMessage());
        assertEquals(Set.of("notes.txt", "sub/more.txt"), listFiles(target));
        assertEquals("keep me", Files.readString(target.resolve("notes.txt")));
        assertEquals("me too", Files.readString(target.resolve("sub/more.txt")));
    }

    @Test
    void writeToRefreshesADirectoryItWroteBefore() throws IOException {
        Path target = temp.resolve("ctx");
        prepare().writeTo(target, new OutputDirectory(temp.resolve("_output")));
        Files.writeString(target.resolve("stale.txt"), "old");
        Files.delete(dir.resolve("VERSION"));
        Files.writeString(dir.resolve("rsyncd.sh"), "#!/bin/sh\necho new\n");

        prepare().writeTo(target, new OutputDirectory(temp.resolve("_output")));
        assertEquals(Set.of(".openim-context", "Dockerfile", "rsyncd.sh", "conf/deep/git.conf"), listFiles(target));
        assertEquals("#!/bin/sh\necho new\n", Files.readString(target.resolve("rsyncd.sh")));
    }

    @Test
    void tarHoldsEveryFileWithItsSizeAndMode() throws IOException {
        Path script = dir.resolve("rsyncd.sh");
        assertTrue(script.toFile().setExecutable(true, false));
        assertTrue(dir.resolve("VERSION").toFile().setExecutable(false, false));
        BuildContext context = prepare();
        List<TarReader.Entry> entries = TarReader.read(context.tar());

        assertEquals(
                List.of("Dockerfile", "VERSION", "conf/deep/git.conf", "rsyncd.sh"),
                entries.stream().map(TarReader.Entry::name).toList());
        Map<String, TarReader.Entry> byName =
                entries.stream().collect(Collectors.toMap(TarReader.Entry::name, Function.identity()));
        for (BuildContext.ContextFile file : context.files()) {
            TarReader.Entry entry = byName.get(file.path());
            assertEquals(file.content().length, entry.size(), file.path());
            assertArrayEquals(file.content(), entry.content(), file.path());
            assertEquals('0', entry.type(), file.path());
        }
        assertEquals(0755, byName.get("rsyncd.sh").mode());
        assertEquals(0644, byName.get("VERSION").mode());
        assertEquals(
                "FROM golang:1.21\nCOPY rsyncd.sh /\n", byName.get("Dockerfile").text());
        assertArrayEquals(Files.readAllBytes(script), byName.get("rsyncd.sh").content());
    }

    private static Set<String> listFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
