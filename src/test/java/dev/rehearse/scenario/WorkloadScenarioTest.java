package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.Scenario.Param;
import dev.rehearse.scenario.Scenario.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code load.queries} and {@code --workload}: the application's named queries, with file:line errors. */
class WorkloadScenarioTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String error(String yaml) throws IOException {
        Path file = write("scenario.yaml", yaml);
        try {
            ScenarioLoader.load(file);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(file + ":");
            return "F" + e.getMessage().substring(file.toString().length());
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    private static final String ISSUE_EXAMPLE = """
            load:
              clients: 8
              rate: 200
              queries:
                - name: orders_by_customer
                  sql: SELECT id, total FROM orders WHERE customer_id = :customer
                  params: { customer: orders.customer_id }
                  weight: 3
                - name: place_order
                  transaction: [ "INSERT INTO orders (id, customer_id, total) VALUES (:new_id, :customer, 10)" ]
                  params: { new_id: new orders.id, customer: customers.id }
                  weight: 1
            """;

    @Test
    void readsTheIssuesExample() throws IOException {
        Path file = write("scenario.yaml", ISSUE_EXAMPLE);
        Scenario s = ScenarioLoader.load(file);
        assertThat(s.load().clients()).isEqualTo(8);
        List<Query> q = s.load().queries();
        assertThat(q).hasSize(2);
        assertThat(q.get(0).name()).isEqualTo("orders_by_customer");
        assertThat(q.get(0).statements()).containsExactly("SELECT id, total FROM orders WHERE customer_id = :customer");
        assertThat(q.get(0).transaction()).isFalse();
        assertThat(q.get(0).params()).isEqualTo(Map.of("customer", new Param("orders", "customer_id", false)));
        assertThat(q.get(0).weight()).isEqualTo(3.0);
        assertThat(q.get(0).origin()).isEqualTo(file + ":5");
        assertThat(q.get(1).params()).containsEntry("new_id", new Param("orders", "id", true))
                .containsEntry("customer", new Param("customers", "id", false));
        assertThat(q.get(1).weight()).isEqualTo(1.0);
    }

    @Test
    void withoutQueriesTheDefaultWorkloadRuns() throws IOException {
        assertThat(ScenarioLoader.load(write("scenario.yaml", "load: { clients: 2 }\n")).load().queries()).isEmpty();
    }

    @Test
    void aTransactionOfSeveralStatementsAndADefaultWeight() throws IOException {
        Scenario s = ScenarioLoader.load(write("scenario.yaml", """
                load:
                  queries:
                    - name: transfer
                      transaction:
                        - UPDATE accounts SET balance = balance - 1 WHERE id = :a;
                        - UPDATE accounts SET balance = balance + 1 WHERE id = :b
                      params: { a: public.accounts.id, b: accounts.id }
                """));
        Query q = s.load().queries().get(0);
        assertThat(q.statements()).containsExactly("UPDATE accounts SET balance = balance - 1 WHERE id = :a",
                "UPDATE accounts SET balance = balance + 1 WHERE id = :b");
        assertThat(q.transaction()).isTrue();
        assertThat(q.weight()).isEqualTo(1.0);
        assertThat(q.params().get("a")).isEqualTo(new Param("public.accounts", "id", false));
    }

    @Test
    void anUnknownParamSourceIsAnErrorAtItsLine() throws IOException {
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1 WHERE :x = 1
                      params:
                        x: random()
                """)).isEqualTo("F:6: load.queries[0].params.x: unknown parameter source 'random()';"
                + " expected table.column (a seeded value) or new table.column (a fresh key)");
    }

    @Test
    void aQueryWithoutSqlIsAnErrorAtItsLine() throws IOException {
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1
                    - name: nothing
                      weight: 2
                """)).isEqualTo("F:5: missing key 'sql' (or 'transaction', a list of statements) in load.queries[1] (query nothing)");
    }

    @Test
    void aBadWeightIsAnErrorAtItsLine() throws IOException {
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1
                      weight: 0
                """)).isEqualTo("F:5: load.queries[0].weight: must be positive, got 0");
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1
                      weight: heavy
                """)).isEqualTo("F:5: expected a number for load.queries[0].weight, got 'heavy'");
    }

    @Test
    void otherMistakes() throws IOException {
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT * FROM orders WHERE id = :id
                """)).isEqualTo("F:4: load.queries[0]: placeholder :id of query q has no source in params");
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1
                    - name: q
                      sql: SELECT 2
                """)).isEqualTo("F:5: load.queries[1].name: duplicate query name 'q'");
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1
                      transaction: [ SELECT 2 ]
                """)).isEqualTo("F:5: give either sql or transaction in load.queries[0], not both");
        assertThat(error("""
                load:
                  queries:
                    - name: q
                      sql: SELECT 1
                      timeout: 5s
                """)).startsWith("F:5: unknown key 'timeout' in load.queries[0]; allowed: name, sql, transaction, params, weight");
        assertThat(error("""
                load:
                  queries:
                    - sql: SELECT 1
                """)).isEqualTo("F:3: expected a string for load.queries[0].name, got nothing");
        assertThat(error("load:\n  queries: SELECT 1\n")).isEqualTo("F:2: expected a list for load.queries, got 'SELECT 1'");
    }

    @Test
    void aWorkloadFileHoldsTheQueriesListAndReplacesTheScenarios() throws IOException {
        Path workload = write("workload.yaml", """
                queries:
                  - name: by_id
                    sql: SELECT * FROM orders WHERE id = :id
                    params: { id: orders.id }
                """);
        Scenario base = ScenarioLoader.load(write("scenario.yaml", ISSUE_EXAMPLE));
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withWorkload(workload));
        assertThat(s.load().queries()).extracting(Query::name).containsExactly("by_id");
        assertThat(s.load().clients()).isEqualTo(8);
        // --no-load keeps the queries for when the load runs
        assertThat(ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withNoLoad(true)).load().queries()).hasSize(2);

        Path bare = write("bare.yaml", "- name: one\n  sql: SELECT 1\n");
        assertThat(ScenarioLoader.loadWorkload(bare)).extracting(Query::name).containsExactly("one");

        Path bad = write("bad.yaml", "queries:\n  - name: one\n    sql: SELECT :x\n");
        assertThatThrownBy(() -> ScenarioLoader.loadWorkload(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessage(bad + ":3: queries[0]: placeholder :x of query one has no source in params");
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withWorkload(Path.of("nope.yaml"))))
                .isInstanceOf(InvalidInputException.class).hasMessage("--workload: no such file 'nope.yaml'");
    }
}
