package io.openim.maven.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutInfoTest {

    @TempDir
    Path temp;

    private Path checkoutWithHead(String head) throws IOException {
        Path root = Files.createDirectories(temp.resolve("checkout"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/HEAD"), head);
        return root;
    }

    @Test
    void branchComesFromHeadRef() throws IOException {
        Path root = checkoutWithHead("ref: refs/heads/feature/x\n");
        assertEquals("feature/x", CheckoutInfo.gitBranch(root));
    }

    @Test
    void branchIsFoundFromASubdirectoryOfTheCheckout() throws IOException {
        Path root = checkoutWithHead("ref: refs/heads/main\n");
        Path module = Files.createDirectories(root.resolve("modules/server"));
        assertEquals("main", CheckoutInfo.gitBranch(module));
    }

    @Test
    void detachedHeadHasNoBranch() throws IOException {
        Path root = checkoutWithHead("3f786850e387550fdab836ed7e6dc881de23001b\n");
        assertEquals("", CheckoutInfo.gitBranch(root));
    }

    @Test
    void noGitCheckoutHasNoBranch() throws IOException {
        Path root = Files.createDirectories(temp.resolve("plain"));
        assertEquals("", CheckoutInfo.gitBranch(root));
    }

    @Test
    void gitFileOfAWorktreePointsAtTheRealGitDirectory() throws IOException {
        Path gitDir = Files.createDirectories(temp.resolve("main-repo/.git/worktrees/wt"));
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/hotfix/1.2\n");
        Path worktree = Files.createDirectories(temp.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + gitDir + "\n");
        assertEquals("hotfix/1.2", CheckoutInfo.gitBranch(worktree));
    }

    @Test
    void relativeGitdirIsResolvedAgainstTheCheckout() throws IOException {
        Path gitDir = Files.createDirectories(temp.resolve("repo/.git/modules/sub"));
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/submodule-branch\n");
        Path submodule = Files.createDirectories(temp.resolve("repo/sub"));
        Files.writeString(submodule.resolve(".git"), "gitdir: ../.git/modules/sub\n");
        assertEquals("submodule-branch", CheckoutInfo.gitBranch(submodule));
    }

    @Test
    void canonicalPathResolvesDotsAndLinks() throws IOException {
        Path real = Files.createDirectories(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        assertEquals(real.toRealPath().toString(), CheckoutInfo.canonicalPath(link));
        assertEquals(real.toRealPath().toString(), CheckoutInfo.canonicalPath(real.resolve("../real")));
    }
}
