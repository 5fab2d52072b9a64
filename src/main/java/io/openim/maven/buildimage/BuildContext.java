package io.openim.maven.buildimage;

import io.openim.maven.OpenImException;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.FileTree;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * The small, curated directory the build image is built from: the rendered Dockerfile and
 * the files beside it (or an explicit list). Its digest decides whether a rebuild is needed.
 */
public final class BuildContext {

    /** Marks a directory the plugin may empty and refill. */
    static final String MARKER = ".openim-context";
    /** Bump when the digest's input changes shape, so old images are rebuilt once. */
    private static final String DIGEST_FORMAT = "openim-context-v1";

    /** One file of the context; {@code path} uses '/' and is relative to the context root. */
    public record ContextFile(String path, byte[] content, boolean executable) {}

    private final List<ContextFile> files;
    private final Map<String, String> buildArgs;

    BuildContext(List<ContextFile> files, Map<String, String> buildArgs) {
        List<ContextFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ContextFile::path));
        this.files = List.copyOf(sorted);
        this.buildArgs = Map.copyOf(new TreeMap<>(buildArgs));
    }

    /**
     * Reads the Dockerfile and its companions and renders the template.
     *
     * @param explicitFiles when not empty, these files (by name) instead of the Dockerfile's directory
     * @param extraArgs     build args configured by the user; they win over the template's
     */
    public static BuildContext prepare(
            Path dockerfile,
            List<Path> explicitFiles,
            String crossImage,
            String crossVersion,
            Map<String, String> extraArgs) {
        if (!Files.isRegularFile(dockerfile)) {
            throw new OpenImException("The build image Dockerfile " + dockerfile + " does not exist. Create it, or set "
                    + Setting.DOCKERFILE.describe() + " to the Dockerfile of your build image.");
        }
        String text = new String(readContextFile(dockerfile), StandardCharsets.UTF_8);
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(dockerfile, text, crossImage, crossVersion);
        List<ContextFile> files = new ArrayList<>();
        files.add(new ContextFile("Dockerfile", rendered.dockerfile().getBytes(StandardCharsets.UTF_8), false));
        if (explicitFiles.isEmpty()) {
            collectSiblings(dockerfile, files);
        } else {
            for (Path file : explicitFiles) {
                if (!Files.isRegularFile(file)) {
                    throw new OpenImException("The context file " + file + " listed in "
                            + Setting.CONTEXT_FILES.describe() + " does not exist. Fix the path or remove it from"
                            + " the list.");
                }
                files.add(new ContextFile(
                        file.getFileName().toString(), readContextFile(file), Files.isExecutable(file)));
            }
        }
        Map<String, String> args = new TreeMap<>(rendered.buildArgs());
        args.putAll(extraArgs);
        return new BuildContext(files, args);
    }

    private static void collectSiblings(Path dockerfile, List<ContextFile> files) {
        Path directory = dockerfile.toAbsolutePath().getParent();
        String self = dockerfile.getFileName().toString();
        for (String relative : FileTree.regularFiles(
                directory,
                "the build image directory",
                "Fix its permissions, or name the files to use with " + Setting.CONTEXT_FILES.describe() + ".")) {
            if (relative.equals(self) || relative.equals("Dockerfile")) {
                continue;
            }
            Path file = directory.resolve(relative);
            files.add(new ContextFile(relative, readContextFile(file), Files.isExecutable(file)));
        }
    }

    private static byte[] readContextFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot read the build context file " + file + " (" + e.getMessage()
                            + "). Make it readable, or leave it out by listing the files to use in "
                            + Setting.CONTEXT_FILES.describe() + ".",
                    e);
        }
    }

    public List<ContextFile> files() {
        return files;
    }

    public Map<String, String> buildArgs() {
        return buildArgs;
    }

    /** SHA-256 over every file (path, mode, content) and every build arg, in a stable order. */
    public String digest() {
        MessageDigest sha = Sha256.newDigest();
        update(sha, DIGEST_FORMAT);
        for (ContextFile file : files) {
            update(sha, "file");
            update(sha, file.path());
            update(sha, file.executable() ? "755" : "644");
            update(sha, Integer.toString(file.content().length));
            sha.update(file.content());
        }
        for (Map.Entry<String, String> arg : buildArgs.entrySet()) {
            update(sha, "arg");
            update(sha, arg.getKey());
            update(sha, arg.getValue());
        }
        return Sha256.hex(sha);
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    /**
     * Empties {@code directory} and writes the context into it, so users can see exactly what
     * was sent. A non-empty directory the plugin did not create is refused, never emptied.
     */
    public void writeTo(Path directory, OutputDirectory output) {
        try {
            if (Files.isDirectory(directory) && !Files.exists(directory.resolve(MARKER))) {
                try (Stream<Path> entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new OpenImException("The context directory " + directory + " holds files the plugin did"
                                + " not write, so it will not empty it. Point " + Setting.CONTEXT_DIRECTORY.describe()
                                + " at a new directory (the default is _output/images/build-image).");
                    }
                }
            }
            if (Files.exists(directory)) {
                PathUtils.deleteDirectory(directory);
            }
            output.createDirectories(directory);
            Files.writeString(directory.resolve(MARKER), "Written by openim-maven-plugin; emptied on every build.\n");
            for (ContextFile file : files) {
                Path target = directory.resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.write(target, file.content());
                target.toFile().setExecutable(file.executable(), false);
            }
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot write the build context to " + directory + ": " + e.getMessage()
                            + ". Check that the directory is writable or set " + Setting.CONTEXT_DIRECTORY.describe()
                            + ".",
                    e);
        }
    }

    /** The context as the tar stream the engine expects. */
    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            for (ContextFile file : files) {
                tar.addFile(file.path(), file.content(), file.executable() ? 0755 : 0644, 0, 0);
            }
        } catch (IOException e) {
            throw new OpenImException("Cannot package the build context: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
