package dev.rehearse.migrate.flyway;

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

/** Reading Flyway folders as Flyway 13 reads them: order, placeholders, settings, transaction rules, undo. */
class FlywayMigrationSourceTest {

    static final MigrationSource.Context PG16 = context("postgres:16");

    static MigrationSource.Context context(String engine) {
        return new MigrationSource.Context(Engines.dialect(EngineSpec.parse(engine)).splitter(), Scenario.Transaction.AUTO);
    }

    static Path fixture(String name) {
        try {
            return Path.of(FlywayMigrationSourceTest.class.getResource("/sources/flyway/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Migration> read(Path path) {
        return new FlywayMigrationSource().read(List.of(path), PG16);
    }

    @Test
    void versionsInFlywayOrderThenRepeatablesWithPlaceholdersReplaced() {
        List<Migration> all = read(fixture("plain"));
        // V1.10 after V1.9 (MigrationVersion, not text order); the repeatable after every versioned one
        assertThat(all).extracting(Migration::name).containsExactly("sql/V1__create_accounts.sql",
                "sql/V1.9__add_created_at.sql", "sql/V1.10__add_email.sql", "sql/V2__index_email.sql",
                "sql/V3__add_status.sql", "sql/R__accounts_view.sql");
        assertThat(all).extracting(Migration::version).containsExactly("1", "1.9", "1.10", "2", "3", null);

        Migration v1 = all.get(0);
        assertThat(v1.statements()).singleElement().satisfies(s -> {
            assertThat(s.sql()).startsWith("CREATE TABLE app_accounts (");
            assertThat(s.line()).isEqualTo(2); // the comment above is not the statement
            assertThat(s.comments()).containsExactly("-- app_ comes from flyway.conf");
        });
        Migration email = all.get(2);
        assertThat(email.statements()).extracting(SqlStatement::sql).containsExactly("SET lock_timeout = '3s'",
                "ALTER TABLE app_accounts ADD COLUMN email text",
                "COMMENT ON COLUMN app_accounts.email IS 'kept 30 days after closing'");
        assertThat(email.statements()).extracting(SqlStatement::line).containsExactly(1, 3, 5);
        assertThat(email.units()).singleElement().extracting(Migration.Unit::mode).isEqualTo(TransactionMode.TRANSACTION);

        // ${flyway:defaultSchema}: no schema configured, so the rehearsal's (and PostgreSQL's) public
        assertThat(all.get(5).statements().get(0).sql())
                .startsWith("CREATE OR REPLACE VIEW public.active_accounts AS")
                .contains("FROM app_accounts");
    }

    @Test
    void undoFileIsTheDownOfItsVersion() {
        List<Migration> all = read(fixture("plain"));
        Migration email = all.get(2);
        assertThat(email.rollback()).hasFileName("U1.10__add_email.sql");
        assertThat(email.down()).singleElement().satisfies(u -> {
            assertThat(u.mode()).isEqualTo(TransactionMode.TRANSACTION);
            assertThat(u.statements()).extracting(SqlStatement::sql).containsExactly("ALTER TABLE app_accounts DROP COLUMN email");
        });
        assertThat(all.get(0).hasRollback()).isFalse();
        assertThat(all).extracting(Migration::name).noneMatch(n -> n.contains("U1.10"));
    }

    @Test
    void mixedScriptIsRefusedInFlywaysWordsUnlessMixedIsTrue() {
        Migration refused = read(fixture("plain")).get(3);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.problems()).singleElement().satisfies(p -> {
            assertThat(p.refused()).isTrue();
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("Detected both transactional and non-transactional statements within the"
                    + " same migration (even though mixed is false). Offending statement found at line 4: ")
                    .endsWith("CREATE INDEX CONCURRENTLY accounts_email_idx ON app_accounts (email) [non-transactional]");
        });
        // read whole, so that lint still sees both statements
        assertThat(refused.statements()).extracting(SqlStatement::kind)
                .containsExactly(SqlStatement.Kind.TRANSACTIONAL, SqlStatement.Kind.NON_TRANSACTIONAL);

        List<Migration> mixed = read(fixture("mixed"));
        Migration allowed = mixed.stream().filter(m -> m.name().equals("sql/V2__index_email.sql")).findFirst().orElseThrow();
        assertThat(allowed.refused()).isFalse();
        assertThat(allowed.units()).singleElement().extracting(Migration.Unit::mode).isEqualTo(TransactionMode.AUTOCOMMIT);
        // without a non-transactional statement the same settings still wrap the file
        assertThat(mixed.get(0).units().get(0).mode()).isEqualTo(TransactionMode.TRANSACTION);
    }

    @Test
    void scriptConfigExecuteInTransactionFalseRunsItOutside() {
        Migration backfill = read(fixture("mixed")).stream().filter(m -> m.version().equals("4")).findFirst().orElseThrow();
        assertThat(backfill.name()).isEqualTo("sql/V4__backfill_status.sql"); // the .sql.conf is no migration
        assertThat(backfill.units()).singleElement().extracting(Migration.Unit::mode).isEqualTo(TransactionMode.AUTOCOMMIT);
        assertThat(backfill.statements()).extracting(SqlStatement::sql)
                .containsExactly("UPDATE app_accounts SET status = 'open' WHERE status IS NULL", "VACUUM ANALYZE app_accounts");
    }

    @Test
    void everyStatementNonTransactionalRunsWithoutATransactionAndIsNotRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.locations=filesystem:.\n");
        Files.writeString(dir.resolve("V1__idx.sql"), "CREATE INDEX CONCURRENTLY a_idx ON a (x);\nVACUUM a;\n");
        Migration m = read(dir).get(0);
        assertThat(m.refused()).isFalse();
        assertThat(m.units().get(0).mode()).isEqualTo(TransactionMode.AUTOCOMMIT);
    }

    @Test
    void alterTypeAddValueFollowsTheEngineVersionAsFlywayWouldAskTheDatabase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "");
        Files.writeString(dir.resolve("V1__enum.sql"), "ALTER TYPE mood ADD VALUE 'meh';\nCREATE TABLE t (m mood);\n");
        // PostgreSQL 12+: transactional, so the file is one transaction
        Migration pg16 = read(dir).get(0);
        assertThat(pg16.refused()).isFalse();
        assertThat(pg16.units().get(0).mode()).isEqualTo(TransactionMode.TRANSACTION);
        // PostgreSQL 11: Flyway marks it non-transactional, and the file mixes both
        Migration pg11 = new FlywayMigrationSource().read(List.of(dir), context("postgres:11")).get(0);
        assertThat(pg11.refused()).isTrue();
    }

    /**
     * MariaDB (and MySQL) scripts through flyway-mysql's parsers, as Flyway splits them at deploy: {@code #} comments,
     * DELIMITER around a stored program, MariaDB's BEGIN NOT ATOMIC block as one statement; the placeholders Flyway
     * asks the database for take the rehearsal's database; its history table in the engine's own DDL.
     */
    @Test
    void mariaDbScriptsAreSplitByFlywaysMariaDbParser(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.locations=filesystem:.\n");
        Files.writeString(dir.resolve("V1__accounts.sql"), """
                # MySQL's own comment
                CREATE TABLE ${flyway:defaultSchema}.accounts (id BIGINT PRIMARY KEY, balance INT NOT NULL);
                DELIMITER //
                CREATE PROCEDURE bump()
                BEGIN
                  UPDATE accounts SET balance = balance + 1; # inside the body
                END //
                DELIMITER ;
                BEGIN NOT ATOMIC
                  DECLARE n INT DEFAULT 0;
                  SET n = (SELECT COUNT(*) FROM accounts);
                END;
                ALTER TABLE accounts ADD INDEX accounts_balance_idx (balance), ALGORITHM=INPLACE, LOCK=NONE;
                """);
        Files.writeString(dir.resolve("V2__history.sql"), "UPDATE flyway_schema_history SET description = 'accounts' WHERE version = '1';\n");
        EngineSpec spec = EngineSpec.parse("mariadb:11.4");
        List<Migration> ms = new FlywayMigrationSource().read(List.of(dir), new MigrationSource.Context(
                Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO, spec, null, null));
        assertThat(ms).extracting(Migration::name).containsExactly("flyway_schema_history (Flyway's history table)",
                "V1__accounts.sql", "V2__history.sql");
        assertThat(ms.get(0).statements().get(0).sql()).startsWith("CREATE TABLE `rehearse`.`flyway_schema_history` (")
                .contains("`installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP").endsWith(") ENGINE=InnoDB");
        List<SqlStatement> v1 = ms.get(1).statements();
        assertThat(v1).extracting(SqlStatement::line).containsExactly(2, 4, 9, 13);
        assertThat(v1.get(0).sql()).isEqualTo("CREATE TABLE rehearse.accounts (id BIGINT PRIMARY KEY, balance INT NOT NULL)");
        assertThat(v1.get(1).sql()).startsWith("CREATE PROCEDURE bump()").contains("balance = balance + 1;").endsWith("END");
        assertThat(v1.get(2).sql()).startsWith("BEGIN NOT ATOMIC").contains("DECLARE n INT DEFAULT 0;").endsWith("END");
        assertThat(v1.get(3).sql()).startsWith("ALTER TABLE accounts ADD INDEX");
        assertThat(ms.get(1).problems()).isEmpty();
    }

    @Test
    void springApplicationYmlSetsLocationPrefixAndPlaceholders() {
        Path project = fixture("spring");
        FlywaySettings settings = FlywaySettings.find(project);
        assertThat(settings.files()).singleElement().satisfies(f -> assertThat(f).hasFileName("application.yml"));
        // kebab-case to Flyway's names; the local profile's document is not the deploy's
        assertThat(settings.properties()).containsEntry("flyway.sqlMigrationPrefix", "M")
                .containsEntry("flyway.outOfOrder", "true")
                .containsEntry("flyway.placeholders.schema_name", "billing") // ${FIXTURE_SCHEMA:billing}
                .containsEntry("flyway.placeholders.retention", "90");

        // the project root holds classpath:db/migration/{vendor}; M-prefixed files only
        List<Migration> all = read(project);
        assertThat(all).extracting(Migration::name).containsExactly(
                "src/main/resources/db/migration/postgresql/M1__schema.sql",
                "src/main/resources/db/migration/postgresql/M2__invoices.sql");
        assertThat(all.get(1).statements().get(0).sql()).startsWith("CREATE TABLE billing.invoices (")
                .contains("DEFAULT 90");
        // pointing at the location itself reads the same
        assertThat(read(project.resolve("src/main/resources/db/migration/postgresql"))).extracting(Migration::version)
                .containsExactly("1", "2");
    }

    @Test
    void precedenceTomlOverConfNearerOverFartherSpringOnlyWithoutFlywayFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Path migrations = Files.createDirectories(dir.resolve("db/sql"));
        Files.writeString(dir.resolve("application.properties"), "spring.flyway.sql-migration-prefix=S\n");
        assertThat(FlywaySettings.find(migrations).properties()).containsEntry("flyway.sqlMigrationPrefix", "S");

        Files.writeString(dir.resolve("flyway.conf"), "flyway.sqlMigrationPrefix=C\nflyway.mixed=true\n");
        assertThat(FlywaySettings.find(migrations).properties()).containsEntry("flyway.sqlMigrationPrefix", "C");

        Files.writeString(migrations.resolve("flyway.conf"), "flyway.sqlMigrationPrefix=N\n");
        assertThat(FlywaySettings.find(migrations).properties()).containsEntry("flyway.sqlMigrationPrefix", "N")
                .containsEntry("flyway.mixed", "true"); // the farther file's other keys stay

        Files.writeString(dir.resolve("flyway.toml"), "[flyway]\nsqlMigrationPrefix = \"T\"\nlocations = [\"filesystem:db/sql\"]\n"
                + "[flyway.placeholders]\nowner = \"ops\"\n");
        FlywaySettings toml = FlywaySettings.find(migrations);
        // any TOML file: Flyway's command line ignores the CONF files
        assertThat(toml.properties()).containsEntry("flyway.sqlMigrationPrefix", "T")
                .containsEntry("flyway.locations", "filesystem:db/sql")
                .containsEntry("flyway.placeholders.owner", "ops")
                .doesNotContainKey("flyway.mixed");

        Files.writeString(migrations.resolve("T1__a.sql"), "CREATE TABLE ${owner}_a (id int);\n");
        // the project root holds the configured location: read from there, names relative to where the user pointed
        assertThat(read(dir)).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("db/sql/T1__a.sql");
            assertThat(m.statements().get(0).sql()).isEqualTo("CREATE TABLE ops_a (id int)");
        });
    }

    @Test
    void initSqlAndGroupAreReportedNotDropped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.initSql=SET lock_timeout = '2s'\nflyway.group=true\n"
                + "flyway.lockRetryCount=10\n");
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);\n");
        List<Migration> all = read(dir);
        assertThat(all.get(0).problems()).extracting(Migration.Problem::message).satisfiesExactly(
                m -> assertThat(m).startsWith("flyway.initSql (SET lock_timeout = '2s', ").contains("--lock-timeout"),
                m -> assertThat(m).startsWith("flyway.group=true"));
        assertThat(all.get(0).problems()).noneMatch(Migration.Problem::refused);
        assertThat(all.get(1).problems()).isEmpty();
    }

    @Test
    void aSpringPlaceholderTheEnvironmentLacksIsInvalidInputNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("application.yml"),
                "spring:\n  flyway:\n    placeholders:\n      owner: ${REHEARSE_TEST_NOT_SET}\n");
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE ${owner}_a (id int);\n");
        assertThatThrownBy(() -> read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("application.yml").hasMessageContaining("${REHEARSE_TEST_NOT_SET}");
    }

    @Test
    void targetStopsTheVersionsThereAndMisnamedFilesAreIgnoredUnlessNamesAreValidated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.target=1.10\n");
        for (String v : List.of("1", "1.9", "1.10", "1.11", "2")) {
            Files.writeString(dir.resolve("V" + v + "__t.sql"), "CREATE TABLE t" + v.replace('.', '_') + " (id int);\n");
        }
        Files.writeString(dir.resolve("V3_single_underscore.sql"), "DROP TABLE t1;\n");
        assertThat(read(dir)).extracting(Migration::version).containsExactly("1", "1.9", "1.10");

        Files.writeString(dir.resolve("flyway.conf"), "flyway.validateMigrationNaming=true\n");
        assertThatThrownBy(() -> read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("V3_single_underscore.sql").hasMessageContaining("validateMigrationNaming");
    }

    @Test
    void mistakesNameTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), "");
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE ${nobody} (id int);\n");
        assertThatThrownBy(() -> read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("V1__a.sql").hasMessageContaining("${nobody}");

        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("V1.0__b.sql"), "CREATE TABLE b (id int);\n");
        assertThatThrownBy(() -> read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Found more than one migration with version 1");

        Files.writeString(dir.resolve("flyway.conf"), "flyway.mixed=perhaps\n");
        assertThatThrownBy(() -> read(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("flyway.conf");
    }

    @Test
    void detectedByItsSettingsOrDefaultLocationNotByVFilesAlone(@TempDir Path dir) throws Exception {
        assertThat(MigrationSources.detect(List.of(fixture("plain"))).format()).isEqualTo("flyway");
        assertThat(MigrationSources.detect(List.of(fixture("spring"))).format()).isEqualTo("flyway");
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.writeString(bare.resolve("V1__a.sql"), "SELECT 1;\n");
        assertThat(new FlywayMigrationSource().detect(bare)).isFalse();
        Path boot = Files.createDirectories(dir.resolve("app/src/main/resources/db/migration"));
        Files.writeString(boot.resolve("V1__a.sql"), "SELECT 1;\n");
        assertThat(new FlywayMigrationSource().detect(dir.resolve("app"))).isTrue();
    }
}
