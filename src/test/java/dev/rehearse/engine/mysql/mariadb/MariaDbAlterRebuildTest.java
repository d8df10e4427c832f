package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On MariaDB 11.4 (10.11 is covered end to end by the CLI test): which ALTERs rebuild the table, from InnoDB's
 * TABLE_ID before and after, and the EXCLUSIVE metadata lock every one of them implies.
 */
class MariaDbAlterRebuildTest {

    @Test
    void instantAndInPlaceKeepTheTableAndATypeChangeCopiesIt() throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:11.4"));
             Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(20))");
            s.execute("INSERT INTO t SELECT seq, seq, CONCAT('n', seq) FROM seq_1_to_5000");
            StatementProbe probe = new MariaDbEngine().statementProbe(ServerVersion.parse("11.4"));
            assertThat(run(probe, c, "ALTER TABLE t ADD COLUMN note varchar(20)").rewrote()).isEmpty();
            assertThat(run(probe, c, "CREATE INDEX t_name ON t (name)").rewrote()).isEmpty();
            StatementProbe.Facts modify = run(probe, c, "ALTER TABLE t MODIFY qty bigint");
            assertThat(modify.rewrote()).containsExactly("t");
            assertThat(modify.locksImplied()).containsExactly(new StatementProbe.HeldLock("t", "EXCLUSIVE"));
            assertThat(run(probe, c, "SELECT 1").locksImplied()).isEmpty();
            StatementProbe.Facts create = run(probe, c, "CREATE TABLE u (id int PRIMARY KEY)");
            assertThat(create.created()).containsExactly("u");
            assertThat(run(probe, c, "DROP TABLE u").dropped()).containsExactly("u");
        }
    }

    private static StatementProbe.Facts run(StatementProbe probe, Connection c, String sql) throws Exception {
        StatementProbe.Snapshot before = probe.before(c, false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return probe.after(c, before, false);
    }
}
