package io.openim.maven.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoBuildInfoTest {

    /** What go1.19 writes for a binary with a dependency, a replaced one and quoted build settings. */
    static final String MODINFO = String.join(
            "\n",
            "path\texample.com/server/cmd/api",
            "mod\texample.com/server\t(devel)\t",
            "dep\tgithub.com/pkg/errors\tv0.9.1\th1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=",
            "dep\texample.com/local\tv1.0.0",
            "=>\t../local\t",
            "dep\texample.com/old\tv1.2.0\th1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "=>\texample.com/new\tv1.3.0\th1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=",
            "build\t-compiler=gc",
            "build\t-ldflags=\"-X example.com/server/pkg.Version=1.0.0 -s\"",
            "build\t-trimpath=true",
            "build\tCGO_ENABLED=0",
            "build\tGOARCH=amd64",
            "build\tGOOS=linux",
            "build\tGOAMD64=v1",
            "build\t\"key with space\"=\"tab\\there \\u00fc\\xc3\\xa4\"",
            "");

    @TempDir
    Path temp;

    private Path write(byte[] bytes) throws IOException {
        return Files.write(temp.resolve("binary-" + System.nanoTime()), bytes);
    }

    @Test
    void readsTheSectionOfA64BitLittleEndianBinary() throws Exception {
        GoBuildInfo info = GoBuildInfo.read(write(
                ElfFixtures.elf(ElfFixtures.buildInfo("go1.19.8", MODINFO, 2), true, ByteOrder.LITTLE_ENDIAN, true)));
        assertEquals("go1.19.8", info.goVersion());
        assertEquals("example.com/server/cmd/api", info.packagePath());
        assertEquals(new GoBuildInfo.Module("example.com/server", "(devel)", null, null), info.main());
        assertEquals(3, info.dependencies().size());
        assertEquals(
                new GoBuildInfo.Module(
                        "github.com/pkg/errors", "v0.9.1", "h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=", null),
                info.dependencies().get(0));
        assertEquals(
                new GoBuildInfo.Module("../local", null, null, null),
                info.dependencies().get(1).replacement());
        assertEquals("example.com/new", info.dependencies().get(2).effective().path());
        assertEquals("v1.3.0", info.dependencies().get(2).effective().version());
        assertEquals(
                "-X example.com/server/pkg.Version=1.0.0 -s", info.settings().get("-ldflags"));
        assertEquals("tab\there üä", info.settings().get("key with space"));
        assertEquals(
                List.of(
                        "-compiler",
                        "-ldflags",
                        "-trimpath",
                        "CGO_ENABLED",
                        "GOARCH",
                        "GOOS",
                        "GOAMD64",
                        "key with space"),
                List.copyOf(info.settings().keySet()));
    }

    @Test
    void readsA32BitBigEndianBinaryAndOneWithoutSectionNames() throws Exception {
        byte[] data = ElfFixtures.buildInfo("go1.21.0", "mod\texample.com/m\tv1.0.0\t\n", 3);
        for (boolean sections : List.of(true, false)) {
            GoBuildInfo info = GoBuildInfo.read(write(ElfFixtures.elf(data, false, ByteOrder.BIG_ENDIAN, sections)));
            assertEquals("go1.21.0", info.goVersion());
            assertEquals("v1.0.0", info.main().version());
            assertNull(info.packagePath());
            assertEquals(Map.of(), info.settings());
        }
    }

    @Test
    void binariesWithoutBuildInformationSayWhy() throws Exception {
        assertMissing(write("#!/bin/sh\necho hi\n".getBytes()), "it is not an ELF binary");
        assertMissing(
                write(ElfFixtures.elf(new byte[64], true, ByteOrder.LITTLE_ENDIAN, true)),
                "it has no Go build information");
        assertMissing(
                write(ElfFixtures.elf(ElfFixtures.buildInfo("go1.17", null, 0), true, ByteOrder.LITTLE_ENDIAN, true)),
                "built by a Go release before 1.18");
        assertMissing(
                write(ElfFixtures.elf(ElfFixtures.buildInfo("go1.19.8", null, 2), true, ByteOrder.LITTLE_ENDIAN, true)),
                "it was built by go1.19.8 outside module mode");
        assertMissing(
                write(ElfFixtures.elf(
                        ElfFixtures.buildInfo("go1.19.8", "path\tx\nwhat\tis this\n", 2),
                        true,
                        ByteOrder.LITTLE_ENDIAN,
                        true)),
                "a line the plugin does not understand: 'what\\tis this'");
        byte[] cut = ElfFixtures.buildInfo("go1.19.8", MODINFO, 2);
        byte[] elf = ElfFixtures.elf(cut, true, ByteOrder.LITTLE_ENDIAN, true);
        assertMissing(write(java.util.Arrays.copyOf(elf, 512 + 60)), "cut short");
    }

    private static void assertMissing(Path binary, String reason) {
        NoBuildInfoException e = assertThrows(NoBuildInfoException.class, () -> GoBuildInfo.read(binary));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void goQuotingIsUndone() {
        assertEquals("a\"b\\c\n", GoQuoted.unquote("\"a\\\"b\\\\c\\n\""));
        assertEquals("日", GoQuoted.unquote("\"\\u65e5\""));
        assertEquals("é", GoQuoted.unquote("\"\\303\\251\""));
        assertNull(GoQuoted.unquote("\"open"));
        assertNull(GoQuoted.unquote("\"bad \\q\""));
    }
}
