package dev.rehearse;

import dev.rehearse.model.Report;
import dev.rehearse.model.Verdict;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's own workload on a real embedded PostgreSQL: a migration that breaks one of its queries. */
class WorkloadEndToEndTest {

    private static final String SCHEMA = """
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
                                 total numeric(10, 2) NOT NULL, note text);
            """;

    private static Report rehearse(Path dir, String migration) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), SCHEMA);
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V2__change.sql"), migration);
        Files.writeString(dir.resolve("workload.yaml"), """
                queries:
                  - name: orders_by_customer
                    sql: SELECT id, total FROM orders WHERE customer_id = :customer
                    params: { customer: orders.customer_id }
                    weight: 3
                  - name: place_order
                    transaction:
                      - INSERT INTO orders (id, customer_id, total) VALUES (:new_id, :customer, 10)
                      - UPDATE customers SET name = name WHERE id = :customer
                    params: { new_id: new orders.id, customer: customers.id }
                    weight: 1
                """);
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    customers: 2k
                    orders: 20k
                load:
                  clients: 4
                  rate: 150
                  baseline_seconds: 2
                  cooldown_seconds: 1.5
                migrations:
                  path: migrations
                """);
        Scenario s = ScenarioLoader.applyOverrides(ScenarioLoader.load(scenario),
                CliOverrides.NONE.withWorkload(dir.resolve("workload.yaml")));
        return new Rehearsal(s, line -> { }).run().report();
    }

    @Test
    void aDroppedColumnThatAWorkloadQueryReadsBlocksAndNamesTheQuery(@TempDir Path dir) throws Exception {
        Report r = rehearse(dir, "ALTER TABLE orders DROP COLUMN total;\n");
        assertThat(r.load().queries()).isPositive();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("application-errors");
            // both read or write the column: the report names each query the drop breaks
            assertThat(f.message()).startsWith("workload queries ").contains("orders_by_customer", "place_order",
                    "failed after statement 1 (V2__change.sql:1)", "column \"total\" does not exist",
                    "the running application version breaks");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCK);
    }

    @Test
    void aMigrationOnAColumnNoQueryReadsLeavesTheWorkloadUnbroken(@TempDir Path dir) throws Exception {
        Report r = rehearse(dir, "ALTER TABLE orders DROP COLUMN note;\n");
        assertThat(r.load().queries()).isPositive();
        assertThat(r.load().errors()).isZero();
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("application-errors"));
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.message()).contains("workload quer"));
    }
}
