package dev.rehearse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimate's validation on embedded PostgreSQL 16: fit at 100k–1M rows, predict 10M, then rehearse 10M and
 * compare, for a table rewrite, an index build, a SET NOT NULL scan and a catalog-only change; once as the machine
 * is, once with a CPU hog (one spinning thread per core in this JVM) through both the fit and the measurement, to
 * show whether the interval widens to contain what is measured. Prints the table; asserts only that it ran.
 */
@Tag("bench")
class EstimateValidationBenchmarkTest {

    static final String SCALES = System.getProperty("rehearse.bench.scales", "100k,300k,1M");
    static final String TARGET = System.getProperty("rehearse.bench.target", "10M");
    static final String REPEAT = System.getProperty("rehearse.bench.repeat", "2");

    @Test
    void predictionAtTenMillionRowsAgainstTheMeasurement(@TempDir Path dir) throws Exception {
        Path scenario = scenario(dir);
        Path results = Path.of("target", "estimate-validation"); // kept, for a reader of the figures
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-8s %-14s %-9s %10s %23s %10s %8s %7s",
                "machine", "operation", "model", "predicted", "95 % interval", "measured", "error", "inside"));
        List<String> machines = new ArrayList<>();
        for (boolean hog : new boolean[]{false, true}) {
            AtomicBoolean spinning = new AtomicBoolean(hog);
            List<Thread> hogs = new ArrayList<>();
            for (int i = 0; hog && i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread t = new Thread(() -> {
                    long x = 1;
                    while (spinning.get()) x = x * 6364136223846793005L + 1442695040888963407L;
                    if (x == 42) System.out.print("");
                }, "cpu-hog-" + i);
                t.setDaemon(true);
                t.start();
                hogs.add(t);
            }
            try {
                String label = hog ? "CPU hog" : "as is";
                Path out = results.resolve(hog ? "hog" : "plain");
                deleteTree(out);
                long t0 = System.nanoTime();
                int code = Main.execute("estimate", scenario.toString(), "--scales", SCALES, "--repeat", REPEAT,
                        "--target", "items=" + TARGET, "--fail-on", "never", "--out", out.resolve("estimate").toString());
                assertThat(code).isZero();
                double fitSeconds = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                code = Main.execute("run", scenario.toString(), "--rows", "items=" + TARGET, "--report", "json",
                        "--fail-on", "never", "--out", out.resolve("measured").toString());
                assertThat(code).isZero();
                double measureSeconds = (System.nanoTime() - t0) / 1e9;
                ObjectMapper json = new ObjectMapper();
                JsonNode estimate = json.readTree(out.resolve("estimate/estimate.json").toFile());
                JsonNode measured = json.readTree(out.resolve("measured/report.json").toFile()).get("statements");
                for (JsonNode s : estimate.get("statements")) {
                    JsonNode p = s.get("predictions").get(0);
                    JsonNode m = measured.get(s.get("index").asInt() - 1);
                    long work = m.get("durationMs").asLong() - (m.get("lockWaitMs").isNull() ? 0 : m.get("lockWaitMs").asLong());
                    long predicted = p.get("durationMs").asLong();
                    Long low = p.get("lowMs").isNull() ? null : p.get("lowMs").asLong();
                    Long high = p.get("highMs").isNull() ? null : p.get("highMs").asLong();
                    boolean inside = low != null && low <= work && work <= high;
                    table.add(String.format(Locale.ROOT, "%-8s %-14s %-9s %8d ms %10s–%-10s %7d ms %+7.0f%% %7s",
                            label, s.get("operation").asText(), s.get("model").asText(), predicted,
                            low == null ? "-" : low + " ms", high == null ? "-" : high + " ms", work,
                            work == 0 ? 0 : 100.0 * (predicted - work) / work, inside ? "yes" : "no"));
                }
                JsonNode machine = estimate.get("machine");
                machines.add(String.format(Locale.ROOT, "%s: fit %.0f s, 10M run %.0f s; %s", label, fitSeconds,
                        measureSeconds, machine.get("summary").asText()));
                for (JsonNode w : estimate.get("warnings")) machines.add("  warning: " + w.asText());
            } finally {
                spinning.set(false);
                for (Thread t : hogs) t.join();
            }
        }
        System.out.println("\nEstimate validation: fit on " + SCALES + " rows (× " + REPEAT + "), predicted at " + TARGET
                + ", measured at " + TARGET + " (PostgreSQL 16, no workload; the fitted duration is the work, less lock waits)");
        table.forEach(System.out::println);
        machines.forEach(System.out::println);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    /** The e2e test's table and migrations, rewrite before the index so it rebuilds only the key. */
    static Path scenario(Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE items (
                    id     bigint PRIMARY KEY,
                    code   text NOT NULL,
                    region text,
                    qty    int NOT NULL
                );
                """);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__add_column.sql"), "ALTER TABLE items ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("V2__not_null.sql"), "ALTER TABLE items ALTER COLUMN region SET NOT NULL;\n");
        Files.writeString(migrations.resolve("V3__bigint.sql"), "ALTER TABLE items ALTER COLUMN qty TYPE bigint;\n");
        Files.writeString(migrations.resolve("V4__index.sql"), "CREATE INDEX items_code ON items (code);\n");
        return Files.writeString(dir.resolve("validation.yaml"), """
                engine: postgres:16
                schema: schema.sql
                data:
                  tables:
                    items: { rows: 1M }
                load:
                  enabled: false
                migrations:
                  path: migrations
                deadlines: { statement: 30min, run: 2h }
                """);
    }
}
