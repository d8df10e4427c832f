package dev.rehearse.bench;

import dev.rehearse.cli.Main;
import dev.rehearse.model.Report;
import dev.rehearse.report.JsonReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures, not a gate ({@code mvn -B -Pbench test -Dtest=RealHistoriesRehearsalTest}): the committed real histories
 * rehearsed end to end on the embedded PostgreSQL 16 through {@code run}, every migration shipped, through the source
 * its layout is detected as, ups then downs. Prints migrations, statements, failures and seconds per migration.
 */
@Tag("bench")
class RealHistoriesRehearsalTest {

    private static final Path HISTORIES = Path.of("src/test/resources/histories");

    private static Report rehearse(Path history, Path out) throws Exception {
        long t0 = System.nanoTime();
        int code = Main.execute("run", "--migrations", history.toString(), "--pending", history.toString(), "--no-load",
                "--report", "json", "--out", out.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).as(history + " exit").isIn(0, 1);
        Report r = JsonReport.read(out.resolve("report.json"));
        long migrations = r.statements().stream().map(Report.StatementReport::migration).distinct().count();
        long failed = r.statements().stream().filter(s -> s.error() != null).count();
        Map<String, Long> downs = r.rollbacks() == null ? Map.of() : r.rollbacks().stream()
                .collect(Collectors.groupingBy(Report.Rollback::outcome, TreeMap::new, Collectors.counting()));
        System.out.printf(Locale.ROOT, "%s: %d migrations, %d statements, %d failed, %.1f s (%.3f s per migration);"
                        + " downs %s; verdict %s%n", history.getFileName(), migrations, r.statements().size(), failed,
                seconds, seconds / Math.max(1, migrations), downs, r.verdict());
        return r;
    }

    @Test
    void cratesIoUpAndDown(@TempDir Path dir) throws Exception {
        Report r = rehearse(HISTORIES.resolve("crates-io"), dir);
        assertThat(r.statements()).hasSizeGreaterThan(600).allSatisfy(s -> assertThat(s.error()).isNull());
        // crates.io's own down of this migration drops a constraint its up never made (it made a unique index): a
        // real rollback would stop there
        assertThat(r.rollbacks()).filteredOn(b -> b.outcome().equals("failed")).singleElement()
                .satisfies(b -> assertThat(b.migration()).startsWith("2024-10-25-112826_make-unique-version-unique"));
    }

    @Test
    void documensoAndDokploy(@TempDir Path dir) throws Exception {
        for (String h : new String[]{"documenso", "dokploy"}) {
            Report r = rehearse(HISTORIES.resolve(h), dir.resolve(h));
            assertThat(r.statements()).as(h).hasSizeGreaterThan(700).allSatisfy(s -> assertThat(s.error()).isNull());
        }
    }
}
