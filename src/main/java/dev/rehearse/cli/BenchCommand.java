package dev.rehearse.cli;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.engine.postgres.PostgresBulkLoader;
import dev.rehearse.engine.postgres.PostgresSchemaReader;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.RowCount;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.SeedResult;
import dev.rehearse.seed.Seeder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code rehearse bench seed}: figures, not a test. On one embedded PostgreSQL, {@code pgbench -i} and
 * rehearse each load pgbench's accounts shape at the same row counts; prints wall time, rows/s and the
 * JVM's peak heap during rehearse's load (memory must stay flat as rows grow). Hidden from --help.
 */
@Command(name = "bench", hidden = true, description = "Benchmarks (figures, not tests).", subcommands = BenchCommand.Seed.class)
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("rehearse bench: a subcommand is required (seed)");
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "pgbench -i vs rehearse loading pgbench's accounts shape, at each --rows.")
    static final class Seed implements Callable<Integer> {

        @Option(names = "--rows", split = ",", defaultValue = "1M,10M", description = "Row counts (default 1M,10M).")
        List<String> rows;

        @Option(names = "--engine", defaultValue = "postgres:16")
        String engine;

        @Option(names = "--filler", defaultValue = "text", description = "text (words, 0-84 characters, mean 20) or blank"
                + " (empty, padded by char(84), as pgbench writes it).")
        String filler;

        @Override
        public Integer call() throws Exception {
            String pgbench = findPgbench();
            if (pgbench == null) {
                System.out.println("pgbench not found: install it with `apt-get install postgresql-15` (or any postgresql-client"
                        + " with pgbench); printing rehearse's figures alone.");
            }
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-12s %-28s %9s %12s %12s", "rows", "loader", "seconds", "rows/s", "peak heap"));
            try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse(engine))) {
                for (String r : rows) {
                    long n = RowCount.parse(r);
                    if (pgbench != null) {
                        long scale = Math.max(1, n / 100_000);
                        double s = runPgbench(pgbench, db, scale);
                        lines.add(String.format(Locale.ROOT, "%,-12d %-28s %9.2f %,12.0f %12s", scale * 100_000,
                                "pgbench -i -s " + scale, s, scale * 100_000 / s, "-"));
                        execute(db, "DROP TABLE pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history");
                    }
                    Result x = runRehearse(db, n, filler.equals("blank")
                            ? "{ generator: weighted, values: { '': 1 } }"
                            : "{ generator: text, length: { min: 0, max: 84, mean: 20 } }");
                    lines.add(String.format(Locale.ROOT, "%,-12d %-28s %9.2f %,12.0f %9.0f MiB", n, "rehearse (filler " + filler + ")",
                            x.seconds, n / x.seconds, x.peakHeap / 1048576.0));
                    execute(db, "DROP TABLE bench_accounts");
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
            System.out.println();
            lines.forEach(System.out::println);
            System.out.println("peak heap: sum of the heap pools' peaks while rehearse loaded (an upper bound), max heap "
                    + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
            return Main.OK;
        }

        private record Result(double seconds, long peakHeap) {}

        /** accounts as pgbench shapes it, filled the way a profile fills it: skewed bid, normal balances, text filler. */
        private static Result runRehearse(Database db, long n, String filler) throws IOException, java.sql.SQLException {
            long branches = Math.max(1, n / 100_000);
            execute(db, "CREATE TABLE bench_accounts (aid int NOT NULL PRIMARY KEY, bid int, abalance int, filler char(84))"
                    + " WITH (fillfactor = 100)");
            Path file = Files.createTempFile("rehearse-bench", ".yaml");
            Files.writeString(file, """
                    tables:
                      bench_accounts:
                        rows: %d
                        columns:
                          aid: { generator: sequence }
                          bid: { generator: zipf, distinct: %d, s: 1.1 }
                          abalance: { generator: normal, mean: 0, stddev: 5000, min: -100000, max: 100000 }
                          filler: %s
                    """.formatted(n, branches, filler), StandardCharsets.UTF_8);
            Profile profile = ProfileLoader.load(file);
            Files.delete(file);
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            SeedResult r = new Seeder(new PostgresSchemaReader(), new PostgresBulkLoader())
                    .seed(db, Map.of(), 42, profile, m -> System.err.println("rehearse: " + m));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (r.tables().get(0).rows() != n) throw new IllegalStateException("loaded " + r.tables().get(0).rows());
            return new Result(seconds, peak);
        }

        /** pgbench -i (its defaults: COPY FREEZE from the client, vacuum, primary keys) over TCP. */
        private static double runPgbench(String pgbench, Database db, long scale) throws IOException, InterruptedException {
            String url = db.jdbcUrl(); // jdbc:postgresql://127.0.0.1:PORT/postgres
            String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            String port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
            ProcessBuilder pb = new ProcessBuilder(pgbench, "-i", "-s", Long.toString(scale), "-h", host, "-p", port,
                    "-U", db.user(), "postgres").redirectErrorStream(true);
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new RehearsalFailedException("pgbench -i failed: " + out.strip());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.lines().filter(l -> l.startsWith("done in")).forEach(l -> System.err.println("pgbench: " + l));
            return seconds;
        }

        private static String findPgbench() {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path p = Path.of(dir, "pgbench");
                if (Files.isExecutable(p)) return p.toString();
            }
            for (int v = 18; v >= 10; v--) {
                Path p = Path.of("/usr/lib/postgresql/" + v + "/bin/pgbench");
                if (Files.isExecutable(p)) return p.toString();
            }
            return null;
        }

        private static void execute(Database db, String sql) throws java.sql.SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
