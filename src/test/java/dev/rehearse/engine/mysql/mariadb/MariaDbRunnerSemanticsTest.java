package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlSplitter;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.MigrationRunner;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner on MariaDB 10.11 and 11.4 as a deploy runs it: {@code migrations.lock_timeout} and
 * {@code statement_timeout} reach the server as {@code lock_wait_timeout} / {@code max_statement_time} and stop a
 * statement that exceeds them (reported with its error class), and a tool's transaction around DDL is reported as
 * what the server does with it: every DDL commits implicitly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbRunnerSemanticsTest {

    private final Map<String, Database> servers = new HashMap<>();

    private Database server(String version) {
        return servers.computeIfAbsent(version, v -> new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + v)));
    }

    @AfterAll
    void stop() {
        servers.values().forEach(Database::close);
    }

    private Database fresh(String version) throws Exception {
        Database db = server(version);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + EmbeddedMariaDbProvisioner.DATABASE);
            s.execute("CREATE DATABASE " + EmbeddedMariaDbProvisioner.DATABASE);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int NOT NULL, note varchar(40))");
            s.execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('n', seq) FROM seq_1_to_300000");
        }
        return db;
    }

    private static MigrationRun run(Database db, Path dir, String sql, Scenario.Transaction tx, Integer lockMs,
                                    Integer statementMs) throws Exception {
        Path file = dir.resolve("V1__m.sql");
        Files.writeString(file, sql);
        List<Migration> ms = new SqlMigrationSource().read(List.of(file), new dev.rehearse.migrate.MigrationSource.Context(new MySqlSplitter(), tx));
        try (var probe = new MariaDbEngine().statementProbe(db.version())) {
            return new MigrationRunner(db, probe, new Scenario.Migrations(List.of(file), "sql", tx, lockMs, statementMs, null),
                    line -> { }).run(ms);
        }
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void aLockTimeoutStopsTheAlterWaitingBehindALongTransaction(String version, @TempDir Path dir) throws Exception {
        Database db = fresh(version);
        try (Connection reader = db.connect("long-reader"); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.executeQuery("SELECT * FROM t WHERE id = 1").close(); // SHARED_READ held until the transaction ends
            MigrationRun r = run(db, dir, "ALTER TABLE t ADD COLUMN extra int;\n", Scenario.Transaction.AUTO, 1500, null);
            ExecutedStatement alter = r.statements().get(0);
            assertThat(alter.error()).contains("Lock wait timeout exceeded");
            assertThat(alter.errorClass()).isEqualTo(ErrorClass.LOCK_TIMEOUT);
            // 1.5 s rounds to lock_wait_timeout = 2 (whole seconds): it waited that long, not the server's day
            assertThat((alter.endNanos() - alter.startNanos()) / 1_000_000).isBetween(1_500L, 5_000L);
            reader.rollback();
        }
        assertThat(columns(db)).doesNotContain("extra");
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void aStatementTimeoutStopsALongStatement(String version, @TempDir Path dir) throws Exception {
        Database db = fresh(version);
        MigrationRun r = run(db, dir, "UPDATE t SET qty = qty + 1;\nALTER TABLE t MODIFY qty bigint NOT NULL;\n",
                Scenario.Transaction.NEVER, null, 100);
        ExecutedStatement update = r.statements().get(0);
        assertThat(update.error()).contains("max_statement_time");
        assertThat(update.errorClass()).isEqualTo(ErrorClass.STATEMENT_TIMEOUT);
        // the deploy stops at the first failure
        assertThat(r.statements()).hasSize(1);

        MigrationRun alter = run(db, dir, "ALTER TABLE t MODIFY qty bigint NOT NULL;\n", Scenario.Transaction.NEVER, null, 100);
        assertThat(alter.statements().get(0).errorClass()).as(alter.statements().get(0).error()).isEqualTo(ErrorClass.STATEMENT_TIMEOUT);
        assertThat(columnType(db, "qty")).isEqualTo("int(11)");
    }

    /**
     * {@code transaction: always} (a Flyway- or Liquibase-style transaction around the file): the INSERT before the
     * DDL is committed by it, the DDL runs on its own, and only the statements after the last DDL roll back.
     */
    @ParameterizedTest(name = "MariaDB {0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void aToolTransactionDoesNotProtectDdl(String version, @TempDir Path dir) throws Exception {
        Database db = fresh(version);
        MigrationRun r = run(db, dir, """
                INSERT INTO t (id, qty) VALUES (0, 0);
                ALTER TABLE t ADD COLUMN extra int;
                UPDATE t SET extra = 1 WHERE id = 0;
                INSERT INTO t (id, qty) VALUES (1, 1);
                """, Scenario.Transaction.ALWAYS, 5000, null);
        List<ExecutedStatement> s = r.statements();
        assertThat(s).hasSize(4);
        assertThat(s.get(0).inTransaction()).isTrue();
        assertThat(s.get(1).inTransaction()).as("the DDL runs outside any transaction").isFalse();
        assertThat(s.get(0).transactionEndNanos()).as("the DDL committed the INSERT before it").isLessThanOrEqualTo(s.get(1).startNanos());
        assertThat(s.get(2).inTransaction()).isTrue();
        assertThat(s.get(3).error()).contains("Duplicate entry");
        assertThat(r.partiallyApplied()).hasSize(1);
        assertThat(columns(db)).contains("extra");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT extra FROM t WHERE id = 0")) {
            assertThat(rs.next()).as("the INSERT before the DDL stayed").isTrue();
            rs.getInt(1);
            assertThat(rs.wasNull()).as("the UPDATE after it was rolled back with the failure").isTrue();
        }
    }

    private static List<String> columns(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }

    private static String columnType(Database db, String column) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                     + " AND TABLE_NAME = 't' AND COLUMN_NAME = '" + column + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
