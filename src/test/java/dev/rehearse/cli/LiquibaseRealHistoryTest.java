package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.liquibase.LiquibaseMigrationSource;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * jhipster-sample-app's changelogs (histories/jhipster-sample-app, SOURCE.md): classpath-relative includes, dbms
 * properties, loadData from CSV, contexts — read by Liquibase and rehearsed all the way through.
 */
class LiquibaseRealHistoryTest {

    private static final Path MASTER = Path.of(
            "src/test/resources/histories/jhipster-sample-app/src/main/resources/config/liquibase/master.xml");

    private static List<Migration> read(String contexts) {
        return new LiquibaseMigrationSource().read(List.of(MASTER), new MigrationSource.Context(
                Engines.dialect(EngineSpec.DEFAULT).splitter(), Scenario.Transaction.AUTO, EngineSpec.DEFAULT, contexts, null));
    }

    @Test
    void everyChangeSetIsReadAndTheProdContextLeavesOutTheTestAndFakeData() {
        List<Migration> all = read(null);
        assertThat(all).hasSize(12);
        assertThat(all.get(0).name()).isEqualTo("changelog/00000000000000_initial_schema.xml");
        // the dbms-specific property: ${datetimeType} is 'datetime' on postgresql, which Liquibase maps to TIMESTAMP
        assertThat(all.get(1).statements()).anySatisfy(s -> assertThat(s.sql())
                .startsWith("CREATE TABLE jhi_user (").contains("created_date TIMESTAMP WITHOUT TIME ZONE"));
        // loadData takes its column types from the live schema when the changelog omits them: said, not hidden
        assertThat(all.stream().flatMap(m -> m.problems().stream())).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).contains("loadData"));
        assertThat(read("prod")).hasSize(8)
                .noneSatisfy(m -> assertThat(m.version()).isIn("00000000000002", "20150805124838-1-data"));
    }

    @Test
    void theWholeHistoryRunsOnTheEmbeddedServerWithoutAFailure(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome r = rehearse("run", "--migrations", MASTER.toString(), "--pending", MASTER.getParent().toString(), "--format", "liquibase", "--no-load", "--report", "json",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        JsonNode statements = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("statements");
        assertThat(statements.size()).isGreaterThan(15);
        for (JsonNode s : statements) assertThat(s.get("error").isNull()).as(s.get("sql").asText() + " " + s.get("error")).isTrue();
        assertThat(r.err()).doesNotContain("liquibase: warning");
    }
}
