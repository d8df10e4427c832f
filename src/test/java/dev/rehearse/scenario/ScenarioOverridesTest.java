package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.Scenario.FailOn;
import dev.rehearse.scenario.Scenario.TableData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioOverridesTest {

    @TempDir
    Path dir;

    private static CliOverrides rows(String... specs) {
        return CliOverrides.NONE.withRows(List.of(specs));
    }

    private Scenario fromFile() throws IOException {
        Files.writeString(dir.resolve("schema.sql"), "create table orders (id int);");
        Files.createDirectories(dir.resolve("migrations"));
        return ScenarioLoader.load(Files.writeString(dir.resolve("s.yaml"), """
                engine: postgres:15
                external: {url: "jdbc:postgresql://file/db", user: fileuser, allow_writes: false}
                provider: docker
                schema: schema.sql
                data:
                  seed: 1
                  tables:
                    orders: {rows: 1k, production_rows: 2B}
                    users: 10
                load: {clients: 3}
                migrations: {path: migrations, format: sql, lock_timeout: 1s, statement_timeout: 9s}
                report: {out: from-file, formats: [md], fail_on: flag}
                """));
    }

    @Test
    void noFlagsChangeNothing() throws IOException {
        Scenario base = fromFile();
        assertThat(ScenarioLoader.applyOverrides(base, CliOverrides.NONE)).isEqualTo(base);
    }

    @Test
    void flagsWinOverTheFile() throws IOException {
        Path schema = Files.writeString(dir.resolve("other.sql"), "create table x (id int);");
        Path m1 = Files.writeString(dir.resolve("m1.sql"), "select 1;");
        CliOverrides o = CliOverrides.NONE.withEngine("mysql:8.0").withProvider("external").withUrl("jdbc:mysql://cli/db").withPassword("pw").withAllowWrites(true).withSchemaFile(schema).withMigrations(List.of(m1)).withFormat("flyway").withRows(List.of("orders=5M", "items=1e3")).withNoLoad(true).withReplica(true).withOut(Path.of("out")).withReportFormats("json,sarif").withFailOn("never").withLockTimeout("250ms").withSeed(99L);
        Scenario s = ScenarioLoader.applyOverrides(fromFile(), o);

        assertThat(s.engine()).hasToString("mysql:8.0");
        assertThat(s.provider()).isEqualTo(Provider.EXTERNAL);
        assertThat(s.external()).isEqualTo(new Scenario.External("jdbc:mysql://cli/db", "fileuser", "pw", true));
        assertThat(s.schema().file()).isEqualTo(schema);
        assertThat(s.data().seed()).isEqualTo(99);
        // --rows keeps the file's production_rows and the file's other tables.
        assertThat(s.data().tables()).containsExactly(
                Map.entry("orders", new TableData(5_000_000, 2_000_000_000L)),
                Map.entry("users", new TableData(10, null)),
                Map.entry("items", new TableData(1_000, null)));
        assertThat(s.load().enabled()).isFalse();
        assertThat(s.load().clients()).isEqualTo(3);
        assertThat(s.replica()).isTrue();
        assertThat(s.migrations().paths()).containsExactly(m1);
        assertThat(s.migrations().format()).isEqualTo("flyway");
        assertThat(s.migrations().lockTimeoutMs()).isEqualTo(250);
        assertThat(s.migrations().statementTimeoutMs()).isEqualTo(9_000);
        assertThat(s.output().dir()).isEqualTo(Path.of("out"));
        assertThat(s.output().formats()).containsExactly("json", "sarif");
        assertThat(s.output().failOn()).isEqualTo(FailOn.NEVER);
        assertThat(s.source()).isEqualTo(dir.resolve("s.yaml"));
    }

    @Test
    void flagsAloneOnDefaults() {
        CliOverrides o = CliOverrides.NONE.withUrl("jdbc:postgresql://h/db").withRows(List.of("t=2.5k"));
        Scenario s = ScenarioLoader.applyOverrides(ScenarioLoader.defaults(), o);
        assertThat(s.provider()).as("--url implies external").isEqualTo(Provider.EXTERNAL);
        assertThat(s.data().tables()).containsExactly(Map.entry("t", new TableData(2_500, null)));
        assertThat(s.source()).isNull();
    }

    @Test
    void flagErrorsNameTheFlag() throws IOException {
        Scenario base = fromFile();
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, rows("orders=lots")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--rows: invalid 'orders=lots'; expected TABLE=N such as orders=1M");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, rows("orders")))
                .hasMessage("--rows: invalid 'orders'; expected TABLE=N such as orders=1M");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, rows("orders=-1")))
                .hasMessage("--rows: invalid 'orders=-1'; expected TABLE=N such as orders=1M");

        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withEngine("oracle")))
                .hasMessageStartingWith("--engine: unknown engine 'oracle'");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withProvider("cloud")))
                .hasMessage("--provider: unknown provider 'cloud'; expected embedded, docker or external");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(ScenarioLoader.defaults(), CliOverrides.NONE.withProvider("external")))
                .hasMessage("--provider: external needs --url (or external.url in the scenario)");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withSchemaFile(dir.resolve("none.sql"))))
                .hasMessage("--schema: no such file '" + dir.resolve("none.sql") + "'");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withMigrations(List.of(dir.resolve("gone")))))
                .hasMessage("--migrations: no such file or directory '" + dir.resolve("gone") + "'");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withFormat("knex")))
                .hasMessage("--format: invalid value 'knex'; allowed: sql, flyway, liquibase, prisma, drizzle, rails");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withReportFormats("json,pdf")))
                .hasMessage("--report: invalid value 'pdf'; allowed: console, json, md, junit, sarif, html");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withFailOn("sometimes")))
                .hasMessage("--fail-on: invalid value 'sometimes'; allowed: block, flag, never");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withLockTimeout("soon")))
                .hasMessageStartingWith("--lock-timeout: invalid duration 'soon'");
    }
}
