package dev.rehearse.engine.postgres;

import dev.rehearse.load.QueryPlan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a plan of EXPLAIN (FORMAT JSON) says of its indexes and scans. */
class PostgresPlansTest {

    @Test
    void indexesAndScansFromNestedPlanNodes() {
        QueryPlan p = PostgresPlans.parse("""
                [{"Plan": {"Node Type": "Nested Loop", "Plans": [
                  {"Node Type": "Bitmap Heap Scan", "Relation Name": "orders", "Alias": "orders", "Plans": [
                    {"Node Type": "Bitmap Index Scan", "Index Name": "orders_customer_idx"}]},
                  {"Node Type": "Index Scan", "Index Name": "customers_pkey", "Relation Name": "customers"},
                  {"Node Type": "Seq Scan", "Relation Name": "items"}]}}]
                """);
        assertThat(p.error()).isNull();
        assertThat(p.indexes()).containsExactly("orders_customer_idx", "customers_pkey");
        assertThat(p.seqScans()).containsExactly("items");
        assertThat(p.scans()).containsExactly("Bitmap Heap Scan on orders", "Bitmap Index Scan using orders_customer_idx",
                "Index Scan using customers_pkey on customers", "Seq Scan on items");
    }

    @Test
    void anUnreadablePlanIsAnError() {
        assertThat(PostgresPlans.parse("not json").error()).startsWith("unreadable plan");
    }
}
