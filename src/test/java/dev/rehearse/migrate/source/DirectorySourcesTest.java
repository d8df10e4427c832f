package dev.rehearse.migrate.source;

import dev.rehearse.InvalidInputException;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading each directory-layout tool's fixture (src/test/resources/sources/): order, modes, lines, downs, detection. */
class DirectorySourcesTest {

    static final EngineSpec PG = EngineSpec.parse("postgres:16");

    static Path fixture(String path) {
        try {
            return Path.of(DirectorySourcesTest.class.getResource("/sources/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MigrationSource.Context context(EngineSpec engine) {
        return new MigrationSource.Context(Engines.dialect(engine).splitter(), Scenario.Transaction.AUTO, engine);
    }

    static List<Migration> read(String format, Path path) {
        return MigrationSources.forFormat(format).read(List.of(path), context(PG));
    }

    private static List<Integer> lines(Migration m) {
        return m.statements().stream().map(SqlStatement::line).toList();
    }

    private static List<TransactionMode> modes(List<Migration.Unit> units) {
        return units.stream().map(Migration.Unit::mode).toList();
    }

    @Test
    void eachLayoutIsDetectedAndAPlainSqlFolderStaysSql(@TempDir Path dir) throws Exception {
        assertThat(MigrationSources.detect(List.of(fixture("prisma/concurrently/prisma/migrations"))).format()).isEqualTo("prisma");
        assertThat(MigrationSources.detect(List.of(fixture("prisma/concurrently"))).format()).isEqualTo("prisma");
        assertThat(MigrationSources.detect(List.of(fixture("drizzle/concurrently"))).format()).isEqualTo("drizzle");
        assertThat(MigrationSources.detect(List.of(fixture("diesel/no-transaction"))).format()).isEqualTo("diesel");
        assertThat(MigrationSources.detect(List.of(fixture("diesel/no-transaction/migrations"))).format()).isEqualTo("diesel");
        assertThat(MigrationSources.detect(List.of(fixture("golang-migrate/migrations"))).format()).isEqualTo("golang-migrate");
        assertThat(MigrationSources.detect(List.of(fixture("golang-migrate/migrations/2_backfill_status.up.sql"))).format())
                .isEqualTo("golang-migrate");
        assertThat(MigrationSources.detect(List.of(fixture("dbmate"))).format()).isEqualTo("dbmate");
        assertThat(MigrationSources.detect(List.of(fixture("dbmate/db/migrations"))).format()).isEqualTo("dbmate");
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(dir.resolve("V2__more.sql"), "ALTER TABLE t ADD COLUMN a int;\n");
        assertThat(MigrationSources.detect(List.of(dir)).format()).isEqualTo("sql");
        assertThat(MigrationSources.detect(List.of(dir.resolve("V1__init.sql"))).format()).isEqualTo("sql");
    }

    @Test
    void prismaUpTo73SendsTheScriptAtOnceSoSeveralStatementsAreOneTransaction() {
        List<Migration> ms = read("prisma", fixture("prisma/concurrently"));
        assertThat(ms).extracting(Migration::name).containsExactly(
                "20250101000000_init/migration.sql", "20250301000000_add_email_index/migration.sql");
        assertThat(ms).extracting(Migration::version).containsExactly("20250101000000", "20250301000000");
        Migration index = ms.get(1);
        assertThat(index.file()).isEqualTo(fixture("prisma/concurrently/prisma/migrations/20250301000000_add_email_index/migration.sql"));
        assertThat(lines(index)).containsExactly(2, 5);
        assertThat(modes(index.units())).containsExactly(TransactionMode.TRANSACTION);
        assertThat(index.statements().get(1).kind()).isEqualTo(SqlStatement.Kind.NON_TRANSACTIONAL);
        // one statement alone is no transaction block
        assertThat(modes(ms.get(0).units())).containsExactly(TransactionMode.AUTOCOMMIT);
        assertThat(ms).allSatisfy(m -> {
            assertThat(m.hasRollback()).isFalse(); // Prisma has no down migrations
            assertThat(m.problems()).isEmpty();
        });
        assertThat(PrismaMigrationSource.prismaVersion(fixture("prisma/concurrently/prisma/migrations"))).containsExactly(6, 19);
    }

    @Test
    void prismaFrom74SendsStatementByStatement() {
        assertThat(PrismaMigrationSource.prismaVersion(fixture("prisma/prisma-7.4/prisma/migrations"))).containsExactly(7, 4);
        Migration index = read("prisma", fixture("prisma/prisma-7.4")).get(1);
        assertThat(modes(index.units())).containsExactly(TransactionMode.AUTOCOMMIT);
        // ...except a script its splitter cannot parse, sent whole as before
        List<SqlStatement> drop = Engines.dialect(PG).splitter().split("DROP INDEX CONCURRENTLY a;\nDROP TABLE b;\n");
        assertThat(PrismaMigrationSource.mode(drop, true, PG)).isEqualTo(TransactionMode.TRANSACTION);
    }

    @Test
    void prismaRefusesAHistoryWrittenForAnotherProvider(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("prisma/migrations/20250101000000_init"));
        Files.writeString(m.resolve("migration.sql"), "CREATE TABLE `a` (`id` INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"mysql\"\n");
        Migration read = MigrationSources.forFormat("prisma").read(List.of(dir), context(PG)).get(0);
        assertThat(read.refused()).isTrue();
        assertThat(read.problems().get(0).message()).contains("migration_lock.toml names provider \"mysql\"")
                .contains("targets postgres").contains("P3019");
        // the same history on MySQL is what Prisma applies
        assertThat(MigrationSources.forFormat("prisma").read(List.of(dir), context(EngineSpec.parse("mysql:8.0")))
                .get(0).problems()).isEmpty();

        Files.createDirectories(dir.resolve("prisma/migrations/20250102000000_empty"));
        assertThatThrownBy(() -> MigrationSources.forFormat("prisma").read(List.of(dir), context(PG)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("20250102000000_empty")
                .hasMessageContaining("without migration.sql");
    }

    @Test
    void drizzleFollowsTheJournalSplitsAtBreakpointsAndWrapsEachMigration() {
        List<Migration> ms = read("drizzle", fixture("drizzle/concurrently"));
        // 0001_abandoned_draft.sql is not in the journal: Drizzle never applies it
        assertThat(ms).extracting(Migration::name).containsExactly("0000_init_accounts.sql", "0001_email_index.sql");
        assertThat(lines(ms.get(0))).containsExactly(1, 6, 11);
        assertThat(lines(ms.get(1))).containsExactly(1, 2);
        assertThat(ms.get(1).statements().get(1).sql()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(ms).allSatisfy(m -> assertThat(modes(m.units())).containsExactly(TransactionMode.TRANSACTION));
        // drizzle-orm's migrator: one transaction around every pending migration
        assertThat(ms).allSatisfy(m -> assertThat(m.units()).allMatch(Migration.Unit::spansMigrations));
        assertThat(ms).extracting(Migration::version).containsExactly("0000", "0001");
    }

    /**
     * Lint sees Drizzle's one transaction too: a constraint added NOT VALID in one pending migration and validated in
     * the next is validated in the transaction that added it; committed migration by migration it would not be.
     */
    @Test
    void lintCarriesDrizzlesTransactionIntoTheNextPendingMigration(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/_journal.json"),
                "{\"entries\": [{\"tag\": \"0000_t\"}, {\"tag\": \"0001_check\"}, {\"tag\": \"0002_validate\"}]}");
        Files.writeString(dir.resolve("0000_t.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(dir.resolve("0001_check.sql"), "ALTER TABLE t ADD CONSTRAINT t_id CHECK (id > 0) NOT VALID;\n");
        Files.writeString(dir.resolve("0002_validate.sql"), "ALTER TABLE t VALIDATE CONSTRAINT t_id;\n");
        List<Migration> ms = read("drizzle", dir);
        java.util.function.Predicate<Migration> pending = m -> !m.name().equals("0000_t.sql");
        var lint = new dev.rehearse.analyze.Linter(new dev.rehearse.analyze.Linter.Options(PG, java.util.Set.of(), false,
                pending), Engines.dialect(PG));
        assertThat(lint.lint(ms).findings()).extracting(f -> f.file() + " " + f.rule())
                .contains("0002_validate.sql validate-in-same-transaction");
        List<Migration> perMigration = ms.stream().map(m -> new Migration(m.name(), m.file(), m.version(),
                m.units().stream().map(u -> new Migration.Unit(u.statements(), u.mode())).toList(), null, null, null)).toList();
        assertThat(lint.lint(perMigration).findings()).extracting(f -> f.file() + " " + f.rule())
                .doesNotContain("0002_validate.sql validate-in-same-transaction");
    }

    @Test
    void drizzleNamesTheJournalLineOfAMissingFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/_journal.json"), "{\n  \"entries\": [\n    {\"idx\": 0, \"tag\": \"0000_gone\"}\n  ]\n}\n");
        assertThatThrownBy(() -> read("drizzle", dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("_journal.json:3: ").hasMessageContaining("0000_gone.sql");
        Files.writeString(dir.resolve("meta/_journal.json"), "{\n  \"entries\": [\n    {\"idx\": 0,, }\n");
        assertThatThrownBy(() -> read("drizzle", dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("_journal.json:3: ").hasMessageContaining("not valid JSON");
    }

    @Test
    void dieselOrdersByVersionWithoutDashesAndHonoursRunInTransaction() {
        Path root = fixture("diesel/no-transaction/migrations");
        List<Migration> ms = read("diesel", fixture("diesel/no-transaction"));
        // natural order of the names would put both dashed directories first
        assertThat(ms).extracting(Migration::name).containsExactly(
                "2025-01-01-000000_create_accounts/up.sql", "20250201000000_add_email/up.sql",
                "2025-03-01-000000_index_email_concurrently/up.sql");
        assertThat(ms).extracting(Migration::version).containsExactly("20250101000000", "20250201000000", "20250301000000");

        Migration addEmail = ms.get(1);
        assertThat(modes(addEmail.units())).containsExactly(TransactionMode.TRANSACTION);
        assertThat(lines(addEmail)).containsExactly(1, 3);
        assertThat(addEmail.rollback()).isEqualTo(root.resolve("20250201000000_add_email/down.sql"));
        // the down that loses data: read as the down, never as a migration of its own
        assertThat(addEmail.down()).hasSize(1);
        assertThat(addEmail.down().get(0).mode()).isEqualTo(TransactionMode.TRANSACTION);
        assertThat(addEmail.down().get(0).statements()).extracting(SqlStatement::sql, SqlStatement::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ALTER TABLE accounts DROP COLUMN email", 2));

        Migration index = ms.get(2);
        assertThat(modes(index.units())).containsExactly(TransactionMode.AUTOCOMMIT); // run_in_transaction = false
        assertThat(modes(index.down())).containsExactly(TransactionMode.AUTOCOMMIT); // the revert honours it too
        assertThat(ms).extracting(Migration::file).noneMatch(f -> f.getFileName().toString().equals("down.sql"));
    }

    @Test
    void dieselReadsMetadataAsDieselDoesAndRefusesAnEmptyScript(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("2025-01-01-000000_a"));
        Files.writeString(a.resolve("up.sql"), "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\n");
        Files.writeString(a.resolve("metadata.toml"), "# no key: serde's default for a bool\n");
        Path b = Files.createDirectories(dir.resolve("2025-01-02-000000_b"));
        Files.writeString(b.resolve("up.sql"), "");
        Files.writeString(b.resolve("metadata.toml"), "run_in_transaction = \n");
        List<Migration> ms = read("diesel", dir);
        // outside Diesel's transaction, but two statements in one batch are PostgreSQL's implicit transaction
        assertThat(modes(ms.get(0).units())).containsExactly(TransactionMode.TRANSACTION);
        assertThat(ms.get(0).problems()).isEmpty();
        assertThat(ms.get(1).refused()).isTrue();
        assertThat(ms.get(1).problems()).extracting(Migration.Problem::message)
                .anySatisfy(msg -> assertThat(msg).contains("metadata.toml:1: not valid TOML").contains("runs the migration in a transaction"))
                .anySatisfy(msg -> assertThat(msg).contains("up.sql is empty"));

        Files.createDirectories(dir.resolve("2025-01-03-000000_c"));
        Files.writeString(dir.resolve("2025-01-03-000000_c/README"), "no up.sql");
        assertThatThrownBy(() -> read("diesel", dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2025-01-03-000000_c").hasMessageContaining("no up.sql");
    }

    @Test
    void golangMigrateOrdersNumericallyAndSendsEachFileAsOneBatch() {
        Path root = fixture("golang-migrate/migrations");
        List<Migration> ms = read("golang-migrate", root);
        assertThat(ms).extracting(Migration::name).containsExactly(
                "1_create_accounts.up.sql", "2_backfill_status.up.sql", "10_index_status_concurrently.up.sql");
        assertThat(ms).extracting(Migration::version).containsExactly("1", "2", "10");
        Migration backfill = ms.get(1);
        assertThat(modes(backfill.units())).containsExactly(TransactionMode.TRANSACTION); // two statements, one query
        assertThat(lines(backfill)).containsExactly(1, 2);
        assertThat(backfill.rollback()).isEqualTo(root.resolve("2_backfill_status.down.sql"));
        assertThat(backfill.down().get(0).statements()).extracting(SqlStatement::line).containsExactly(2);
        assertThat(modes(ms.get(2).units())).containsExactly(TransactionMode.AUTOCOMMIT); // CONCURRENTLY alone succeeds
        assertThat(modes(ms.get(2).down())).containsExactly(TransactionMode.AUTOCOMMIT);
    }

    @Test
    void golangMigrateRefusesTwoUpsOfOneVersion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1_a.up.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("01_b.up.sql"), "SELECT 2;");
        assertThatThrownBy(() -> read("golang-migrate", dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("duplicate migration file: version 1");
    }

    @Test
    void dbmateRunsEachSectionInItsOwnModeAndKeepsTheDowns() {
        Path root = fixture("dbmate/db/migrations");
        List<Migration> ms = read("dbmate", fixture("dbmate"));
        assertThat(ms).extracting(Migration::name).containsExactly("20250101000000_create_accounts.sql",
                "20250201000000_backfill_status.sql", "20250301000000_index_status.sql");
        assertThat(ms).extracting(Migration::version).containsExactly("20250101000000", "20250201000000", "20250301000000");
        Migration backfill = ms.get(1);
        assertThat(modes(backfill.units())).containsExactly(TransactionMode.TRANSACTION);
        assertThat(lines(backfill)).containsExactly(2, 3);
        assertThat(backfill.rollback()).isEqualTo(root.resolve("20250201000000_backfill_status.sql"));
        assertThat(backfill.down().get(0).statements()).extracting(SqlStatement::sql, SqlStatement::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ALTER TABLE accounts DROP COLUMN status", 7));
        // two sections: transaction:false alone, then one in dbmate's transaction
        Migration index = ms.get(2);
        assertThat(modes(index.units())).containsExactly(TransactionMode.AUTOCOMMIT, TransactionMode.TRANSACTION);
        assertThat(lines(index)).containsExactly(2, 8);
        assertThat(modes(index.down())).containsExactly(TransactionMode.AUTOCOMMIT, TransactionMode.TRANSACTION);
    }

    @Test
    void dbmateRefusesAFileItCannotParse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("20250101000000_a.sql"), "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n");
        Files.writeString(dir.resolve("20250102000000_b.sql"), "-- migrate:up\nCREATE TABLE b (id int);\n");
        Files.writeString(dir.resolve("20250103000000_c.sql"), "-- c\nCREATE TYPE s AS ENUM ('x');\n-- migrate:up\nSELECT 1;\n-- migrate:down\n");
        List<Migration> ms = read("dbmate", dir);
        assertThat(ms.get(0).refused()).isFalse();
        assertThat(ms.get(1).refused()).isTrue();
        assertThat(ms.get(1).units()).isEmpty(); // dbmate parses the file before it sends any of it
        assertThat(ms.get(1).problems()).extracting(Migration.Problem::line, Migration.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "dbmate requires each migration to define a down block with '-- migrate:down'"));
        assertThat(ms.get(2).problems()).extracting(Migration.Problem::line).containsExactly(2);
    }

    @Test
    void linesInAChunkAreTheFilesAndASplitErrorNamesTheFileLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/_journal.json"), "{\"entries\": [{\"tag\": \"0000_x\"}]}");
        Files.writeString(dir.resolve("0000_x.sql"), "SELECT 1;\n--> statement-breakpoint\n\nSELECT 'open;\n");
        assertThatThrownBy(() -> read("drizzle", dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0000_x.sql:4: ");
    }
}
