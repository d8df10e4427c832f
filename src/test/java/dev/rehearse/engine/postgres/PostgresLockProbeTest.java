package dev.rehearse.engine.postgres;

import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock probe on a real server: it sees another session's lock, and serves a later sampler on a new connection. */
class PostgresLockProbeTest {

    @Test
    void seesAHeldLockAndOutlivesTheConnectionItFirstRanOn() throws Exception {
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"));
             Connection holder = db.connect("holder"); Statement s = holder.createStatement()) {
            s.execute("CREATE TABLE t (id int)");
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            PostgresLockProbe probe = new PostgresLockProbe();
            try (Connection first = db.connect("sampler")) {
                assertThat(probe.sample(first)).anyMatch(l -> "t".equals(l.relation()) && l.mode().equals("AccessExclusiveLock"));
            }
            try (Connection second = db.connect("sampler")) {
                assertThat(probe.sample(second)).anyMatch(l -> "t".equals(l.relation()) && l.granted());
            }
            holder.rollback();
        }
    }
}
