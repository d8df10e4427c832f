package dev.rehearse.dialect;

import dev.rehearse.engine.postgres.PostgresLexer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexes a statement drops by name, as a workload query's plan names them. */
class DroppedIndexesTest {

    private static List<String> dropped(String sql) {
        return MintedRules.droppedIndexes(new Rule.Words(sql, PostgresLexer.words(sql)));
    }

    @Test
    void dropIndexNamesEachIndexUnqualified() {
        assertThat(dropped("DROP INDEX orders_customer_idx")).containsExactly("orders_customer_idx");
        assertThat(dropped("drop index concurrently if exists public.orders_customer_idx"))
                .containsExactly("orders_customer_idx");
        assertThat(dropped("DROP INDEX a_idx, s.\"B_idx\" CASCADE")).containsExactly("a_idx", "B_idx");
    }

    @Test
    void droppedConstraintsNameTheirIndexAndOtherStatementsNone() {
        assertThat(dropped("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_ref_key, DROP CONSTRAINT x_key"))
                .containsExactly("orders_ref_key", "x_key");
        assertThat(dropped("CREATE INDEX orders_total_idx ON orders (total)")).isEmpty();
        assertThat(dropped("ALTER TABLE orders DROP COLUMN note")).isEmpty();
    }
}
