package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.migrate.StatementProbe.Alter;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real servers: which ALTER algorithm ran, from the stages the session entered and InnoDB's TABLE_ID before
 * and after; the rows a COPY reports; the binary-log bytes each statement wrote; the EXCLUSIVE metadata lock every
 * ALTER implies. What differs by version is asserted per version: from 11.2 a COPY replays an online log, letting
 * writes through (MDEV-16329), where 10.11 blocks them for the copy.
 */
class MariaDbAlterRebuildTest {

    private static final int ROWS = 20_000;

    @ParameterizedTest(name = "mariadb:{0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void eachAlgorithmIsNamedFromWhatTheServerDid(String version) throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + version));
             Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(20),"
                    + " code varchar(20) CHARACTER SET latin1)");
            s.execute("INSERT INTO t SELECT seq, seq, CONCAT('n', seq), 'c' FROM seq_1_to_" + ROWS);
            boolean onlineCopy = !version.equals("10.11");
            StatementProbe probe = new MariaDbEngine().statementProbe(ServerVersion.parse(version));

            StatementProbe.Facts add = run(probe, c, "ALTER TABLE t ADD COLUMN note varchar(20)");
            assertThat(add.alter()).isEqualTo(new Alter("INSTANT", false, true));
            assertThat(add.rewrote()).isEmpty();
            assertThat(add.rowsAffected()).isNull();
            assertThat(add.locksImplied()).containsExactly(new StatementProbe.HeldLock("t", "EXCLUSIVE"));

            StatementProbe.Facts index = run(probe, c, "CREATE INDEX t_name ON t (name)");
            assertThat(index.alter()).isEqualTo(new Alter("INPLACE", false, true));
            assertThat(index.rewrote()).isEmpty();
            assertThat(index.rowsAffected()).isNull(); // the server replies "Records: 0" whatever it read

            // An index LOCK=SHARED builds without the online log: in place, writes blocked.
            assertThat(run(probe, c, "CREATE INDEX t_qty ON t (qty) LOCK=SHARED").alter())
                    .isEqualTo(new Alter("INPLACE", false, false));

            StatementProbe.Facts rebuild = run(probe, c, "ALTER TABLE t FORCE");
            assertThat(rebuild.alter()).isEqualTo(new Alter("INPLACE", true, true));
            assertThat(rebuild.rewrote()).containsExactly("t");

            StatementProbe.Facts widen = run(probe, c, "ALTER TABLE t MODIFY qty bigint");
            assertThat(widen.alter()).isEqualTo(new Alter("COPY", true, onlineCopy));
            assertThat(widen.rewrote()).containsExactly("t");
            assertThat(widen.rowsAffected()).isEqualTo(ROWS);
            assertThat(widen.locksImplied()).containsExactly(new StatementProbe.HeldLock("t", "EXCLUSIVE"));

            StatementProbe.Facts charset = run(probe, c, "ALTER TABLE t MODIFY code varchar(20) CHARACTER SET utf8mb4");
            assertThat(charset.alter()).isEqualTo(new Alter("COPY", true, onlineCopy));
            assertThat(charset.rowsAffected()).isEqualTo(ROWS);

            // LOCK=SHARED turns 11.4's online COPY off: the same copy then blocks writes there too.
            assertThat(run(probe, c, "ALTER TABLE t MODIFY qty int, LOCK=SHARED").alter())
                    .isEqualTo(new Alter("COPY", true, false));

            StatementProbe.Facts dropIndex = run(probe, c, "DROP INDEX t_qty ON t");
            assertThat(dropIndex.alter()).isEqualTo(new Alter("INSTANT", false, true));
            assertThat(dropIndex.dropped()).isEmpty(); // indexes are not tables here

            StatementProbe.Facts update = run(probe, c, "UPDATE t SET qty = qty + 1");
            assertThat(update.alter()).isNull();
            assertThat(update.rowsAffected()).isNull(); // the runner counts DML itself
            // A statement's binary-log bytes: a row image per changed row against one query event for INSTANT DDL.
            assertThat(add.walBytes()).isPositive().isLessThan(1_000);
            assertThat(update.walBytes()).isGreaterThan(ROWS * 20L).isGreaterThan(add.walBytes() * 100);

            // inside a transaction its rows reach the binary log at COMMIT: the statement's own bytes are unknown
            c.setAutoCommit(false);
            assertThat(run(probe, c, "UPDATE t SET qty = qty + 1 WHERE id <= 100", true).walBytes()).isNull();
            c.commit();
            c.setAutoCommit(true);

            assertThat(run(probe, c, "SELECT 1").locksImplied()).isEmpty();
            StatementProbe.Facts create = run(probe, c, "CREATE TABLE u (id int PRIMARY KEY)");
            assertThat(create.created()).containsExactly("u");
            assertThat(create.alter()).isNull();
            assertThat(run(probe, c, "DROP TABLE u").dropped()).containsExactly("u");
        }
    }

    private static StatementProbe.Facts run(StatementProbe probe, Connection c, String sql) throws Exception {
        return run(probe, c, sql, false);
    }

    private static StatementProbe.Facts run(StatementProbe probe, Connection c, String sql, boolean inTransaction)
            throws Exception {
        StatementProbe.Snapshot before = probe.before(c, inTransaction);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return probe.after(c, before, inTransaction);
    }
}
