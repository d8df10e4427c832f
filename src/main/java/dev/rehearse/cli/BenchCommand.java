package dev.rehearse.cli;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.engine.postgres.PostgresEngine;
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

        @Option(names = "--copy-formats", description = "Also time COPY text vs binary on the same pre-generated rows"
                + " (server side only: generation is out of the clock).")
        boolean copyFormats;

        @Option(names = "--filler", defaultValue = "text", description = "text (words, 0-84 characters, mean 20) or blank"
                + " (empty, padded by char(84), as pgbench writes it).")
        String filler;

        @Option(names = "--runs", defaultValue = "3", description = "Rounds per row count, pgbench and rehearse in turn (default 3).")
        int runs;

        @Option(names = "--one-stream", description = "Also time rehearse with every table on one COPY stream, each round.")
        boolean oneStream;

        @Option(names = "--stream-rows", description = "Rows from which one table loads over several COPY streams"
                + " (default the loader's; a huge number keeps every table on one stream, to compare).")
        Long streamRows;

        @Override
        public Integer call() throws Exception {
            if (streamRows != null) System.setProperty("rehearse.seed.streamRows", Long.toString(streamRows));
            String pgbench = findPgbench();
            if (pgbench == null) {
                System.out.println("pgbench not found: install it with `apt-get install postgresql-15` (or any postgresql-client"
                        + " with pgbench); printing rehearse's figures alone.");
            }
            String fill = filler.equals("blank") ? "{ generator: weighted, values: { '': 1 } }"
                    : "{ generator: text, length: { min: 0, max: 84, mean: 20 } }";
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-12s %-28s %9s %12s %10s %10s %12s %8s", "rows", "loader", "seconds", "rows/s",
                    "client cpu", "server cpu", "peak heap", "ratio"));
            List<String> summary = new ArrayList<>();
            try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse(engine))) {
                // Not counted: the JVM's first seed loads and compiles the seeder, which pgbench, a native
                // program, never pays; a rehearsal that seeds several scales pays it once.
                runRehearse(db, 300_000, fill);
                execute(db, "DROP TABLE bench_accounts");
                for (String r : rows) {
                    long n = RowCount.parse(r);
                    long scale = Math.max(1, n / 100_000);
                    List<Double> ratios = new ArrayList<>();
                    List<Double> oneStreamRatios = new ArrayList<>();
                    for (int run = 1; run <= runs; run++) {
                        Result base = null;
                        if (pgbench != null) {
                            // Each loader starts from a fresh checkpoint, so neither pays for the other's WAL.
                            execute(db, "CHECKPOINT");
                            base = runPgbench(pgbench, db, scale);
                            lines.add(line(scale * 100_000, "pgbench -i -s " + scale, base, "-", ""));
                            System.out.println(lines.get(lines.size() - 1));
                            execute(db, "DROP TABLE pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history");
                        }
                        execute(db, "CHECKPOINT");
                        Result x = runRehearse(db, n, fill);
                        // rehearse's rows/s over pgbench's: above 1 is faster than pgbench -i
                        String ratio = "";
                        if (base != null) {
                            double q = (n / x.seconds) / (scale * 100_000 / base.seconds);
                            ratios.add(q);
                            ratio = String.format(Locale.ROOT, "%.2fx", q);
                        }
                        lines.add(line(n, "rehearse (filler " + filler + ")", x,
                                String.format(Locale.ROOT, "%.0f MiB", x.peakHeap / 1048576.0), ratio));
                        execute(db, "DROP TABLE bench_accounts");
                        System.out.println(lines.get(lines.size() - 1));
                        if (oneStream) {
                            // The same load with every table on one COPY stream (COPY FREEZE): what the streams buy.
                            String before = System.getProperty("rehearse.seed.streamRows");
                            System.setProperty("rehearse.seed.streamRows", Long.toString(Long.MAX_VALUE));
                            execute(db, "CHECKPOINT");
                            Result y = runRehearse(db, n, fill);
                            if (before == null) System.clearProperty("rehearse.seed.streamRows");
                            else System.setProperty("rehearse.seed.streamRows", before);
                            String r1 = "";
                            if (base != null) {
                                double q = (n / y.seconds) / (scale * 100_000 / base.seconds);
                                oneStreamRatios.add(q);
                                r1 = String.format(Locale.ROOT, "%.2fx", q);
                            }
                            lines.add(line(n, "rehearse, one stream", y,
                                    String.format(Locale.ROOT, "%.0f MiB", y.peakHeap / 1048576.0), r1));
                            execute(db, "DROP TABLE bench_accounts");
                            System.out.println(lines.get(lines.size() - 1));
                        }
                    }
                    if (!oneStreamRatios.isEmpty()) {
                        List<Double> sorted = oneStreamRatios.stream().sorted().toList();
                        summary.add(String.format(Locale.ROOT, "%,d rows: rehearse on one COPY stream at %.2fx pgbench -i's"
                                + " rows/s (median of %d rounds; min %.2fx, max %.2fx)", n, sorted.get(sorted.size() / 2),
                                sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1)));
                    }
                    if (!ratios.isEmpty()) {
                        List<Double> sorted = ratios.stream().sorted().toList();
                        summary.add(String.format(Locale.ROOT, "%,d rows: rehearse at %.2fx pgbench -i's rows/s (median of %d"
                                + " rounds; min %.2fx, max %.2fx)", n, sorted.get(sorted.size() / 2), sorted.size(),
                                sorted.get(0), sorted.get(sorted.size() - 1)));
                    }
                }
            }
            if (copyFormats) {
                try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse(engine))) {
                    lines.add(copyFormats(db, 1_000_000));
                }
            }
            System.out.println();
            lines.forEach(System.out::println);
            summary.forEach(System.out::println);
            System.out.println("client cpu: pgbench's process, or rehearse's JVM; server cpu: every server process (the"
                    + " backends, walwriter, checkpointer), both in CPU seconds, from /proc");
            System.out.println("peak heap: sum of the heap pools' peaks while rehearse loaded (an upper bound), max heap "
                    + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
            return Main.OK;
        }

        private static String line(long n, String loader, Result x, String heap, String ratio) {
            return String.format(Locale.ROOT, "%,-12d %-28s %9.2f %,12.0f %10s %10s %12s %8s", n, loader, x.seconds,
                    n / x.seconds, cpu(x.clientCpu), cpu(x.serverCpu), heap, ratio);
        }

        private static String cpu(double seconds) {
            return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.2f s", seconds);
        }

        /** Wall seconds; client and server CPU seconds (NaN where /proc cannot tell); the JVM's peak heap (rehearse only). */
        private record Result(double seconds, double clientCpu, double serverCpu, long peakHeap) {}

        /** The same rows as COPY text and as COPY binary, generated before the clock starts; best of three each. */
        private static String copyFormats(Database db, int n) throws Exception {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream b = new java.io.DataOutputStream(bin);
            b.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
            b.writeInt(0);
            b.writeInt(0);
            java.util.SplittableRandom r = new java.util.SplittableRandom(42);
            String[] words = {"alpha", "birch", "cedar", "delta", "ember", "fern", "glade", "harbor"};
            for (int aid = 1; aid <= n; aid++) {
                int bid = 1 + (int) Math.min(9, Math.floor(Math.pow(r.nextDouble(), 3) * 10));
                int abalance = (int) Math.round(r.nextGaussian() * 5000);
                StringBuilder filler = new StringBuilder();
                for (int k = r.nextInt(4); k > 0; k--) filler.append(filler.length() == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
                text.write((aid + "\t" + bid + "\t" + abalance + "\t" + filler + "\n").getBytes(StandardCharsets.UTF_8));
                byte[] f = filler.toString().getBytes(StandardCharsets.UTF_8);
                b.writeShort(4);
                b.writeInt(4);
                b.writeInt(aid);
                b.writeInt(4);
                b.writeInt(bid);
                b.writeInt(4);
                b.writeInt(abalance);
                b.writeInt(f.length);
                b.write(f);
            }
            b.writeShort(-1);
            b.flush();
            byte[] textBytes = text.toByteArray(), binBytes = bin.toByteArray();
            execute(db, "CREATE TABLE copy_format (aid int, bid int, abalance int, filler char(84))");
            double bestText = Double.MAX_VALUE, bestBinary = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                bestText = Math.min(bestText, timeCopy(db, "", textBytes));
                bestBinary = Math.min(bestBinary, timeCopy(db, " (FORMAT binary)", binBytes));
            }
            return String.format(Locale.ROOT, "COPY of %,d pre-generated accounts rows (server side, best of 3): text %.2f s"
                    + " (%,d bytes), binary %.2f s (%,d bytes)", n, bestText, textBytes.length, bestBinary, binBytes.length);
        }

        private static double timeCopy(Database db, String options, byte[] data) throws Exception {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("TRUNCATE copy_format");
                long start = System.nanoTime();
                org.postgresql.copy.CopyIn in = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                        .copyIn("COPY copy_format FROM STDIN WITH (FREEZE" + (options.isEmpty() ? "" : ", FORMAT binary") + ")");
                for (int off = 0; off < data.length; off += 65536) in.writeToCopy(data, off, Math.min(65536, data.length - off));
                in.endCopy();
                c.commit();
                return (System.nanoTime() - start) / 1e9;
            }
        }

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
            double server0 = ServerCpu.of(db), client0 = ProcCpu.self(false);
            long start = System.nanoTime();
            SeedResult r = new Seeder(PostgresEngine.seedEngine())
                    .seed(db, Map.of(), 42, profile, m -> System.err.println("rehearse: " + m));
            double seconds = (System.nanoTime() - start) / 1e9;
            double client = ProcCpu.self(false) - client0, server = ServerCpu.of(db) - server0;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (r.tables().get(0).rows() != n) throw new IllegalStateException("loaded " + r.tables().get(0).rows());
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT correlation FROM pg_stats WHERE tablename = 'bench_accounts'"
                         + " AND attname = 'aid'")) {
                // 1: the keys follow the physical order, as in a table that grew by appends
                if (rs.next()) System.err.printf(Locale.ROOT, "rehearse: correlation of aid with the physical order %.5f%n", rs.getDouble(1));
            }
            return new Result(seconds, client, server, peak);
        }

        /** pgbench -i (its defaults: COPY FREEZE from the client, vacuum, primary keys) over TCP. */
        private static Result runPgbench(String pgbench, Database db, long scale) throws IOException, InterruptedException,
                java.sql.SQLException {
            String url = db.jdbcUrl(); // jdbc:postgresql://127.0.0.1:PORT/postgres
            String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            String port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
            ProcessBuilder pb = new ProcessBuilder(pgbench, "-i", "-s", Long.toString(scale), "-h", host, "-p", port,
                    "-U", db.user(), "postgres").redirectErrorStream(true);
            double server0 = ServerCpu.of(db), client0 = ProcCpu.self(true);
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new RehearsalFailedException("pgbench -i failed: " + out.strip());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The JVM has reaped pgbench, so its CPU time is now in the JVM's children's account.
            double client = ProcCpu.self(true) - client0, server = ServerCpu.of(db) - server0;
            out.lines().filter(l -> l.startsWith("done in")).forEach(l -> System.err.println("pgbench: " + l));
            return new Result(seconds, client, server, 0);
        }

        /**
         * CPU seconds from /proc/PID/stat (utime, stime; with {@code children}, cutime and cstime: the reaped
         * children's), NaN where there is no /proc.
         */
        private static final class ProcCpu {
            private static final double TICK = 100; // USER_HZ, 100 on every Linux ABI

            static double self(boolean children) {
                return of(ProcessHandle.current().pid(), children);
            }

            static double of(long pid, boolean children) {
                long[] f = fields(pid);
                if (f == null) return Double.NaN;
                return (children ? f[15] + f[16] : f[13] + f[14]) / TICK;
            }

            /** The 0-based fields of /proc/PID/stat after the command name, numbered as proc(5) numbers them minus one. */
            static long[] fields(long pid) {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long[] out = new long[rest.length + 2];
                    for (int i = 0; i < rest.length; i++) {
                        try {
                            out[i + 2] = Long.parseLong(rest[i]);
                        } catch (NumberFormatException e) {
                            out[i + 2] = -1; // the state letter
                        }
                    }
                    return out;
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
        }

        /**
         * The whole server's CPU seconds: the postmaster's own and its reaped children's (backends that have
         * exited), plus every live child's (walwriter, checkpointer, backends still connected).
         */
        private static final class ServerCpu {
            static double of(Database db) throws java.sql.SQLException {
                long backend;
                try (Connection c = db.connect(); Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    backend = rs.getLong(1);
                    long[] f = ProcCpu.fields(backend);
                    if (f == null) return Double.NaN;
                    long postmaster = f[3];
                    double total = ProcCpu.of(postmaster, false) + ProcCpu.of(postmaster, true);
                    try (var children = ProcessHandle.of(postmaster).map(ProcessHandle::children)
                            .orElse(java.util.stream.Stream.empty())) {
                        for (ProcessHandle child : children.toList()) {
                            double own = ProcCpu.of(child.pid(), false);
                            if (!Double.isNaN(own)) total += own;
                        }
                    }
                    return total;
                }
            }
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
