package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.InnoDbRowWaits;
import dev.rehearse.observe.LockSample;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock sampler sees a session waiting for InnoDB row locks another session's open UPDATE holds, and who holds them. */
class MariaDbRowLockWaitTest {

    @ParameterizedTest(name = "mariadb:{0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void aWriteWaitingOnABackfillsRowLocksNamesTheBackfill(String version) throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + version));
             Connection backfill = db.connect(); Connection writer = db.connect(); Connection sampler = db.connect();
             Statement b = backfill.createStatement()) {
            b.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int)");
            b.execute("INSERT INTO t SELECT seq, seq FROM seq_1_to_1000");
            long backfillSession = new MariaDbEngine().sessionId(backfill);
            long writerSession = new MariaDbEngine().sessionId(writer);
            backfill.setAutoCommit(false);
            b.executeUpdate("UPDATE t SET qty = qty + 1 WHERE id <= 500");
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try (Statement w = writer.createStatement()) {
                    return w.executeUpdate("UPDATE t SET qty = 0 WHERE id = 42");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            LockSampler.Probe probe = new MariaDbEngine().lockProbe();
            LockSample.SessionLock wait = null;
            // polled as the sampler polls, every 10 ms: the row-lock view is read when due
            for (int i = 0; i < 200 && wait == null; i++) {
                List<LockSample.SessionLock> locks = probe.sample(sampler);
                wait = locks.stream().filter(l -> l.session() == writerSession && !l.granted() && l.relation() == null)
                        .findFirst().orElse(null);
                if (wait == null) Thread.sleep(10);
            }
            assertThat(wait).as("the writer's row-lock wait").isNotNull();
            assertThat(wait.mode()).isEqualTo("X");
            assertThat(wait.blockedBy()).containsExactly(backfillSession);
            assertThat(wait.query()).contains("UPDATE t SET qty = 0");
            assertThat(blocked).isNotDone();
            backfill.commit();
            assertThat(blocked.get()).isEqualTo(1);
            // gone at the next read of the view, polled at the sampler's pace
            Thread.sleep(InnoDbRowWaits.POLL_MS);
            assertThat(probe.sample(sampler)).noneMatch(l -> l.relation() == null);
        }
    }
}
