package dev.rehearse.provision;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The one cleanup sequence: an action runs once, and a second closer waits for it; ownerless run directories go. */
class CleanupTest {

    @Test
    void aSecondCloserWaitsForTheActionAnotherThreadIsRunning() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Cleanup.Registration r = Cleanup.register(Cleanup.Phase.SERVERS, "slow stop", () -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.countDown();
        });
        Thread other = new Thread(r::close);
        other.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        r.close(); // what a data directory's removal does while its server is still stopping
        assertThat(finished.getCount()).as("returned only once the action had finished").isZero();
        other.join();
        r.close();
        assertThat(runs).hasValue(1);
        assertThat(r.closed()).isTrue();
    }

    @Test
    void anOwnerlessRunDirectoryWhoseProcessesAreDeadIsReapedAtOnce() throws Exception {
        Path dir = Files.createDirectory(RunDirectories.root().resolve("pg16-ownerless-" + System.nanoTime()));
        Files.createDirectories(dir.resolve("data/base"));
        Files.writeString(dir.resolve("data/base/file"), "left by a run halted while deleting it");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("processes"), gone.pid() + "\n");

        assertThat(RunDirectories.reapStale()).contains(dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void aRunDirectoryBeingCreatedIsLeftAlone() throws Exception {
        Path creating = Files.createDirectory(RunDirectories.root().resolve(".new-pg16-" + System.nanoTime()));
        try {
            assertThat(RunDirectories.reapStale()).doesNotContain(creating);
            assertThat(creating).exists();
        } finally {
            RunDirectories.deleteTree(creating);
        }
    }

    @Test
    void aRunDirectoryAppearsWithItsOwnerAndGoesWithItsRemoval() throws Exception {
        RunDirectories.Run run = RunDirectories.open("test-");
        assertThat(run.path().getFileName().toString()).startsWith("test-");
        assertThat(Files.readString(run.path().resolve("owner"))).startsWith(ProcessHandle.current().pid() + " ");
        assertThat(RunDirectories.reapStale()).doesNotContain(run.path());
        run.removal().close();
        assertThat(run.path()).doesNotExist();
    }

    @Test
    void aLongRunDirectoryGetsAShortSocketDirectoryRemovedWithIt() throws Exception {
        Path deep = Files.createDirectories(RunDirectories.root().resolve("x".repeat(90) + System.nanoTime()));
        Path sockets = RunDirectories.socketDirectory(deep, OsUser.forDatabaseProcesses());
        assertThat((sockets + "/.s.PGSQL.65535").length()).isLessThan(107);
        assertThat(sockets).exists();
        RunDirectories.deleteTree(deep);
        assertThat(sockets).doesNotExist();
        assertThat(deep).doesNotExist();
    }
}
