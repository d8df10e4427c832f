package dev.rehearse.migrate.source;

import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.MigrationRunner;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * drizzle-orm's migrator runs every pending migration in one transaction: on a real PostgreSQL 16, the runner holds
 * the first migration's locks until the last one commits, and a failure in the last rolls back the first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrizzleTransactionTest {

    private static final EngineSpec PG = EngineSpec.parse("postgres:16");
    private final EngineRuntime engine = Engines.runtime(PG.kind());
    private Database db;

    @BeforeAll
    void start() {
        db = engine.provisioner(Provider.EMBEDDED, Scenario.External.NONE).start(PG);
    }

    @AfterAll
    void stop() {
        if (db != null) db.close();
    }

    private static Path drizzle(Path dir, String first, String second) throws Exception {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/_journal.json"),
                "{\"entries\": [{\"idx\": 0, \"tag\": \"0000_first\"}, {\"idx\": 1, \"tag\": \"0001_second\"}]}");
        Files.writeString(dir.resolve("0000_first.sql"), first);
        Files.writeString(dir.resolve("0001_second.sql"), second);
        return dir;
    }

    private MigrationRun run(List<Migration> migrations) {
        try (StatementProbe probe = engine.statementProbe(db)) {
            return new MigrationRunner(db, probe, new Scenario.Migrations(List.of(), "drizzle", Scenario.Transaction.AUTO,
                    null, null), line -> { }).run(migrations);
        }
    }

    private boolean tableExists(String name) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('" + name + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    private static List<Migration> perMigration(List<Migration> spanning) {
        return spanning.stream().map(m -> new Migration(m.name(), m.file(), m.version(),
                m.units().stream().map(u -> new Migration.Unit(u.statements(), u.mode())).toList(),
                m.rollback(), m.down(), m.problems())).toList();
    }

    @Test
    void theFirstMigrationsLocksAreHeldUntilTheLastCommits(@TempDir Path dir) throws Exception {
        List<Migration> ms = DirectorySourcesTest.read("drizzle", drizzle(dir,
                "CREATE TABLE held (id int);", "SELECT pg_sleep(0.3);--> statement-breakpoint\nCREATE TABLE held_too (id int);"));
        MigrationRun run = run(ms);
        assertThat(run.failed()).isFalse();
        List<ExecutedStatement> done = run.statements();
        assertThat(done).extracting(s -> s.migration().name()).containsExactly("0000_first.sql", "0001_second.sql", "0001_second.sql");
        assertThat(done).extracting(ExecutedStatement::index).containsExactly(1, 2, 3);
        // one transaction: the first statement's ends when the last migration's does, after the sleep
        assertThat(done.get(0).transactionEndNanos()).isEqualTo(done.get(2).transactionEndNanos())
                .isGreaterThanOrEqualTo(done.get(0).endNanos() + 300_000_000L);
        assertThat(tableExists("held")).isTrue();
        assertThat(tableExists("held_too")).isTrue();
    }

    @Test
    void aFailureInTheLastPendingMigrationRollsBackTheFirst(@TempDir Path dir) throws Exception {
        List<Migration> ms = DirectorySourcesTest.read("drizzle", drizzle(dir,
                "CREATE TABLE rolled_back (id int);", "CREATE INDEX CONCURRENTLY rolled_back_id ON rolled_back (id);"));
        MigrationRun run = run(ms);
        assertThat(run.failed()).isTrue();
        assertThat(run.statements()).hasSize(2);
        assertThat(run.statements().get(1).error()).contains("cannot run inside a transaction block");
        assertThat(run.partiallyApplied()).isEmpty();
        assertThat(tableExists("rolled_back")).isFalse();

        // committed migration by migration, the first would have stayed
        assertThat(run(perMigration(ms)).failed()).isTrue();
        assertThat(tableExists("rolled_back")).isTrue();
    }
}
