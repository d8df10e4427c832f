package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import dev.rehearse.model.Verdict;
import dev.rehearse.model.Report.CategoryResult;
import dev.rehearse.model.Report.Estimate;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Report.Impact;
import dev.rehearse.model.Report.Lock;
import dev.rehearse.model.Report.StatementReport;

import java.util.List;

/** A rehearsal that should block: two migrations, one SET NOT NULL that hurt, one index, one failed foreign key. */
final class ReportFixture {

    static final String NOT_NULL_REWRITE = """
            ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID;
            -- next migration: validation takes SHARE UPDATE EXCLUSIVE; reads and writes go on
            ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null;
            -- PostgreSQL 12+: SET NOT NULL now trusts the valid CHECK and skips the scan
            ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
            ALTER TABLE orders DROP CONSTRAINT orders_customer_id_not_null;""";

    static final String FK_REWRITE = """
            ALTER TABLE order_items ADD CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
            -- next migration, SHARE UPDATE EXCLUSIVE: writes go on
            ALTER TABLE order_items VALIDATE CONSTRAINT order_items_order_fk;""";

    static final String LONG_ISSUE = "SET NOT NULL on orders.customer_id held AccessExclusiveLock for 840 ms while it"
            + " scanned all 1,000,000 rows; 12 application queries waited, the longest 790 ms";

    private ReportFixture() {}

    static Report blocked() {
        StatementReport notNull = new StatementReport(1, "V2__orders_customer_not_null.sql", 1,
                "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL", true, 1_200, 840, null, 0L,
                List.of(new Lock("orders", "AccessExclusiveLock", "reads_writes", 840L)),
                List.of(), List.of(), List.of("orders"), 16_384L, null,
                new Impact(12, 790L, 812.4, 4.1, 0, 140, new Report.Traffic(140, 171.5, 3.2, 812.4, 790.5, 0, 0)),
                new Estimate("orders", 1_000_000, 840.0, 400_000_000L, 336_000L));
        StatementReport index = new StatementReport(2, "V3__orders_indexes_and_fk.sql", 1,
                "CREATE INDEX CONCURRENTLY orders_created_at_idx\n    ON orders (created_at)", false, 2_300, 1_150, null, 0L,
                List.of(new Lock("orders", "ShareUpdateExclusiveLock", "none", 1_150L)),
                List.of(), List.of(), List.of("orders"), 24_117_248L, null,
                new Impact(0, null, 5.2, 4.1, 0, 35),
                new Estimate("orders", 1_000_000, 1_150.0, null, null));
        StatementReport fk = new StatementReport(3, "V3__orders_indexes_and_fk.sql", 4,
                "ALTER TABLE order_items\n    ADD CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)",
                true, 3_500, 95, "ERROR: insert or update on table \"order_items\" violates foreign key constraint"
                        + " \"order_items_order_fk\"\n  Detail: Key (order_id)=(42) is not present in table \"orders\".",
                null, List.of(new Lock("order_items", "ShareRowExclusiveLock", "writes", null),
                        new Lock("orders", "ShareRowExclusiveLock", "writes", null)),
                List.of(), List.of(), List.of("order_items"), null, null,
                new Impact(null, null, null, null, null, null), null);

        List<CategoryResult> categories = List.of(
                pass(Category.LOCK_CONTENTION),
                pass(Category.CONCURRENT_WRITE_HAZARDS),
                new CategoryResult(Category.MISSING_ROLLBACK, Status.PASS, "no statement destroys what a rollback needs", null),
                pass(Category.DATA_LOSS),
                pass(Category.REPLICATION_LAG),
                new CategoryResult(Category.CONSTRAINT_VALIDATION, Status.BLOCK, LONG_ISSUE,
                        "Add CHECK (customer_id IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL"),
                pass(Category.INDEX_DEPENDENCIES),
                new CategoryResult(Category.FOREIGN_KEYS, Status.FLAG,
                        "ADD FOREIGN KEY on order_items failed validation: existing rows reference missing orders",
                        "Add the foreign key NOT VALID, clean up orphans, then VALIDATE CONSTRAINT separately"));

        List<Finding> findings = List.of(
                new Finding("set-not-null", Category.CONSTRAINT_VALIDATION, Status.BLOCK, 1,
                        "SET NOT NULL held AccessExclusiveLock on orders for 840 ms while it scanned 1,000,000 rows;"
                                + " 12 queries waited up to 790 ms.", NOT_NULL_REWRITE),
                new Finding("add-foreign-key-validated", Category.FOREIGN_KEYS, Status.FLAG, 3,
                        "ADD FOREIGN KEY validates every row under ShareRowExclusiveLock on both tables; here it failed.",
                        FK_REWRITE));

        return new Report(new Report.Tool("rehearse", "0.1.0"), new Report.Engine("postgres", "16.15", "embedded"),
                Verdict.BLOCK, "SET NOT NULL on orders blocked 12 queries for up to 790 ms",
                categories, List.of(notNull, index, fk), findings,
                new Report.Seed(List.of(new Report.SeedTable("customers", 50_000, 0.9),
                        new Report.SeedTable("orders", 1_000_000, 41.8),
                        new Report.SeedTable("order_items", 3_000_000, 97.2))),
                new Report.Load(true, 16, 200.0, 24_000L, 12L, 2.1, 4.1, 812.4, 1_204.0, 31L, 790L),
                new Report.Replication(false, null, null),
                new Report.Run("2025-01-14T09:30:00Z", 184.6, 10, 10.4, "scenarios/orders.yaml", 14.2, 31.0),
                new Report.Timeline(100, List.of(new Report.Window(0, 20, 0, 4.1, 0),
                        new Report.Window(100, 3, 1, 790.0, 12), new Report.Window(200, 0, 0, null, null))));
    }

    static final String SHA = "9f2c4e0b6a1d8e7f3c5b2a4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d0e2f";

    /** The same report as the CLI stamps it: command (password masked), scenario hash, machine, alerts. */
    static Report stamped(Report r) {
        return r.withRun(r.run().withProvenance("rehearse run scenarios/orders.yaml --url 'jdbc:postgresql://db/app?password=***'",
                        SHA, new Report.Machine(2, 25_200_000_000L, "Linux 6.1 amd64", "Debian 17.0.15+6"))
                .withAlerts(new Report.Alerts(30_000, 60_000, "default")));
    }

    /** The same report with the second finding's action in prose, as the catalog words some rules. */
    static Report withProseAction(Report r) {
        Finding f = r.findings().get(1);
        List<Finding> findings = List.of(r.findings().get(0), new Finding(f.rule(), f.category(), f.status(),
                f.statementIndex(), f.message(), "Use pg_repack (or pg_squeeze), which rebuilds online and takes ACCESS"
                        + " EXCLUSIVE only briefly."));
        return new Report(r.tool(), r.engine(), r.verdict(), r.verdictReason(), r.categories(), r.statements(), findings,
                r.seed(), r.load(), r.replication(), r.run(), r.timeline());
    }

    private static CategoryResult pass(Category c) {
        return new CategoryResult(c, Status.PASS, null, null);
    }
}
