package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationWindowsTest {

    private static final long MS = 1_000_000L;

    private static Migration migration(String name, int statements) {
        List<SqlStatement> s = new ArrayList<>();
        for (int i = 0; i < statements; i++) s.add(new SqlStatement("SELECT " + i, i + 1, SqlStatement.Kind.TRANSACTIONAL));
        return Migration.of(name, Path.of(name), s, TransactionMode.TRANSACTION, null);
    }

    private static ExecutedStatement ran(int index, Migration m, int i, long startMs, long endMs, long txEndMs) {
        return new ExecutedStatement(index, m, m.statements().get(i), true, startMs * MS, endMs * MS, txEndMs * MS, null,
                null, null, null, null);
    }

    @Test
    void eachMigrationSpansItsStatementsToItsLastTransactionsEndAndTheWindowsBetweenAreShared() {
        Migration a = migration("V1__a.sql", 2), b = migration("V2__b.sql", 1);
        List<ExecutedStatement> run = List.of(ran(1, a, 0, 1_000, 1_100, 1_300), ran(2, a, 1, 1_100, 1_300, 1_300),
                ran(3, b, 0, 2_300, 2_400, 2_400));
        var w = MigrationWindows.of(run, 0, 3_400 * MS);
        assertThat(w).hasSize(2);
        assertThat(w.get(0)).isEqualTo(new MigrationWindows.Window(a, 1, 2, 0, 1_000 * MS, 1_300 * MS, 2_300 * MS));
        assertThat(w.get(1)).isEqualTo(new MigrationWindows.Window(b, 3, 3, 1_300 * MS, 2_300 * MS, 2_400 * MS, 3_400 * MS));
        assertThat(MigrationWindows.holding(w, 2).migration()).isSameAs(a);
        assertThat(MigrationWindows.holding(w, 4)).isNull();
    }

    @Test
    void aMigrationsTrafficSplitsTheWorkloadByWhenEachQueryWasDueAndNamesEachQuery() {
        Migration a = migration("V1__a.sql", 1);
        var w = MigrationWindows.of(List.of(ran(1, a, 0, 1_000, 1_500, 1_500)), 0, 2_500 * MS).get(0);
        List<LoadEvent> events = new ArrayList<>();
        for (int t = 0; t < 2_500; t += 10) {
            boolean during = t >= 1_000 && t < 1_500;
            long end = during ? 1_510 : t + (t >= 1_500 ? 20 : 2); // queued behind it, then slower after it
            events.add(new LoadEvent("orders", false, 1, t * MS, t * MS, end * MS, null, "by_customer"));
        }
        var traffic = MigrationWindows.traffic(w, events);
        assertThat(traffic.before().queries()).isEqualTo(100);
        assertThat(traffic.during().queries()).isEqualTo(50);
        assertThat(traffic.after().queries()).isEqualTo(100);
        assertThat(traffic.during().maxMs()).isEqualTo(510.0);
        assertThat(traffic.queries()).singleElement().satisfies(q -> {
            assertThat(q.query()).isEqualTo("by_customer");
            assertThat(q.before().p50Ms()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
            assertThat(q.after().p50Ms()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.05)); // HdrHistogram: 3 digits
        });
    }
}
