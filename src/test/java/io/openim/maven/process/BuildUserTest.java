package io.openim.maven.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BuildUserTest {

    private static final BooleanSupplier ROOTLESS = () -> true;
    private static final BooleanSupplier ROOTFUL = () -> false;
    private static final BuildUser HOST = BuildUser.numeric(1000, 1000);

    @Test
    void parsesWhatDockersUserTakes() {
        assertEquals(new BuildUser("1000", "1001"), BuildUser.parse("1000:1001"));
        assertEquals(new BuildUser("1000", null), BuildUser.parse(" 1000 "));
        assertEquals(new BuildUser("builder", null), BuildUser.parse("builder"));
        assertEquals(new BuildUser("builder", "staff"), BuildUser.parse("builder:staff"));
        assertEquals(new BuildUser("1000", "staff"), BuildUser.parse("1000:staff"));
        assertEquals("1000:1001", BuildUser.parse("1000:1001").toString());
        assertEquals("builder", BuildUser.parse("builder").toString());
    }

    @Test
    void refusesWhatIsNeitherANumberNorAName() {
        for (String bad : new String[] {"", ":", "1000:", ":1000", "1000:1000:1000", "a b", "-x", "9999999999", "ü"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildUser.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void knowsRootByNumberOrName() {
        assertTrue(BuildUser.ROOT.isRoot());
        assertTrue(BuildUser.parse("0").isRoot());
        assertTrue(BuildUser.parse("root").isRoot());
        assertTrue(BuildUser.parse("root:root").isRoot());
        assertTrue(BuildUser.parse("0:1000").isRoot(), "uid 0 is root whatever the group");
        assertFalse(BuildUser.parse("1000:0").isRoot());
        assertFalse(BuildUser.parse("builder").isRoot());
    }

    @Test
    void numbersOnlyWhereNumbersWereGiven() {
        assertEquals(OptionalInt.of(2345), BuildUser.parse("2345:2346").uid());
        assertEquals(OptionalInt.of(2346), BuildUser.parse("2345:2346").gid());
        assertEquals(OptionalInt.empty(), BuildUser.parse("builder:2346").uid());
        assertEquals(OptionalInt.empty(), BuildUser.parse("2345").gid());
        assertEquals(OptionalInt.of(-2), BuildUser.parse("4294967294").uid(), "unsigned ids stay whole");
    }

    @Test
    void theGroupFilesAreWrittenForFollowsDocker() {
        assertEquals("1001", BuildUser.parse("1000:1001").groupForFiles());
        // Docker gives a bare uid without a passwd entry group 0, a name its own groups.
        assertEquals("0", BuildUser.parse("1000").groupForFiles());
        assertEquals("*", BuildUser.parse("builder").groupForFiles());
        assertEquals("staff", BuildUser.parse("builder:staff").groupForFiles());
    }

    @Test
    void theConfiguredUserWins() {
        BuildUser configured = BuildUser.parse("1234:5678");
        assertEquals(configured, BuildUser.choose(configured, HOST, ROOTLESS));
        assertEquals(configured, BuildUser.choose(configured, HOST, ROOTFUL));
    }

    @Test
    void aRootlessEngineBuildsAsContainerRootWhichIsTheHostUser() {
        assertEquals(BuildUser.ROOT, BuildUser.choose(null, HOST, ROOTLESS));
    }

    @Test
    void otherwiseTheHostUserBuildsAndTheEngineIsAskedOnlyThen() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier counting = () -> {
            asked.incrementAndGet();
            return false;
        };
        assertEquals(HOST, BuildUser.choose(null, HOST, counting));
        assertEquals(1, asked.get());
        assertEquals(BuildUser.ROOT, BuildUser.choose(null, null, counting), "no numeric host user");
        assertEquals(BuildUser.ROOT, BuildUser.choose(null, BuildUser.ROOT, counting), "root is root either way");
        assertEquals(1, asked.get(), "root on the host needs no /info call");
    }

    @Test
    void theHostUserIsThisProcesssUser() {
        BuildUser host = HostUser.current();
        assertTrue(host.uid().isPresent() && host.gid().isPresent(), String.valueOf(host));
    }
}
