package dev.rehearse;

import dev.rehearse.model.Category;
import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.report.JsonReport;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload's queries planned (EXPLAIN, not run) before and after the migrations on a real embedded PostgreSQL:
 * a dropped index a query used is an INDEX_DEPENDENCIES finding naming the query; a new one is reported as used.
 */
class WorkloadPlansEndToEndTest {

    private static final String SCHEMA = """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(10, 2) NOT NULL);
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            """;

    private static Report rehearse(Path dir, String migration) throws Exception {
        return rehearse(dir, SCHEMA, migration, "");
    }

    private static Report rehearse(Path dir, String schema, String migration, String more) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V2__change.sql"), migration);
        return rehearse(dir, schema, more);
    }

    /** The migrations already written under {@code dir/migrations}. */
    private static Report rehearse(Path dir, String schema, String more) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), schema);
        Files.writeString(dir.resolve("workload.yaml"), """
                queries:
                  - name: orders_by_customer
                    sql: SELECT id, total FROM orders WHERE customer_id = :customer
                    params: { customer: orders.customer_id }
                    weight: 3
                  - name: orders_by_total
                    sql: SELECT id FROM orders WHERE total = :total
                    params: { total: orders.total }
                    weight: 1
                  - name: orders_by_id
                    sql: SELECT total FROM orders WHERE id = :id
                    params: { id: orders.id }
                    weight: 1
                """);
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    orders: 20k
                load:
                  clients: 4
                  rate: 100
                  baseline_seconds: 1
                  cooldown_seconds: 1
                migrations:
                  path: migrations
                """ + more);
        Scenario s = ScenarioLoader.applyOverrides(ScenarioLoader.load(scenario),
                CliOverrides.NONE.withWorkload(dir.resolve("workload.yaml")));
        return new Rehearsal(s, line -> { }).run().report();
    }

    @Test
    void aDroppedIndexThatAWorkloadQueryUsedIsFlaggedWithTheQueryNamed(@TempDir Path dir) throws Exception {
        Report r = rehearse(dir, "DROP INDEX orders_customer_idx;\n");
        assertThat(r.load().plans()).anySatisfy(p -> {
            assertThat(p.query()).isEqualTo("orders_by_customer");
            assertThat(p.before()).containsExactly("orders_customer_idx");
            assertThat(p.after()).doesNotContain("orders_customer_idx");
            assertThat(p.scansAfter()).contains("Seq Scan on orders");
        });
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("index-used-by-workload");
            assertThat(f.category()).isEqualTo(Category.INDEX_DEPENDENCIES);
            // the plan fell back to a sequential scan of a populated table
            assertThat(f.status()).isEqualTo(Status.BLOCK);
            // an index scan or a bitmap one, as the sampled customer's rows make it
            assertThat(f.message()).startsWith("statement 1 (V2__change.sql:1) dropped index orders_customer_idx,"
                    + " which workload query orders_by_customer used: planned ")
                    .containsPattern("planned [^;]*using orders_customer_idx[^;]* before, Seq Scan on orders after"
                            + " \\(a sequential scan of populated orders\\)");
        });
        // only the query that used it is named
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.message()).containsAnyOf("orders_by_id", "orders_by_total"));
        assertThat(r.categories()).anySatisfy(c -> {
            assertThat(c.category()).isEqualTo(Category.INDEX_DEPENDENCIES);
            assertThat(c.status()).isEqualTo(Status.BLOCK);
        });
        assertThat(JsonReport.render(r)).contains("\"plans\": [");
    }

    @Test
    void aNewIndexIsReportedAsUsedByTheQueryThatNowUsesItWithoutAFinding(@TempDir Path dir) throws Exception {
        Report r = rehearse(dir, "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n");
        assertThat(r.load().plans()).anySatisfy(p -> {
            assertThat(p.query()).isEqualTo("orders_by_total");
            assertThat(p.before()).isEmpty();
            assertThat(p.newlyUsed()).containsExactly("orders_total_idx");
        });
        assertThat(r.load().plans()).anySatisfy(p -> {
            assertThat(p.query()).isEqualTo("orders_by_customer");
            assertThat(p.after()).containsExactly("orders_customer_idx");
        });
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("index-used-by-workload"));
        assertThat(r.categories()).anySatisfy(c -> {
            assertThat(c.category()).isEqualTo(Category.INDEX_DEPENDENCIES);
            assertThat(c.status()).isEqualTo(Status.PASS);
            assertThat(c.issue()).contains("no index a workload query's plan used was dropped",
                    "orders_by_total now uses orders_total_idx");
        });
    }

    /** orders_by_customer reads only the covering index (an index-only scan); orders_customer_idx is its fallback. */
    private static final String TWO_INDEXES = SCHEMA
            + "CREATE INDEX orders_customer_covering_idx ON orders (customer_id) INCLUDE (id, total);\n";

    @Test
    void aDroppedIndexWhoseQueryFallsBackToAnotherIndexIsOnlyFlagged(@TempDir Path dir) throws Exception {
        // p99 judged out of the way: only the plan decides, and it still reads an index
        Report r = rehearse(dir, TWO_INDEXES, "DROP INDEX CONCURRENTLY orders_customer_covering_idx;\n",
                "thresholds:\n  p99_factor: 1000\n");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("index-used-by-workload");
            assertThat(f.status()).isEqualTo(Status.FLAG);
            assertThat(f.message()).contains("dropped index orders_customer_covering_idx, which workload query"
                    + " orders_by_customer used: planned ")
                    .containsPattern("planned [^;]*using orders_customer_covering_idx[^;]* before, [^;]*using"
                            + " orders_customer_idx[^;]* after").doesNotContain("sequential scan");
        });
    }

    @Test
    void aDroppedIndexNoQueryPlanUsedIsNoFinding(@TempDir Path dir) throws Exception {
        Report r = rehearse(dir, TWO_INDEXES, "DROP INDEX CONCURRENTLY orders_customer_idx;\n", "");
        assertThat(r.load().plans()).anySatisfy(p -> {
            assertThat(p.query()).isEqualTo("orders_by_customer");
            assertThat(p.before()).containsExactly("orders_customer_covering_idx");
        });
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("index-used-by-workload"));
    }

    @Test
    void aDroppedColumnTakesItsIndexAlongAndTheQueryThatUsedItIsNamed(@TempDir Path dir) throws Exception {
        // the query does not read the column, so it keeps working: only the plan shows what it lost
        String schema = """
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(10, 2) NOT NULL,
                                     region text);
                CREATE INDEX orders_customer_region_idx ON orders (customer_id, region);
                """;
        Report r = rehearse(dir, schema, "ALTER TABLE orders DROP COLUMN region;\n", "");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("index-used-by-workload");
            assertThat(f.message()).contains("dropped index orders_customer_region_idx, which workload query"
                    + " orders_by_customer used");
        });
        assertThat(r.findings()).noneSatisfy(f -> assertThat(f.rule()).isEqualTo("application-errors"));
    }

    @Test
    void eachMigrationHasTheWorkloadBeforeDuringAndAfterItAndEachQuerysFigures(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V2__drop.sql"), "DROP INDEX orders_customer_idx;\n");
        Files.writeString(dir.resolve("migrations/V3__add.sql"), "ALTER TABLE orders ADD COLUMN note text;\n");
        Report r = rehearse(dir, SCHEMA, "");
        var ms = r.load().migrations();
        assertThat(ms).extracting(Report.MigrationTraffic::migration).containsExactly("V2__drop.sql", "V3__add.sql");
        var drop = ms.get(0);
        var add = ms.get(1);
        // 1 s of baseline, then 1 s of load alone between the two (load.settle_seconds), at 100 q/s
        assertThat(drop.before().queries()).isBetween(70L, 130L);
        assertThat(drop.before().perSecond()).isBetween(70.0, 130.0);
        assertThat(drop.after().queries()).isBetween(70L, 130L);
        assertThat(add.before()).isEqualTo(drop.after()); // the same window
        assertThat(drop.before().p50Ms()).isNotNull();
        assertThat(drop.before().errors()).isZero();
        assertThat(drop.firstStatement()).isEqualTo(1);
        assertThat(add.firstStatement()).isEqualTo(2);
        // orders_by_customer lost its index between its before and after
        assertThat(drop.queries()).anySatisfy(q -> {
            assertThat(q.query()).isEqualTo("orders_by_customer");
            assertThat(q.before().queries()).isGreaterThan(30);
            assertThat(q.after().queries()).isGreaterThan(30);
            assertThat(q.after().p50Ms()).isGreaterThan(q.before().p50Ms());
        });
        // the baseline, and the moments the migration session took to open
        assertThat(r.load().before().queries()).isCloseTo(drop.before().queries(), org.assertj.core.data.Offset.offset(30L)); // tens of ms on a busy machine
        assertThat(r.statements().get(0).impact().during()).isNotNull();
        String md = dev.rehearse.report.MarkdownReport.render(r);
        assertThat(md).contains("<summary>Workload around each migration</summary>", "| V2__drop.sql |", "`orders_by_customer`");
        assertThat(dev.rehearse.report.ConsoleReport.render(r, false)).contains("Workload around each migration");
    }
}
