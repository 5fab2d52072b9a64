package io.openim.maven.sbom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Go toolchain records in a module-mode binary, as {@code go version -m} prints it: the Go
 * version, the main package's path, the main module, every dependency module (with its replacement,
 * if any) and the build settings.
 *
 * @param settings build settings in the binary's order, e.g. {@code GOOS=linux}, {@code -trimpath=true}
 */
public record GoBuildInfo(
        String goVersion, String packagePath, Module main, List<Module> dependencies, Map<String, String> settings) {

    /**
     * A module: path, version ({@code (devel)} for a main module built from its checkout) and its
     * {@code h1:} sum from go.sum, which a main module and a directory replacement do not have.
     */
    public record Module(String path, String version, String sum, Module replacement) {

        /** The module whose code is in the binary: the replacement when there is one. */
        public Module effective() {
            return replacement == null ? this : replacement;
        }
    }

    public GoBuildInfo {
        dependencies = List.copyOf(dependencies);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Reads the build information of a binary; a binary without one says why. */
    public static GoBuildInfo read(Path binary) throws IOException, NoBuildInfoException {
        ElfBuildInfo.Strings strings = ElfBuildInfo.read(binary);
        byte[] modinfo = strings.modinfo();
        // The linker wraps the text in 16-byte sentinels; without them the binary was built outside module mode.
        if (modinfo.length < 33 || modinfo[modinfo.length - 17] != '\n') {
            throw new NoBuildInfoException(
                    "it was built by " + strings.version() + " outside module mode (no module information)");
        }
        return parse(
                strings.version(),
                new String(modinfo, 16, modinfo.length - 32, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Parses the module information text: tab-separated path, mod, dep, {@code =>} and build lines. */
    static GoBuildInfo parse(String goVersion, String text) throws NoBuildInfoException {
        String packagePath = null;
        Module main = null;
        List<Module> dependencies = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String kind = tab < 0 ? line : line.substring(0, tab);
            String rest = tab < 0 ? "" : line.substring(tab + 1);
            switch (kind) {
                case "go" -> goVersion = goVersion == null || goVersion.isEmpty() ? rest : goVersion;
                case "path" -> packagePath = rest;
                case "mod" -> main = module(rest, line);
                case "dep" -> dependencies.add(module(rest, line));
                case "=>" -> {
                    Module replacement = module(rest, line);
                    if (!dependencies.isEmpty()) {
                        Module last = dependencies.remove(dependencies.size() - 1);
                        dependencies.add(new Module(last.path(), last.version(), last.sum(), replacement));
                    } else if (main != null) {
                        main = new Module(main.path(), main.version(), main.sum(), replacement);
                    } else {
                        throw damaged(line);
                    }
                }
                case "build" -> setting(rest, settings, line);
                default -> throw damaged(line);
            }
        }
        if (main == null) {
            throw new NoBuildInfoException("its Go build information names no main module");
        }
        return new GoBuildInfo(goVersion, packagePath, main, dependencies, settings);
    }

    private static Module module(String fields, String line) throws NoBuildInfoException {
        String[] parts = fields.split("\t", -1);
        if (parts.length < 1 || parts[0].isEmpty() || parts.length > 3) {
            throw damaged(line);
        }
        String version = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        String sum = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
        return new Module(parts[0], version, sum, null);
    }

    /** {@code KEY=VALUE}; a key or value with spaces, tabs, quotes or '=' is Go-quoted. */
    private static void setting(String text, Map<String, String> settings, String line) throws NoBuildInfoException {
        String key;
        int at;
        if (text.startsWith("\"")) {
            int end = GoQuoted.end(text, 0);
            if (end < 0) {
                throw damaged(line);
            }
            key = GoQuoted.unquote(text.substring(0, end));
            at = end;
        } else {
            at = text.indexOf('=');
            if (at < 0) {
                throw damaged(line);
            }
            key = text.substring(0, at);
        }
        if (at >= text.length() || text.charAt(at) != '=' || key == null || key.isEmpty()) {
            throw damaged(line);
        }
        String raw = text.substring(at + 1);
        String value = raw.startsWith("\"") ? GoQuoted.unquote(raw) : raw;
        if (value == null) {
            throw damaged(line);
        }
        settings.put(key, value);
    }

    private static NoBuildInfoException damaged(String line) {
        return new NoBuildInfoException("its Go build information has a line the plugin does not understand: '"
                + line.replace("\t", "\\t") + "'");
    }
}
