package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.Rules;
import dev.rehearse.dialect.Rule;
import dev.rehearse.engine.Engines;
import dev.rehearse.engine.mysql.MySqlSplitter;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.MigrationRunner;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.model.Report;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
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
 * Where MariaDB differs from the MySQL claims, on 10.11 and 11.4: a stated algorithm the server cannot honour fails
 * (ER_ALTER_OPERATION_NOT_SUPPORTED, 1845/1846) and leaves the table, instead of copying it; COPY with LOCK=NONE is
 * refused before 11.2 and runs from it; DROP COLUMN and column reorder keep the table (MariaDB 10.4+), where MySQL
 * before 8.0.29 rebuilds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbOnlineDdlTest {

    private final Map<String, Database> servers = new HashMap<>();

    @AfterAll
    void stop() {
        servers.values().forEach(Database::close);
    }

    private Database fresh(String version) throws Exception {
        Database db = servers.computeIfAbsent(version, v -> new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + v)));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + EmbeddedMariaDbProvisioner.DATABASE);
            s.execute("CREATE DATABASE " + EmbeddedMariaDbProvisioner.DATABASE);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int NOT NULL, note varchar(40), code varchar(20))");
            s.execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('n', seq), 'c' FROM seq_1_to_100000");
        }
        return db;
    }

    private static List<Migration> read(Path dir, String sql) throws Exception {
        Path file = dir.resolve("V1__m.sql");
        Files.writeString(file, sql);
        return new SqlMigrationSource().read(List.of(file), new MigrationSource.Context(new MySqlSplitter(), Scenario.Transaction.NEVER));
    }

    private static MigrationRun run(Database db, List<Migration> ms) throws Exception {
        try (var probe = new MariaDbEngine().statementProbe(db.version())) {
            return new MigrationRunner(db, probe, new Scenario.Migrations(List.of(), "sql", Scenario.Transaction.NEVER,
                    5000, null, null), line -> { }).run(ms);
        }
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void aStatedAlgorithmTheServerCannotHonourFailsInsteadOfCopying(String version, @TempDir Path dir) throws Exception {
        Database db = fresh(version);
        EngineSpec spec = EngineSpec.parse("mariadb:" + db.version());
        for (String sql : List.of(
                "ALTER TABLE t MODIFY qty bigint NOT NULL, ALGORITHM=INPLACE, LOCK=NONE",
                "ALTER TABLE t MODIFY qty bigint NOT NULL, ALGORITHM=INSTANT",
                "ALTER TABLE t ADD COLUMN ext CHAR(36) DEFAULT UUID(), ALGORITHM=INPLACE",
                "ALTER TABLE t ADD CONSTRAINT qty_positive CHECK (qty >= 0), ALGORITHM=INPLACE")) {
            ExecutedStatement s = run(db, read(dir, sql + ";\n")).statements().get(0);
            assertThat(s.errorClass()).as("%s: %s", sql, s.error()).isEqualTo(ErrorClass.ALGORITHM_REFUSED);
            assertThat(s.error()).containsPattern("is not supported");
            assertThat(s.facts()).as("nothing ran").isNull();
            // the catalog says so: no finding (the clause is the safe form) or a claim that it fails
            Rule.Words words = new Rule.Words(sql, Engines.dialect(spec).words(sql));
            for (Rule r : Engines.dialect(spec).rules()) {
                if (r.claim() == null || !r.matches().test(words)) continue;
                Rule.Claim c = r.claim().apply(spec, words);
                assertThat(c == null || c.fails()).as("%s on %s claims %s", r.id(), sql, c == null ? null : c.describe()).isTrue();
            }
        }
        assertThat(type(db, "qty")).isEqualTo("int(11)");

        // COPY with LOCK=NONE: refused before 11.2, online from it
        ExecutedStatement copy = run(db, read(dir, "ALTER TABLE t MODIFY qty bigint NOT NULL, ALGORITHM=COPY, LOCK=NONE;\n"))
                .statements().get(0);
        Rule.Claim claim = Rules.byId("mysql-copy-or-blocking-lock").claim().apply(spec,
                new Rule.Words(copy.statement().sql(), Engines.dialect(spec).words(copy.statement().sql())));
        if (db.version().atLeast(11, 2, 0)) {
            assertThat(copy.error()).isNull();
            assertThat(copy.facts().rewrote()).containsExactly("t");
            assertThat(claim.fails()).isFalse();
            assertThat(claim.blocks()).isEqualTo(dev.rehearse.dialect.LockMode.Blocks.NONE);
        } else {
            assertThat(copy.errorClass()).as(copy.error()).isEqualTo(ErrorClass.ALGORITHM_REFUSED);
            assertThat(copy.error()).contains("COPY algorithm requires a lock");
            assertThat(claim.fails()).isTrue();
        }
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void dropAndReorderKeepTheTableWhereMySqlBefore8029RebuildsIt(String version, @TempDir Path dir) throws Exception {
        Database db = fresh(version);
        List<Migration> ms = read(dir, """
                ALTER TABLE t DROP COLUMN code;
                ALTER TABLE t MODIFY note varchar(40) FIRST;
                ALTER TABLE t ADD COLUMN later int AFTER id;
                """);
        MigrationRun r = run(db, ms);
        assertThat(r.statements()).hasSize(3).allSatisfy(s -> {
            assertThat(s.error()).isNull();
            assertThat(s.facts().rewrote()).as(s.statement().sql()).isEmpty();
        });
        EngineSpec here = EngineSpec.parse("mariadb:" + db.version());
        assertThat(rules(ms, here)).doesNotContain("mysql-drop-column-rebuild", "mysql-add-column-rebuild");
        assertThat(rules(ms, EngineSpec.parse("mysql:8.0.28"))).contains("mysql-drop-column-rebuild", "mysql-add-column-rebuild");
        assertThat(rules(ms, EngineSpec.parse("mysql:8.0.29"))).doesNotContain("mysql-drop-column-rebuild", "mysql-add-column-rebuild");
    }

    /**
     * ADD FOREIGN KEY with foreign_key_checks on copies the child table and checks every row's parent under a shared
     * row lock kept to the end of the ALTER: a write to a parent row waits for the whole copy, on 11.4 too, where the
     * copy itself lets writes to the child through.
     */
    @ParameterizedTest(name = "MariaDB {0}")
    @ValueSource(strings = {"10.11", "11.4"})
    void addingAForeignKeyHoldsTheParentRowsItChecked(String version, @TempDir Path dir) throws Exception {
        Database db = fresh(version);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE p (id bigint PRIMARY KEY, name varchar(20))");
            s.execute("INSERT INTO p SELECT seq, 'x' FROM seq_1_to_1000");
            s.execute("CREATE TABLE ch (id bigint PRIMARY KEY, p_id bigint NOT NULL, pad varchar(100), KEY (p_id))");
            s.execute("INSERT INTO ch SELECT seq, 1 + seq % 1000, REPEAT('y', 100) FROM seq_1_to_400000");
        }
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection writer = db.connect("parent-writer"); Statement w = writer.createStatement()) {
            var alter = pool.submit(() -> run(db, read(dir, "ALTER TABLE ch ADD CONSTRAINT ch_p FOREIGN KEY (p_id) REFERENCES p (id);\n")));
            Thread.sleep(300); // the copy is under way
            assertThat(alter.isDone()).as("the copy takes longer than that").isFalse();
            w.execute("SET SESSION innodb_lock_wait_timeout = 60");
            w.executeUpdate("UPDATE p SET name = 'z' WHERE id = 1000");
            long updated = System.nanoTime();
            ExecutedStatement s = alter.get().statements().get(0);
            assertThat(s.error()).isNull();
            assertThat(s.facts().rewrote()).containsExactly("ch");
            // the parent row's write returned only once the ALTER had finished
            assertThat(updated).isGreaterThanOrEqualTo(s.endNanos() - 50_000_000L);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> rules(List<Migration> ms, EngineSpec at) {
        return new Linter(Linter.Options.of(at), Engines.dialect(at)).lint(ms).counted().stream().map(Report.Finding::rule).toList();
    }

    private static String type(Database db, String column) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                     + " AND TABLE_NAME = 't' AND COLUMN_NAME = '" + column + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
