package dev.rehearse.bench;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.analyze.Linter;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.provision.MavenArtifacts;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench test}: {@code lint} over real public migration histories taken from Maven Central at bench
 * time (nothing third-party is committed): Flowable's and Activiti's PostgreSQL upgrade and create scripts, and
 * Flowable's MySQL ones. Prints files, statements, ms per 100 files (median of N runs after warm-up, reading and
 * splitting included) and findings by rule. Not part of {@code mvn verify}.
 */
@Tag("bench")
class LintBenchmarkTest {

    private static final int RUNS = 20;

    record History(String name, String coordinates, Predicate<String> entry, EngineSpec engine) {}

    static final List<History> HISTORIES = List.of(
            new History("flowable-engine 7.1.0 + activiti-engine 5.22.0, PostgreSQL", null, null, EngineSpec.parse("postgres:16")),
            new History("flowable-engine 7.1.0, MySQL", "org.flowable:flowable-engine:7.1.0",
                    n -> n.startsWith("org/flowable/db/") && n.contains(".mysql.") && n.endsWith(".sql"), EngineSpec.parse("mysql:8.0")));

    @Test
    void lintIsFastOnRealHistories(@TempDir Path tmp) throws Exception {
        Path pg = tmp.resolve("postgres");
        int n = extract("org.flowable:flowable-engine:7.1.0",
                e -> e.startsWith("org/flowable/db/") && e.contains(".postgres.") && e.endsWith(".sql"), pg.resolve("flowable"));
        n += extract("org.activiti:activiti-engine:5.22.0",
                e -> e.startsWith("org/activiti/db/") && e.contains(".postgres.") && e.endsWith(".sql"), pg.resolve("activiti"));
        System.out.println();
        double pgMs = bench(HISTORIES.get(0), List.of(pg.resolve("flowable"), pg.resolve("activiti")), n);
        Path my = tmp.resolve("mysql");
        int m = extract(HISTORIES.get(1).coordinates(), HISTORIES.get(1).entry(), my);
        double myMs = bench(HISTORIES.get(1), List.of(my), m);
        assertThat(n).isGreaterThanOrEqualTo(100);
        assertThat(pgMs).as("ms per 100 files").isLessThan(1000);
        assertThat(myMs).as("ms per 100 files").isLessThan(1000);
    }

    private static double bench(History h, List<Path> dirs, int files) {
        Dialect dialect = Engines.dialect(h.engine());
        Linter.Result result = null;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS + 5; i++) {
            long t0 = System.nanoTime();
            List<Migration> migrations = new SqlMigrationSource(dialect.splitter()).read(dirs);
            result = new Linter(Linter.Options.of(h.engine()), dialect).lint(migrations);
            long t = System.nanoTime() - t0;
            if (i >= 5) times.add(t);
        }
        times.sort(null);
        double median = times.get(times.size() / 2) / 1e6;
        Map<String, Integer> byRule = new TreeMap<>();
        for (Finding f : result.findings()) byRule.merge(f.rule(), 1, Integer::sum);
        double per100 = median * 100.0 / files;
        System.out.printf("lint benchmark: %s (--engine %s)%n  files %d, statements %d, median %.1f ms per run,"
                        + " %.1f ms per 100 files (%d runs after 5 warm-up)%n  findings %d: %s%n%n",
                h.name(), h.engine(), result.files(), result.statements(), median, per100, RUNS,
                result.findings().size(), byRule);
        return per100;
    }

    static int extract(String coordinates, Predicate<String> entry, Path dir) throws Exception {
        Path jar = MavenArtifacts.resolve(coordinates);
        int n = 0;
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(j.entries())) {
                if (e.isDirectory() || !entry.test(e.getName())) continue;
                Path out = dir.resolve(e.getName().substring(e.getName().lastIndexOf('/') + 1));
                Files.createDirectories(out.getParent());
                try (InputStream in = j.getInputStream(e)) {
                    Files.copy(in, out);
                }
                n++;
            }
        }
        return n;
    }
}
