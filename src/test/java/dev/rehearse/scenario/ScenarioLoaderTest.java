package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.Scenario.FailOn;
import dev.rehearse.scenario.Scenario.Load;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.scenario.Scenario.Thresholds;
import dev.rehearse.scenario.Scenario.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Scenario load(String yaml) throws IOException {
        return ScenarioLoader.load(write("scenario.yaml", yaml), Map.of("PGPASS", "s3cret")::get);
    }

    /** The message of the load failure, with the scenario path replaced by "F" to keep assertions short. */
    private String error(String yaml) throws IOException {
        Path file = write("scenario.yaml", yaml);
        try {
            ScenarioLoader.load(file, Map.<String, String>of()::get);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(file + ":");
            return "F" + e.getMessage().substring(file.toString().length());
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void readsTheExternalTargetsGuards() throws IOException {
        Scenario s = load("""
                external: { url: jdbc:postgresql://h/shop_copy, allow_writes: true, marker_table: ops.copy_marker,
                            database_pattern: ".*_copy", rollback: true }
                """);
        assertThat(s.external().markerTable()).isEqualTo("ops.copy_marker");
        assertThat(s.external().databasePattern()).isEqualTo(".*_copy");
        assertThat(s.external().rollback()).isTrue();
        assertThat(s.external().notProduction()).as("the waiver is a flag only").isFalse();
        assertThat(load("external: { url: jdbc:postgresql://h/db }\n").external().markerTable()).isEqualTo("rehearse_target");
        // flags override the connection and keep the guards
        Scenario o = ScenarioLoader.applyOverrides(s, CliOverrides.NONE.withUrl("jdbc:postgresql://h/other_copy"));
        assertThat(o.external().url()).isEqualTo("jdbc:postgresql://h/other_copy");
        assertThat(o.external().databasePattern()).isEqualTo(".*_copy");
        assertThat(o.external().rollback()).isTrue();
    }

    @Test
    void readsEveryKey() throws IOException {
        write("schema.sql", "create table accounts (id bigint primary key);");
        write("migrations/V1__a.sql", "select 1;");
        Scenario s = load("""
                engine: postgres:15
                provider: external
                external: { url: jdbc:postgresql://h/db, user: u, password: "${PGPASS}", allow_writes: true }
                schema: schema.sql
                data:
                  seed: 7
                  tables:
                    accounts: 1M
                    orders: { rows: 200k, production_rows: 2B }
                load:
                  enabled: false
                  clients: 4
                  rate: 50.5
                  baseline_seconds: 2
                  cooldown_seconds: 0.5
                  write_fraction: 0.1
                replica: true
                migrations:
                  path: migrations/
                  format: flyway
                  transaction: never
                  lock_timeout: 5s
                  statement_timeout: 2min
                observe:
                  lock_sample_interval: 20ms
                thresholds:
                  query_wait_flag: 100ms
                  query_wait_block: 1s
                  lock_hold_flag: 300
                  lock_hold_block: 4s
                  p99_factor: 2.5
                  p99_min_increase: 20ms
                  backfill_rows_flag: 10k
                  wal_bytes_flag: 512MB
                  replication_lag_flag: 2s
                  replication_lag_block: 1min
                report:
                  out: reports/quick
                  formats: [json, sarif, html]
                  fail_on: flag
                """);
        assertThat(s.source()).isEqualTo(dir.resolve("scenario.yaml"));
        assertThat(s.engine()).isEqualTo(new EngineSpec(EngineSpec.Kind.POSTGRES, "15"));
        assertThat(s.provider()).isEqualTo(Provider.EXTERNAL);
        assertThat(s.external()).isEqualTo(new Scenario.External("jdbc:postgresql://h/db", "u", "s3cret", true));
        assertThat(s.schema()).isEqualTo(new Scenario.Schema(dir.resolve("schema.sql"), null));
        assertThat(s.data().seed()).isEqualTo(7);
        assertThat(s.data().tables()).containsExactly(
                Map.entry("accounts", new TableData(1_000_000, null)),
                Map.entry("orders", new TableData(200_000, 2_000_000_000L)));
        assertThat(s.load()).isEqualTo(new Load(false, 4, 50.5, 2, 0.5, 0.1));
        assertThat(s.replica()).isTrue();
        assertThat(s.migrations()).isEqualTo(new Scenario.Migrations(
                List.of(dir.resolve("migrations")), "flyway", Transaction.NEVER, 5_000, 120_000));
        assertThat(s.observe().lockSampleIntervalMs()).isEqualTo(20);
        assertThat(s.thresholds()).isEqualTo(new Thresholds(
                100, 1_000, 300, 4_000, 2.5, 20, 10_000, 512_000_000L, 2_000, 60_000));
        assertThat(s.output().dir()).isEqualTo(Path.of("reports/quick"));
        assertThat(s.output().formats()).containsExactly("json", "sarif", "html");
        assertThat(s.output().failOn()).isEqualTo(FailOn.FLAG);
    }

    @Test
    void deadlinesAreTheToolsOwnAndApartFromTheDeploysTimeouts() throws IOException {
        Scenario s = load("migrations: { statement_timeout: 30s }\ndeadlines: { statement: 2min, run: 20min }\n");
        assertThat(s.migrations().statementTimeoutMs()).isEqualTo(30_000);
        assertThat(s.deadlines()).isEqualTo(new Scenario.Deadlines(120_000, 1_200_000));
        assertThat(load("deadlines: { run: 5min }\n").deadlines().statementMs())
                .isEqualTo(Scenario.Deadlines.DEFAULT.statementMs());
        assertThat(ScenarioLoader.defaults().deadlines()).isEqualTo(new Scenario.Deadlines(600_000, 3_600_000));
        assertThat(error("deadlines: { statment: 1s }\n"))
                .isEqualTo("F:1: unknown key 'statment' in deadlines; allowed: statement, run");
    }

    @Test
    void emptyFileAndEmptySectionsAreDefaults() throws IOException {
        Scenario d = ScenarioLoader.defaults();
        for (String yaml : List.of("", "# only a comment\n", "---\n", "load:\nthresholds: {}\n")) {
            Scenario s = load(yaml);
            assertThat(s.source()).isEqualTo(dir.resolve("scenario.yaml"));
            assertThat(s).usingRecursiveComparison().ignoringFields("source").isEqualTo(d);
        }
        assertThat(d.source()).isNull();
        assertThat(d.engine()).isEqualTo(EngineSpec.DEFAULT);
        assertThat(d.load()).isEqualTo(Load.DEFAULT);
        assertThat(d.output()).isEqualTo(Scenario.Output.DEFAULT);
    }

    @Test
    void partialSectionOverridesOnlyItsKeys() throws IOException {
        Scenario s = load("thresholds: {lock_hold_flag: 1s}\nload: {clients: 2}\n");
        Thresholds d = Thresholds.DEFAULT;
        assertThat(s.thresholds()).isEqualTo(new Thresholds(d.queryWaitFlagMs(), d.queryWaitBlockMs(), 1_000,
                d.lockHoldBlockMs(), d.p99Factor(), d.p99MinIncreaseMs(), d.backfillRowsFlag(), d.walBytesFlag(),
                d.replicationLagFlagMs(), d.replicationLagBlockMs()));
        assertThat(s.load()).isEqualTo(new Load(true, 2, 200, 3, 1, 0.3));
    }

    @Test
    void tableShortAndLongForms() throws IOException {
        Scenario s = load("""
                data:
                  tables:
                    a: 1000
                    b: 1e6
                    c: 2.5k
                    d: "1_000"
                    e: {rows: 10}
                    f:
                      rows: 1M
                      production_rows: 1.5B
                """);
        assertThat(s.data().seed()).isEqualTo(42);
        assertThat(s.data().tables()).containsExactly(
                Map.entry("a", new TableData(1000, null)), Map.entry("b", new TableData(1_000_000, null)),
                Map.entry("c", new TableData(2500, null)), Map.entry("d", new TableData(1000, null)),
                Map.entry("e", new TableData(10, null)), Map.entry("f", new TableData(1_000_000, 1_500_000_000L)));
    }

    @Test
    void schemaInlineOrFile() throws IOException {
        assertThat(load("schema: create table t (id int);\n").schema().inlineSql()).isEqualTo("create table t (id int);");
        Scenario block = load("schema: |\n  create table t (id int)\n  -- no semicolon, but two lines\n");
        assertThat(block.schema().file()).isNull();
        assertThat(block.schema().inlineSql()).startsWith("create table t (id int)\n");
        write("db/base.sql", "create table t (id int);");
        assertThat(load("schema: db/base.sql\n").schema().file()).isEqualTo(dir.resolve("db/base.sql"));
        assertThat(load("schema: ''\n").schema().isEmpty()).isTrue();
    }

    @Test
    void pathsAreRelativeToTheScenarioFileNotTheWorkingDirectory() throws IOException {
        write("project/ci/schema.sql", "create table t (id int);");
        write("project/db/m1.sql", "select 1;");
        write("project/db/more/m2.sql", "select 2;");
        Path file = write("project/ci/rehearse.yaml", """
                schema: schema.sql
                migrations:
                  paths: [../db/m1.sql, ../db/more/]
                report: {out: out/here}
                """);
        Scenario s = ScenarioLoader.load(file);
        assertThat(s.schema().file()).isEqualTo(dir.resolve("project/ci/schema.sql"));
        assertThat(s.migrations().paths()).containsExactly(dir.resolve("project/db/m1.sql"), dir.resolve("project/db/more"));
        // report.out is like --out: relative to where rehearse runs.
        assertThat(s.output().dir()).isEqualTo(Path.of("out/here"));
    }

    @Test
    void miscellaneousForms() throws IOException {
        Scenario s = load("""
                engine: mysql
                external: {url: "jdbc:mysql://h/db"}
                migrations: {lock_timeout: 1500, statement_timeout: null}
                report: {formats: "console, junit", fail_on: NEVER}
                """);
        assertThat(s.engine()).isEqualTo(new EngineSpec(EngineSpec.Kind.MYSQL, "8.0"));
        assertThat(s.provider()).as("a URL implies external").isEqualTo(Provider.EXTERNAL);
        assertThat(s.migrations().lockTimeoutMs()).isEqualTo(1500);
        assertThat(s.migrations().statementTimeoutMs()).isNull();
        assertThat(s.output().formats()).containsExactly("console", "junit");
        assertThat(s.output().failOn()).isEqualTo(FailOn.NEVER);
    }

    @Test
    void dataProfileIsRelativeToTheScenarioAndTheFlagToTheWorkingDirectory() throws IOException {
        Path profile = write("seed-data/shop.yaml", "tables: {}\n");
        Scenario s = load("data:\n  profile: seed-data/shop.yaml\n  tables: { orders: 5 }\n");
        assertThat(s.data().profile()).isEqualTo(profile.toAbsolutePath().normalize());
        assertThat(s.data().tables()).containsKey("orders");
        assertThat(error("data:\n  seed: 1\n  profile: nope.yaml\n")).startsWith("F:3: data.profile: no such file 'nope.yaml'");
        Path other = write("other.yaml", "tables: {}\n");
        Scenario flagged = ScenarioLoader.applyOverrides(s, CliOverrides.NONE.withProfile(other));
        assertThat(flagged.data().profile()).isEqualTo(other.toAbsolutePath().normalize());
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(s, CliOverrides.NONE.withProfile(Path.of("missing.yaml"))))
                .isInstanceOf(InvalidInputException.class).hasMessage("--profile: no such file 'missing.yaml'");
    }

    @Test
    void unreadableFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ScenarioLoader.load(missing))
                .isInstanceOf(InvalidInputException.class).hasMessage(missing + ": cannot read: no such file");
        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOf(InvalidInputException.class).hasMessage(dir + ": cannot read: is a directory");
    }

    @Test
    void syntaxErrorUsesTheParsersLine() throws IOException {
        assertThat(error("engine: postgres:16\nload:\n  clients: 8\n rate: [1\n")).startsWith("F:4: invalid YAML: ");
        assertThat(error("a: b\nc: d: e\n")).startsWith("F:2: invalid YAML: mapping values are not allowed here");
        assertThat(error("load: {clients: 1}\nload: {clients: 2}\n")).isEqualTo("F:2: duplicate key 'load'");
        assertThat(error("load:\n\tclients: 1\n")).startsWith("F:2: invalid YAML: found character '\\t(TAB)'");
        assertThat(error("replica: true\n---\nreplica: false\n")).isEqualTo("F:3: expected one YAML document, found more");
        assertThat(error("load: &l {clients: 2}\nobserve: *l\n"))
                .isEqualTo("F:2: YAML aliases (*l) are not supported; repeat the value");
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        assertThatThrownBy(() -> ScenarioLoader.load(binary))
                .hasMessage(binary + ":1: byte 0xFF at column 1 is not UTF-8; save the file as UTF-8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # unknown keys, at every depth
            rplica: true                                  | F:1: unknown key 'rplica' at the top level; allowed: engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, report, deadlines
            data:\\n  tables:\\n    orders: {rowz: 1}    | F:3: unknown key 'rowz' in data.tables.orders; allowed: rows, production_rows
            data:\\n  tables:\\n    orders:\\n      rows: 5\\n\\n      rowz: 1 | F:6: unknown key 'rowz' in data.tables.orders; allowed: rows, production_rows
            thresholds:\\n  lock_hold_flag_ms: 5      | F:2: unknown key 'lock_hold_flag_ms' in thresholds; allowed: query_wait_flag, query_wait_block, lock_hold_flag, lock_hold_block, p99_factor, p99_min_increase, backfill_rows_flag, wal_bytes_flag, replication_lag_flag, replication_lag_block, replication_lag_production_block
            # wrong types
            load:\\n  clients: many                      | F:2: expected a number for load.clients, got 'many'
            load:\\n  clients: 2.5                       | F:2: load.clients: expected a whole number, got '2.5'
            load:\\n  clients: [1]                       | F:2: expected a number for load.clients, got a list
            load: fast                                    | F:1: expected a mapping for load, got 'fast'
            - engine: postgres                            | F:1: expected a mapping at the top level, got a list
            replica: maybe                                | F:1: expected true or false for replica, got 'maybe'
            load:\\n  rate: lots                         | F:2: expected a number for load.rate, got 'lots'
            data:\\n  seed: x                            | F:2: expected a number for data.seed, got 'x'
            data:\\n  tables:\\n    orders:              | F:3: expected a row count for data.tables.orders, got nothing
            data:\\n  tables:\\n    orders: {production_rows: 1M} | F:3: missing key 'rows' in data.tables.orders
            # invalid names
            engine: oracle:19                             | F:1: engine: unknown engine 'oracle:19'; expected postgres:10..18, mysql:8.0 or mariadb:10.11
            provider: cloud                               | F:1: provider: unknown provider 'cloud'; expected embedded, docker or external
            migrations:\\n  format: knex                 | F:2: migrations.format: invalid value 'knex'; allowed: sql, flyway, liquibase, prisma, drizzle, rails
            migrations:\\n  transaction: sometimes       | F:2: migrations.transaction: invalid value 'sometimes'; allowed: auto, always, never
            report:\\n  fail_on: warn                    | F:2: report.fail_on: invalid value 'warn'; allowed: block, flag, never
            report:\\n  formats:\\n    - json\\n    - pdf | F:4: report.formats: invalid value 'pdf'; allowed: console, json, md, junit, sarif, html
            # invalid amounts
            data:\\n  tables:\\n    orders: lots         | F:3: data.tables.orders: invalid row count 'lots'; expected a number such as 1000, 1e6 or 1M
            data:\\n  tables:\\n    orders: {rows: 1M, production_rows: -5} | F:3: data.tables.orders.production_rows: negative row count '-5'
            data:\\n  tables:\\n    orders: -1           | F:3: data.tables.orders: negative row count '-1'
            migrations:\\n  lock_timeout: 5 parsecs      | F:2: migrations.lock_timeout: invalid duration '5 parsecs'; expected 500ms, 5s, 2min or a number of milliseconds
            observe:\\n  lock_sample_interval: 0ms       | F:2: observe.lock_sample_interval: must be positive, got 0ms
            thresholds:\\n  wal_bytes_flag: 1 GiBs       | F:2: thresholds.wal_bytes_flag: invalid size '1 GiBs'; expected 512MB, 1GiB or a number of bytes
            thresholds:\\n  p99_factor: 0                | F:2: thresholds.p99_factor: must be positive, got 0
            # ranges
            load:\\n  clients: 0                         | F:2: load.clients: must be positive, got 0
            load:\\n  rate: -1                           | F:2: load.rate: must be positive, got -1
            load:\\n  baseline_seconds: -1               | F:2: load.baseline_seconds: must be at least 0, got -1
            load:\\n  write_fraction: 1.5                | F:2: load.write_fraction: must be between 0 and 1, got 1.5
            # missing files and secrets
            \\n\\nschema: missing.sql                    | F:3: schema: no such file 'missing.sql' (DIR/missing.sql)
            migrations:\\n  path: nowhere/               | F:2: migrations.path: no such file or directory 'nowhere/' (DIR/nowhere)
            migrations:\\n  paths:\\n    - nowhere.sql   | F:3: migrations.paths[0]: no such file or directory 'nowhere.sql' (DIR/nowhere.sql)
            migrations:\\n  path: a\\n  paths: [b]       | F:3: give either path or paths in migrations, not both
            external:\\n  password: ${NOPE}              | F:2: external.password: environment variable NOPE is not set
            external:\\n  database_pattern: "prod_("     | F:2: external.database_pattern: not a regular expression: Unclosed group
            external:\\n  marker_table: "a b"           | F:2: external.marker_table: expected a table name such as rehearse_target, got 'a b'
            external:\\n  rollback: maybe               | F:2: expected true or false for external.rollback, got 'maybe'
            """)
    void errorsNameFileLineAndWhatIsAllowed(String yaml, String expected) throws IOException {
        assertThat(error(yaml.replace("\\n", "\n")))
                .isEqualTo(expected.replace("DIR", dir.toString()));
    }

    @Test
    void durationsAndSizes() {
        assertThat(Units.durationMs("500ms")).isEqualTo(500);
        assertThat(Units.durationMs("250")).isEqualTo(250);
        assertThat(Units.durationMs("1.5s")).isEqualTo(1_500);
        assertThat(Units.durationMs("2min")).isEqualTo(120_000);
        assertThat(Units.durationMs("2m")).isEqualTo(120_000);
        assertThat(Units.durationMs("1h")).isEqualTo(3_600_000);
        assertThat(Units.bytes("1GiB")).isEqualTo(1L << 30);
        assertThat(Units.bytes("512MB")).isEqualTo(512_000_000L);
        assertThat(Units.bytes("64 kib")).isEqualTo(65_536);
        assertThat(Units.bytes("4096")).isEqualTo(4_096);
        for (String bad : List.of("", "5 parsecs", "-1s", "s", "1e3s")) {
            assertThatThrownBy(() -> Units.durationMs(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Units.bytes("99999999999TiB")).hasMessage("size '99999999999TiB' is too large");
    }
}
