package dev.rehearse.bench;

import dev.rehearse.Rehearsal;
import dev.rehearse.model.Report;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.ScenarioLoader;
import dev.rehearse.seed.SeedResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures, not a test ({@code mvn -Pbench -Dtest=SoakBenchmarkTest test}): one long rehearsal on embedded PostgreSQL 16,
 * 200 small statements over 20 migration files with the workload running alone between them for most of the run
 * ({@code rehearse.soak.minutes}, default 30), sampling this JVM's heap after a GC, its live threads and the server's
 * client sessions every {@code rehearse.soak.sample.seconds} (default 5). It prints each sample and a least-squares
 * slope per quantity over the rehearsal, the first tenth left out as warm-up. What "steady" can mean for the heap:
 * the run keeps every workload query's {@code LoadEvent} and every lock sample until it is analysed, so the heap
 * grows with the load's rate by design; the figure to read is how far that growth goes beyond what those records
 * cost, and that threads and sessions do not grow at all.
 */
@Tag("bench")
class SoakBenchmarkTest {

    static final int FILES = 20;
    static final int STATEMENTS_PER_FILE = 10;

    record Sample(double atMinutes, double heapMb, int threads, int sessions) {}

    @Test
    void aLongRehearsalHoldsItsThreadsSessionsAndHeapSteady(@TempDir Path dir) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("rehearse.soak.minutes", "30"));
        int every = Integer.parseInt(System.getProperty("rehearse.soak.sample.seconds", "5"));
        double rate = Double.parseDouble(System.getProperty("rehearse.soak.rate", "100"));
        Path scenario = writeScenario(dir, minutes, rate);

        Rehearsal rehearsal = new Rehearsal(ScenarioLoader.load(scenario), line -> System.out.println("  " + line));
        Rehearsal.Inputs in = rehearsal.read();
        assertThat(in.migrations().stream().mapToInt(m -> m.statements().size()).sum())
                .isEqualTo(FILES * STATEMENTS_PER_FILE);
        List<Sample> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        long wallStart = System.nanoTime();
        Report report;
        long[] records = new long[2];
        try (Rehearsal.Server server = rehearsal.provision(in)) {
            server.applySchema();
            SeedResult seed = server.seed(1.0);
            Database db = server.db();
            try (Connection watch = db.connect()) {
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "soak-sampler");
                    t.setDaemon(true);
                    return t;
                });
                long from = System.nanoTime();
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                sampler.scheduleAtFixedRate(() -> {
                    try {
                        memory.gc();
                        samples.add(new Sample((System.nanoTime() - from) / 6e10,
                                memory.getHeapMemoryUsage().getUsed() / 1048576.0, threads.getThreadCount(),
                                sessions(watch)));
                    } catch (Exception e) {
                        System.out.println("  soak: a sample failed: " + e);
                    }
                }, 0, every, TimeUnit.SECONDS);
                Rehearsal.Recording recording;
                try {
                    recording = server.rehearse(seed);
                } finally {
                    sampler.shutdownNow();
                    sampler.awaitTermination(10, TimeUnit.SECONDS);
                }
                records[0] = recording.events().size();
                records[1] = recording.timeline().lockSamples().size();
                report = rehearsal.analyze(recording, java.time.Instant.now().toString(), wallStart).report();
                System.out.printf(Locale.ROOT, "soak: %d statements, %d workload queries recorded, %d lock samples,"
                                + " verdict %s%n", report.statements().size(), recording.events().size(),
                        recording.timeline().lockSamples().size(), report.verdict());
            }
        }
        System.out.println("soak: minute     heap MB (after GC)  threads  sessions");
        for (Sample s : samples) {
            System.out.printf(Locale.ROOT, "soak: %7.2f  %18.1f  %7d  %8d%n", s.atMinutes(), s.heapMb(), s.threads(),
                    s.sessions());
        }
        List<Sample> steady = samples.subList(samples.size() / 10, samples.size());
        assertThat(steady).as("samples over the rehearsal").hasSizeGreaterThan(3);
        double heapGrowth = steady.get(steady.size() - 1).heapMb() - steady.get(0).heapMb();
        double perRecord = heapGrowth * 1048576.0 / Math.max(1, records[0] + records[1]);
        // a LoadEvent or a lock sample with its list slot is some 50 to 150 bytes: growth past that is not the recording
        System.out.printf(Locale.ROOT, "soak: heap growth over the rehearsal %.1f MB for %d queries and %d lock samples"
                + " recorded (%.0f bytes per record): %s%n", heapGrowth, records[0], records[1], perRecord,
                perRecord <= 256 ? "the recording kept for analysis, nothing beyond it" : "MORE than the recording");
        summarise("heap MB", steady, Sample::heapMb, "MB/min");
        summarise("threads", steady, s -> s.threads(), "threads/min");
        summarise("sessions", steady, s -> s.sessions(), "sessions/min");
        assertThat(report.statements()).hasSize(FILES * STATEMENTS_PER_FILE);
    }

    /** The server's client sessions, this watcher's own left out. */
    private static int sessions(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                     + " AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void summarise(String what, List<Sample> samples, java.util.function.ToDoubleFunction<Sample> y,
                                  String unit) {
        double n = samples.size(), sx = 0, sy = 0, sxx = 0, sxy = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (Sample s : samples) {
            double x = s.atMinutes(), v = y.applyAsDouble(s);
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), mean = sy / n;
        double span = samples.get(samples.size() - 1).atMinutes() - samples.get(0).atMinutes();
        double drift = slope * span;
        // a count holds steady when its fitted change over the run is under one (a transient thread is not a leak); the
        // heap when its fitted change stays within a tenth of its mean
        boolean held = unit.startsWith("MB") ? Math.abs(drift) <= 0.1 * Math.abs(mean) : Math.abs(drift) < 1;
        System.out.printf(Locale.ROOT, "soak: %-9s mean %8.1f  min %8.1f  max %8.1f  slope %+8.3f %s"
                        + " (fitted change over %.1f min: %+.1f)  %s%n", what, mean, min, max, slope, unit, span, drift,
                held ? "held steady" : "GREW");
    }

    /**
     * A table under load and 200 small statements, ten per file: new tables, columns, indexes, comments, a few rows;
     * the load runs alone {@code minutes / (FILES - 1)} between files.
     */
    private static Path writeScenario(Path dir, double minutes, double rate) throws Exception {
        Files.writeString(dir.resolve("schema.sql"),
                "CREATE TABLE items (id bigint PRIMARY KEY, qty int NOT NULL, note text);\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        for (int f = 1; f <= FILES; f++) {
            StringBuilder sql = new StringBuilder();
            String t = "soak_" + f;
            sql.append("CREATE TABLE ").append(t).append(" (id bigint PRIMARY KEY, v int);\n");
            sql.append("INSERT INTO ").append(t).append(" SELECT g, g FROM generate_series(1, 1000) g;\n");
            for (int c = 1; c <= 4; c++) sql.append("ALTER TABLE ").append(t).append(" ADD COLUMN c").append(c).append(" int;\n");
            sql.append("CREATE INDEX ").append(t).append("_v ON ").append(t).append(" (v);\n");
            sql.append("COMMENT ON TABLE ").append(t).append(" IS 'soak ").append(f).append("';\n");
            sql.append("UPDATE items SET note = 'soak ").append(f).append("' WHERE id = ").append(f).append(";\n");
            sql.append("ANALYZE ").append(t).append(";\n");
            Files.writeString(migrations.resolve(String.format(Locale.ROOT, "V%03d__soak_%d.sql", f, f)), sql);
        }
        double settle = minutes * 60 / (FILES - 1); // the load alone between files: 19 pauses fill the minutes
        return Files.writeString(dir.resolve("soak.yaml"), String.format(Locale.ROOT, """
                engine: postgres:16
                provider: embedded
                schema: schema.sql
                data:
                  seed: 7
                  tables:
                    items: { rows: 100k }
                load:
                  clients: 4
                  rate: %s
                  baseline_seconds: 3
                  settle_seconds: %s
                  cooldown_seconds: 1
                  write_fraction: 0.3
                migrations:
                  path: migrations
                  format: sql
                deadlines:
                  statement: 10min
                  run: %dmin
                """, rate, settle, (int) Math.ceil(minutes * 2 + 20)));
    }
}
