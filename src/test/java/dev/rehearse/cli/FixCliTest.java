package dev.rehearse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse fix} as users call it: the diff, the files written, the proof by rehearsal, and bad input. */
class FixCliTest {

    private static Path project(Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, region text, code text);\n");
        Files.writeString(m.resolve("V2__region_index.sql"), "-- the report filters by region\n"
                + "CREATE INDEX accounts_region_idx ON accounts (region);\n");
        return m;
    }

    @Test
    void diffIsTheDefaultAndChangesNothing(@TempDir Path dir) throws Exception {
        Path m = project(dir);
        CliTest.Outcome r = rehearse("fix", m.toString(), "--format", "flyway", "--pending", m.resolve("V2__region_index.sql").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("--- a/migrations/V2__region_index.sql", "+++ b/migrations/V2__region_index.sql",
                "-CREATE INDEX accounts_region_idx ON accounts (region);",
                "+CREATE INDEX CONCURRENTLY accounts_region_idx ON accounts (region);",
                "+++ b/migrations/V2__region_index.sql.conf", "+executeInTransaction=false");
        // CONCURRENTLY takes no lock that blocks the application: no lock_timeout is added for it
        assertThat(r.out()).doesNotContain("lock_timeout");
        assertThat(Files.readString(m.resolve("V2__region_index.sql"))).contains("CREATE INDEX accounts_region_idx");
        assertThat(m.resolve("V2__region_index.sql.conf")).doesNotExist();
    }

    @Test
    void writeWritesTheFilesAndLintThenFindsNothing(@TempDir Path dir) throws Exception {
        Path m = project(dir);
        Files.writeString(m.resolve("V3__code_required.sql"), "ALTER TABLE accounts ALTER COLUMN code SET NOT NULL;\n");
        CliTest.Outcome r = rehearse("fix", m.toString(), "--format", "sql", "--write", "--from", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fix: wrote");
        assertThat(Files.readString(m.resolve("V2__region_index.sql"))).contains("-- the report filters by region",
                "CREATE INDEX CONCURRENTLY accounts_region_idx");
        assertThat(Files.readString(m.resolve("V3__code_required.sql"))).contains("CHECK (code IS NOT NULL) NOT VALID");
        assertThat(m.resolve("V3__code_required_2_validate_accounts_code_not_null.sql")).exists();
        assertThat(m.resolve("V3__code_required_3_set_accounts_code_not_null.sql")).exists();
        assertThat(m.resolve("V3__code_required_3_set_accounts_code_not_null.down.sql")).exists();
        CliTest.Outcome lint = rehearse("lint", m.toString(), "--format", "sql", "--from", "1", "--fail-on", "flag");
        assertThat(lint.code()).as(lint.out()).isZero();
        // fixed once, nothing is left to fix
        assertThat(rehearse("fix", m.toString(), "--format", "sql", "--from", "1").out()).contains("fix: nothing to rewrite");
    }

    @Test
    void railsWriteReplacesTheCallAndAddsTheStepsAsMigrations(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("db/migrate"));
        Files.writeString(m.resolve("20260101000000_create_accounts.rb"), """
                class CreateAccounts < ActiveRecord::Migration[7.1]
                  def change
                    create_table :accounts do |t|
                      t.text :region
                      t.text :code
                    end
                  end
                end
                """);
        Files.writeString(m.resolve("20260102000000_index_region.rb"), """
                class IndexRegion < ActiveRecord::Migration[7.1]
                  def change
                    # the report filters by region
                    add_index :accounts, :region
                  end
                end
                """);
        Files.writeString(m.resolve("20260103000000_code_required.rb"), """
                class CodeRequired < ActiveRecord::Migration[7.1]
                  def change
                    change_column_null :accounts, :code, false
                  end
                end
                """);
        String from = "20260101000000";
        CliTest.Outcome r = rehearse("fix", m.toString(), "--format", "rails", "--write", "--from", from);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fix: wrote");
        assertThat(Files.readString(m.resolve("20260102000000_index_region.rb"))).isEqualTo("""
                class IndexRegion < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def change
                    # the report filters by region
                    add_index :accounts, :region, name: "index_accounts_on_region", algorithm: :concurrently
                  end
                end
                """);
        assertThat(Files.readString(m.resolve("20260103000000_code_required.rb")))
                .contains("add_check_constraint :accounts, \"code IS NOT NULL\", name: \"accounts_code_not_null\", validate: false");
        assertThat(Files.readString(m.resolve("20260103000001_validate_accounts_code_not_null.rb")))
                .contains("class ValidateAccountsCodeNotNull < ActiveRecord::Migration[7.1]",
                        "validate_check_constraint :accounts, name: \"accounts_code_not_null\"");
        assertThat(Files.readString(m.resolve("20260103000002_set_accounts_code_not_null.rb")))
                .contains("change_column_null :accounts, :code, false", "def down");
        CliTest.Outcome lint = rehearse("lint", m.toString(), "--format", "rails", "--from", from, "--fail-on", "flag");
        assertThat(lint.code()).as(lint.out()).isZero();
        assertThat(rehearse("fix", m.toString(), "--format", "rails", "--from", from).out()).contains("fix: nothing to rewrite");
    }

    @Test
    void liquibaseWriteEditsOnlyThePendingChangeSetAndAddsTheSteps(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("changelog"));
        String deployed = """
                    <changeSet id="1" author="ana">
                        <createTable tableName="accounts">
                            <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                            <column name="region" type="text"/>
                            <column name="code" type="text"/>
                        </createTable>
                    </changeSet>
                """;
        Files.writeString(m.resolve("db.changelog-master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """ + deployed + """
                    <changeSet id="2" author="ana">
                        <comment>the report filters by region</comment>
                        <createIndex tableName="accounts" indexName="accounts_region_idx">
                            <column name="region"/>
                        </createIndex>
                    </changeSet>
                    <changeSet id="3" author="ana">
                        <addNotNullConstraint tableName="accounts" columnName="code"/>
                    </changeSet>
                </databaseChangeLog>
                """);
        // without the pending set every changeSet counts as pending: fix says what that risks, and writes nothing
        CliTest.Outcome unscoped = rehearse("fix", m.toString(), "--format", "liquibase");
        assertThat(unscoped.code()).as(unscoped.err()).isZero();
        assertThat(unscoped.out()).contains("# note: no --pending, --from or --changed-since: every changeSet was taken as pending");
        CliTest.Outcome r = rehearse("fix", m.toString(), "--format", "liquibase", "--write", "--from", "1");
        assertThat(r.code()).as(r.err()).isZero();
        String after = Files.readString(m.resolve("db.changelog-master.xml"));
        // the deployed changeSet keeps its text, so its checksum
        assertThat(after).contains(deployed);
        assertThat(after).contains("<changeSet id=\"2\" author=\"ana\" runInTransaction=\"false\">",
                "<comment>the report filters by region</comment>",
                "<sql>CREATE INDEX CONCURRENTLY accounts_region_idx ON accounts(region)</sql>",
                "<changeSet id=\"3-2\" author=\"ana\">", "<changeSet id=\"3-3\" author=\"ana\">", "<rollback>");
        assertThat(after).doesNotContain("<createIndex", "<addNotNullConstraint");
        CliTest.Outcome lint = rehearse("lint", m.toString(), "--format", "liquibase", "--from", "1", "--fail-on", "flag");
        assertThat(lint.code()).as(lint.out()).isZero();
        assertThat(rehearse("fix", m.toString(), "--format", "liquibase", "--from", "1").out()).contains("fix: nothing to rewrite");
    }

    @Test
        void writeWritesDieselDirectoriesWithMetadataAndDowns(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Path accounts = Files.createDirectories(m.resolve("2026-01-01-000001_accounts"));
        Files.writeString(accounts.resolve("up.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, region text, code text);\n");
        Files.writeString(accounts.resolve("down.sql"), "DROP TABLE accounts;\n");
        Path index = Files.createDirectories(m.resolve("2026-01-01-000002_region_index"));
        Files.writeString(index.resolve("up.sql"), "-- the report filters by region\nCREATE INDEX accounts_region_idx ON accounts (region);\n");
        Files.writeString(index.resolve("down.sql"), "DROP INDEX accounts_region_idx;\n");
        Path code = Files.createDirectories(m.resolve("2026-01-01-000003_code_required"));
        Files.writeString(code.resolve("up.sql"), "ALTER TABLE accounts ALTER COLUMN code SET NOT NULL;\n");
        CliTest.Outcome r = rehearse("fix", m.toString(), "--write", "--from", "20260101000001");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("fix: wrote 6 files (4 new)");
        // the index: CONCURRENTLY alone in its up.sql, which Diesel runs outside a transaction
        assertThat(Files.readString(index.resolve("up.sql"))).contains("-- the report filters by region",
                "CREATE INDEX CONCURRENTLY accounts_region_idx").doesNotContain("lock_timeout");
        assertThat(Files.readString(index.resolve("metadata.toml"))).isEqualTo("run_in_transaction = false\n");
        assertThat(Files.readString(index.resolve("down.sql"))).isEqualTo("DROP INDEX accounts_region_idx;\n");
        // SET NOT NULL: the CHECK NOT VALID in place, VALIDATE and SET NOT NULL (with its down) a second apart
        assertThat(Files.readString(code.resolve("up.sql"))).contains("CHECK (code IS NOT NULL) NOT VALID");
        assertThat(m.resolve("2026-01-01-000004_validate_accounts_code_not_null").resolve("up.sql")).exists();
        Path set = m.resolve("2026-01-01-000005_set_accounts_code_not_null");
        assertThat(Files.readString(set.resolve("down.sql"))).contains("ALTER COLUMN code DROP NOT NULL");
        assertThat(set.resolve("metadata.toml")).doesNotExist();
        CliTest.Outcome lint = rehearse("lint", m.toString(), "--from", "20260101000001", "--fail-on", "flag");
        assertThat(lint.code()).as(lint.out()).isZero();
        assertThat(rehearse("fix", m.toString(), "--from", "20260101000001").out()).contains("fix: nothing to rewrite");
    }

    @Test
    void aRewriteDrizzleCannotRunIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("drizzle"));
        Files.createDirectories(m.resolve("meta"));
        Files.writeString(m.resolve("meta/_journal.json"), """
                {"version": "7", "dialect": "postgresql", "entries": [
                  {"idx": 0, "version": "7", "when": 1767225601000, "tag": "0000_accounts", "breakpoints": true},
                  {"idx": 1, "version": "7", "when": 1767225602000, "tag": "0001_region_index", "breakpoints": true}]}
                """);
        Files.writeString(m.resolve("0000_accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, region text);\n");
        Files.writeString(m.resolve("0001_region_index.sql"), "CREATE INDEX accounts_region_idx ON accounts (region);\n");
        CliTest.Outcome r = rehearse("fix", m.toString(), "--write", "--pending", m.resolve("0001_region_index.sql").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("# not fixed: 0001_region_index.sql create-index-non-concurrent: cannot run under"
                + " drizzle-kit migrate: Drizzle's migrator runs every pending migration inside one transaction");
        assertThat(r.out()).doesNotContain("+++", "fix: wrote");
        assertThat(Files.readString(m.resolve("0001_region_index.sql"))).doesNotContain("CONCURRENTLY");
    }

    @Test
    void aFindingWithoutAMechanicalRewriteGetsAChecklistNotAFile(@TempDir Path dir) throws Exception {
        Path m = project(dir);
        Files.writeString(m.resolve("V3__drop_code.sql"), "SET lock_timeout = '5s';\nALTER TABLE accounts DROP COLUMN code;\n");
        CliTest.Outcome r = rehearse("fix", m.toString(), "--pending", m.resolve("V3__drop_code.sql").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("V3__drop_code.sql:2 drop-column: no mechanical rewrite; expand and contract:",
                "- [ ] Release code that no longer reads or writes accounts.code", "- [ ] Contract: drop the column");
        assertThat(r.out()).doesNotContain("+++");
    }

    @Test
    void rehearseProvesTheFixSideBySideAndWritesOnlyAProvenFix(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, region text);\n");
        Files.writeString(m.resolve("V1__region_required.sql"), "ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;\n");
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    accounts: { rows: 20k }
                load:
                  clients: 2
                  rate: 100
                  baseline_seconds: 1
                  cooldown_seconds: 0
                migrations:
                  path: migrations
                  format: sql
                """);
        CliTest.Outcome r = rehearse("fix", "--scenario", scenario.toString(), "--rehearse", "--write");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        // the original's verdict (FLAG or BLOCK) depends on how long its scan held the lock on this machine
        assertThat(r.out()).doesNotContain("| verdict | SAFE TO SHIP |");
        assertThat(r.out()).contains(" | SAFE TO SHIP |\n",
                "| original | V1__region_required.sql:1 | `ALTER TABLE accounts ALTER COLUMN region SET NOT NULL` | AccessExclusiveLock",
                "| fixed | V1__region_required_2_validate_accounts_region_not_null.sql:3 | `ALTER TABLE accounts VALIDATE CONSTRAINT"
                        + " accounts_region_not_null` | ShareUpdateExclusiveLock",
                "fix: the fixed set rehearsed SAFE TO SHIP (the original: ", "fix: wrote 4 files (3 new)");
        assertThat(Files.readString(m.resolve("V1__region_required.sql"))).contains("NOT VALID");
    }

    /**
     * The MySQL family's rewrite proven on embedded MariaDB 10.11 through the CLI (MariaDbFixRehearsalTest proves the rest):
     * a stated ALGORITHM=COPY copies the table with the workload's writes held back, the fix builds the index in place
     * with them going on. The one MariaDB case verify runs: two servers started and seeded, 20k rows keep it at 7-14 s here.
     */
    @Test
    void rehearseProvesTheMySqlFamilysOnlineDdlFixOnMariaDb(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("migrations");
        Path scenario = mariaDbPair(dir, "mariadb-copy-index", "V1__accounts_region_idx.sql");
        CliTest.Outcome r = rehearse("fix", "--scenario", scenario.toString(), "--rehearse", "--write");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("+ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=INPLACE, LOCK=NONE;",
                "| verdict | BLOCK | SAFE TO SHIP |",
                "| original | V1__accounts_region_idx.sql:3 | `ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=COPY` |",
                "BLOCK mysql-copy-or-blocking-lock",
                "| fixed | V1__accounts_region_idx.sql:3 | `ALTER TABLE accounts ADD INDEX accounts_region_idx (region), ALGORITHM=INPLACE,"
                        + " LOCK=NONE` |",
                "fix: the fixed set rehearsed SAFE TO SHIP (the original: BLOCK)", "fix: wrote 1 file");
        assertThat(Files.readString(m.resolve("V1__accounts_region_idx.sql"))).contains("ALGORITHM=INPLACE, LOCK=NONE")
                .doesNotContain(", ALGORITHM=COPY;");
    }

    /**
     * The guard that is not a fix, through the CLI on MariaDB 10.11 (MariaDbFixRehearsalTest measures it in every
     * format): a type change cannot run in place, so the server refuses the rewrite's ALGORITHM=INPLACE, LOCK=NONE and
     * {@code fix --rehearse --write} says NOT A FIX, writes nothing and exits 1. -Pslow only: two servers started and seeded.
     */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void rehearseReportsTheModifyColumnGuardOnMariaDbAsNotAFixAndWritesNothing(@TempDir Path dir) throws Exception {
        Path scenario = mariaDbPair(dir, "mariadb-modify-column", "V1__accounts_balance_bigint.sql");
        Path file = dir.resolve("migrations").resolve("V1__accounts_balance_bigint.sql");
        String before = Files.readString(file);
        CliTest.Outcome r = rehearse("fix", "--scenario", scenario.toString(), "--rehearse", "--write");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.VERDICT);
        assertThat(r.out()).contains("+ALTER TABLE accounts MODIFY COLUMN balance BIGINT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;",
                "BLOCK mysql-modify-column-copy", "BLOCK algorithm-refused",
                "fix: NOT A FIX: the fixed set rehearsed BLOCK: ", "ALGORITHM=INPLACE is not supported",
                "fix: nothing written: the rewrite did not rehearse SAFE TO SHIP");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    /** A MariaDB scenario pair's schema and unsafe migration in {@code dir}, at 20k rows on 10.11: the scenario. */
    private static Path mariaDbPair(Path dir, String pair, String migration) throws java.io.IOException {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.copy(Path.of("scenarios", pair, "schema.sql"), dir.resolve("schema.sql"));
        Files.copy(Path.of("scenarios", pair, "unsafe", migration), m.resolve(migration));
        return Files.writeString(dir.resolve("scenario.yaml"), """
                engine: mariadb:10.11
                schema: schema.sql
                data:
                  tables:
                    accounts: { rows: 20k, production_rows: 50M }
                load: { clients: 8, rate: 400, write_fraction: 0.5, baseline_seconds: 0.5, cooldown_seconds: 0 }
                migrations: { path: migrations }
                """);
    }

    @Test
    void runWithFixRehearsesTheFixBesideTheOriginal(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
        Files.writeString(m.resolve("V1__email_index.sql"), "CREATE INDEX accounts_email_idx ON accounts (email);\n");
        CliTest.Outcome r = rehearse("run", "--schema", dir.resolve("schema.sql").toString(), "--migrations", m.toString(),
                "--format", "sql", "--rows", "accounts=5000", "--no-load", "--with-fix");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("+CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);",
                "| fixed | V1__email_index.sql:1 | `CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)` | ShareUpdateExclusiveLock",
                "fix: the fixed set rehearsed SAFE TO SHIP");
        // run --with-fix proves; it never writes
        assertThat(Files.readString(m.resolve("V1__email_index.sql"))).doesNotContain("CONCURRENTLY");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path m = project(dir);
        CliTest.Outcome none = rehearse("fix");
        assertThat(none.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(none.err().strip()).isEqualTo("rehearse: fix: give the migration files or directories (PATH...), or --scenario");
        CliTest.Outcome missing = rehearse("fix", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(missing.err()).contains("fix: no such file or directory").doesNotContain("Exception");
        CliTest.Outcome noScenario = rehearse("fix", m.toString(), "--rehearse");
        assertThat(noScenario.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(noScenario.err()).contains("--rehearse: give --scenario");
        CliTest.Outcome both = rehearse("fix", m.toString(), "--diff", "--write");
        assertThat(both.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(both.err()).contains("mutually exclusive");
        CliTest.Outcome format = rehearse("fix", m.toString(), "--format", "nosuch");
        assertThat(format.code()).isEqualTo(Main.INVALID_INPUT);
        // a format that is read but not written (none, once every source has its writer)
        String unwrittenFormat = dev.rehearse.migrate.MigrationSources.all().stream().map(dev.rehearse.migrate.MigrationSource::format)
                .filter(f -> !dev.rehearse.fix.MigrationWriters.names().contains(f)).findFirst().orElse(null);
        if (unwrittenFormat != null) {
            CliTest.Outcome unwritten = rehearse("fix", m.toString(), "--format", unwrittenFormat);
            assertThat(unwritten.code()).as(unwritten.err()).isEqualTo(Main.FAILED);
            assertThat(unwritten.err()).contains("the " + unwrittenFormat + " format is read but not written by this build");
        }
    }
}
