package io.openim.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsResolverTest {

    private final Properties props = new Properties();
    private final Map<String, String> env = new HashMap<>();
    private final SettingsResolver resolver = new SettingsResolver(props, env);

    // ---- strings --------------------------------------------------------------------------

    @Test
    void stringPrecedenceIsPropertyThenPomThenEnvironmentThenDefault() {
        assertEquals("make build", resolver.string(Setting.BUILD_COMMAND, null));
        assertEquals(
                SettingSource.DEFAULT,
                resolver.resolve(Setting.BUILD_COMMAND, null).source());

        env.put("OPENIM_BUILD_COMMAND", "make env");
        assertEquals("make env", resolver.string(Setting.BUILD_COMMAND, null));
        assertEquals(
                SettingSource.ENVIRONMENT,
                resolver.resolve(Setting.BUILD_COMMAND, null).source());

        assertEquals("make pom", resolver.string(Setting.BUILD_COMMAND, "make pom"));
        assertEquals(
                SettingSource.POM,
                resolver.resolve(Setting.BUILD_COMMAND, "make pom").source());

        props.setProperty("openim.build.command", "make prop");
        assertEquals("make prop", resolver.string(Setting.BUILD_COMMAND, "make pom"));
        assertEquals(
                SettingSource.PROPERTY,
                resolver.resolve(Setting.BUILD_COMMAND, "make pom").source());
    }

    @Test
    void unsetStringWithoutDefaultIsNull() {
        assertNull(resolver.string(Setting.CROSS_IMAGE, null));
        assertEquals(
                SettingSource.UNSET, resolver.resolve(Setting.CROSS_IMAGE, null).source());
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnset() {
        env.put("OPENIM_OUT_DIR", "");
        assertEquals("_output", resolver.string(Setting.OUT_DIR, null));
    }

    @Test
    void stringsAreTrimmedAndABlankPropertyCountsAsUnset() {
        props.setProperty("openim.cross.image", "  golang  ");
        assertEquals("golang", resolver.string(Setting.CROSS_IMAGE, null));
        props.setProperty("openim.cross.image", "   ");
        assertEquals("from-pom", resolver.string(Setting.CROSS_IMAGE, "from-pom"));
        assertNull(resolver.string(Setting.CROSS_IMAGE, null));
    }

    // ---- booleans -------------------------------------------------------------------------

    @Test
    void boolPrecedence() {
        assertFalse(resolver.bool(Setting.SKIP, null));
        assertTrue(resolver.bool(Setting.SYNC_GIT, null), "default of syncGit is true");

        env.put("OPENIM_SKIP", "y");
        assertTrue(resolver.bool(Setting.SKIP, null));
        assertFalse(resolver.bool(Setting.SKIP, Boolean.FALSE), "POM beats the environment");

        props.setProperty("openim.skip", "true");
        assertTrue(resolver.bool(Setting.SKIP, Boolean.FALSE), "property beats the POM");
        props.setProperty("openim.skip", "off");
        assertFalse(resolver.bool(Setting.SKIP, Boolean.TRUE));
    }

    @Test
    void boolUnderstandsTheScriptsSpellings() {
        for (String yes : List.of("true", "TRUE", "y", "yes", "1", "on", " Yes ")) {
            props.setProperty("openim.verbose", yes);
            assertTrue(resolver.bool(Setting.VERBOSE, null), yes);
        }
        for (String no : List.of("false", "n", "no", "0", "off", "NO")) {
            props.setProperty("openim.sync.git", no);
            assertFalse(resolver.bool(Setting.SYNC_GIT, null), no);
        }
    }

    @Test
    void emptyBoolPropertyFallsThroughToPomThenDefault() {
        props.setProperty("openim.sync.git", "");
        assertFalse(resolver.bool(Setting.SYNC_GIT, Boolean.FALSE));
        assertTrue(resolver.bool(Setting.SYNC_GIT, null));
    }

    @Test
    void invalidBoolFromPropertyNamesTheProperty() {
        props.setProperty("openim.copy.output", "maybe");
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.bool(Setting.COPY_OUTPUT, null));
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
        assertTrue(e.getMessage().contains("from -Dopenim.copy.output"), e.getMessage());
        assertTrue(e.getMessage().contains("copyOutput"), e.getMessage());
    }

    @Test
    void invalidBoolFromEnvironmentNamesTheVariable() {
        env.put("OPENIM_RUN_COPY_OUTPUT", "nope");
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.bool(Setting.COPY_OUTPUT, null));
        assertTrue(e.getMessage().contains("from the environment variable OPENIM_RUN_COPY_OUTPUT"), e.getMessage());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    // ---- integers -------------------------------------------------------------------------

    @Test
    void integerPrecedence() {
        assertEquals(0, resolver.integer(Setting.RSYNC_PORT, null), "default");
        env.put("OPENIM_RSYNC_PORT", "8731");
        assertEquals(8731, resolver.integer(Setting.RSYNC_PORT, null));
        assertEquals(8732, resolver.integer(Setting.RSYNC_PORT, 8732));
        props.setProperty("openim.rsync.port", " 8733 ");
        assertEquals(8733, resolver.integer(Setting.RSYNC_PORT, 8732));
    }

    @Test
    void integerWithoutValueOrDefaultIsNullForTheCallerToDerive() {
        assertNull(resolver.integer(Setting.IMAGE_THREADS, null));
        props.setProperty("openim.image.threads", " ");
        assertNull(resolver.integer(Setting.IMAGE_THREADS, null));
    }

    @Test
    void theRangeComesFromTheSetting() {
        props.setProperty("openim.image.threads", "65");
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.integer(Setting.IMAGE_THREADS, null));
        assertTrue(e.getMessage().contains("a whole number from 1 to 64"), e.getMessage());
    }

    // ---- choices --------------------------------------------------------------------------

    @Test
    void choiceIsOneOfTheDeclaredWords() {
        assertEquals("none", resolver.choice(Setting.ARCHIVE_COMPRESSION, null));
        assertEquals("gzip", resolver.choice(Setting.ARCHIVE_COMPRESSION, " GZIP "));
        props.setProperty("openim.archive.compression", "zstd");
        OpenImException e =
                assertThrows(OpenImException.class, () -> resolver.choice(Setting.ARCHIVE_COMPRESSION, null));
        assertTrue(e.getMessage().contains("it must be none or gzip"), e.getMessage());
        assertTrue(e.getMessage().contains("'archiveCompression' (-Dopenim.archive.compression"), e.getMessage());
    }

    @Test
    void readingASettingAsTheWrongTypeIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> resolver.bool(Setting.OUT_DIR, null));
    }

    @Test
    void invalidIntegerFromPropertyNamesTheProperty() {
        props.setProperty("openim.rsync.port", "eighty");
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.integer(Setting.RSYNC_PORT, null));
        assertTrue(e.getMessage().contains("from -Dopenim.rsync.port"), e.getMessage());
        assertTrue(e.getMessage().contains("'eighty'"), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 65535"), e.getMessage());
    }

    @Test
    void integerOutOfRangeFromEnvironmentNamesTheVariable() {
        env.put("OPENIM_RSYNC_COMPRESS", "10");
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.integer(Setting.RSYNC_COMPRESS, null));
        assertTrue(e.getMessage().contains("from the environment variable OPENIM_RSYNC_COMPRESS"), e.getMessage());
        assertTrue(e.getMessage().contains("'10'"), e.getMessage());
    }

    @Test
    void integerOutOfRangeFromPomNamesThePomParameter() {
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.integer(Setting.RSYNC_PORT, 70000));
        assertTrue(e.getMessage().contains("<rsyncPort> in the POM"), e.getMessage());
    }

    // ---- lists ----------------------------------------------------------------------------

    @Test
    void listPrecedenceAndCommaSplitting() {
        assertEquals(List.of("/cache"), resolver.list(Setting.CACHE_VOLUMES, null));

        env.put("OPENIM_CACHE_VOLUMES", "/go/pkg, /root/.cache ,,");
        assertEquals(List.of("/go/pkg", "/root/.cache"), resolver.list(Setting.CACHE_VOLUMES, null));

        assertEquals(List.of("/pom/a", "/pom/b"), resolver.list(Setting.CACHE_VOLUMES, List.of("/pom/a", " /pom/b")));

        props.setProperty("openim.cache.volumes", "/p1,/p2");
        assertEquals(List.of("/p1", "/p2"), resolver.list(Setting.CACHE_VOLUMES, List.of("/pom/a")));
    }

    @Test
    void emptyPomListFallsThroughToTheEnvironment() {
        env.put("OPENIM_SYNC_EXCLUDES", "*.o");
        assertEquals(List.of("*.o"), resolver.list(Setting.SYNC_EXCLUDES, List.of()));
    }

    @Test
    void unsetListIsEmpty() {
        assertEquals(List.of(), resolver.list(Setting.SYNC_EXCLUDES, null));
    }

    @Test
    void pomListItemsKeepTheirCommas() {
        // A POM list is taken item by item; only property and environment values are split.
        assertEquals(List.of("a,b", "c"), resolver.list(Setting.EXTRA_TAGS, List.of("a,b", "c")));
    }

    @Test
    void mapComesOnlyFromThePom() {
        assertEquals(Map.of(), resolver.map(Setting.ENV, null));
        assertEquals(Map.of("A", "1"), resolver.map(Setting.ENV, Map.of("A", "1")));
    }

    @Test
    void aByteOrderMarkOrWindowsLineEndInAValueIsAccepted() {
        env.put("OPENIM_DOCKER_IMAGE_TAG", "\uFEFFv1.2.3\r\n");
        assertEquals("v1.2.3", resolver.string(Setting.IMAGE_TAG, null));
        env.put("OPENIM_EXTRA_TAGS", "a,\r\nb\r\n");
        assertEquals(List.of("a", "b"), resolver.list(Setting.EXTRA_TAGS, null));
    }

    @Test
    void anInvisibleCharacterInAValueIsRefusedNamingTheSettingAndWhereItCameFrom() {
        props.setProperty(Setting.IMAGE_TAG.property(), "v1\u200b");
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.string(Setting.IMAGE_TAG, null));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "Setting 'imageTag' (-Dopenim.docker.image.tag, OPENIM_DOCKER_IMAGE_TAG)"
                                        + " (from -Dopenim.docker.image.tag) holds an invisible character \\u200b (zero width space)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\u200b"), e.getMessage());
    }

    @Test
    void everyEntryOfAPomListIsChecked() {
        OpenImException e = assertThrows(
                OpenImException.class, () -> resolver.list(Setting.EXTRA_TAGS, List.of("ok", "bad\u2060")));
        assertTrue(e.getMessage().contains("\\u2060 (word joiner)"), e.getMessage());
        assertTrue(e.getMessage().contains("<extraTags> in the POM"), e.getMessage());
    }
}
