package dev.rehearse.seed;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The seed stage: after the baseline schema is in place, fills each requested table to its row
 * count with generated rows through the engine's bulk path, parents before children.
 */
public final class Seeder {

    /** Tables loaded at once: COPY is CPU-bound on both sides, so more than the cores buys nothing. */
    private static final int PARALLEL = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final SeedEngine engine;
    private final SchemaReader reader;
    private final BulkLoader loader;
    private final Consumer<String> status;

    public Seeder(SeedEngine engine) {
        this(engine, null);
    }

    /** @param status receives a transient progress line (rows, rows/s, ETA) while loading, "" at the end; null for none */
    public Seeder(SeedEngine engine, Consumer<String> status) {
        this.engine = engine;
        this.reader = engine.schema();
        this.loader = engine.loader();
        this.status = status;
    }

    /**
     * @param tables rows per table, by {@code name} (in the default schema) or {@code schema.name}
     * @param seed the same seed gives the same rows
     * @param progress one line per step, for the console
     * @throws InvalidInputException naming the table/column/constraint when the request cannot be satisfied
     */
    public SeedResult seed(Database db, Map<String, Scenario.TableData> tables, long seed, Consumer<String> progress) {
        return seed(db, tables, seed, Profile.EMPTY, progress);
    }

    /**
     * As above, shaped by {@code profile}: its row counts (after its scale) unless {@code tables} names
     * the table, and its generators for the columns it names.
     */
    public SeedResult seed(Database db, Map<String, Scenario.TableData> tables, long seed, Profile profile,
                           Consumer<String> progress) {
        try (Connection c = db.connect("rehearse-seed")) {
            c.setAutoCommit(true);
            Map<String, Long> requested = new LinkedHashMap<>();
            profile.rows().forEach(requested::put);
            tables.forEach((name, data) -> {
                String q = engine.qualified(name);
                requested.keySet().removeIf(k -> engine.qualified(k).equalsIgnoreCase(q));
                requested.put(name, data.rows());
            });
            Set<String> qualified = new HashSet<>();
            for (String name : requested.keySet()) qualified.add(engine.qualified(name));
            List<TableModel> models = ImpliedForeignKeys.apply(ProfileForeignKeys.apply(reader.read(c), profile, engine::qualified),
                    qualified, progress);
            List<SeedPlanner.TablePlan> plans =
                    new SeedPlanner(models, seed, progress, new JdbcExisting(c), profile, engine).plan(requested);
            return load(db, c, plans, progress);
        } catch (SQLException e) {
            throw new RehearsalFailedException("seed: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the plans: secondary indexes, keys and foreign keys deferred; tables of one level (whose
     * parents are all loaded) in parallel, each on its own connection; then foreign keys, and a check
     * that the catalog reads as it did before.
     */
    private SeedResult load(Database db, Connection c, List<SeedPlanner.TablePlan> plans, Consumer<String> unsafe)
            throws SQLException {
        Consumer<String> progress = m -> { // tables report from their own threads
            synchronized (this) {
                unsafe.accept(m);
            }
        };
        DeferredBuild deferred = loader.defer(c, plans.stream().map(SeedPlanner.TablePlan::table).toList());
        if (!deferred.describe().isEmpty()) progress.accept("seed: " + deferred.describe());
        boolean done = false;
        Map<TableModel, Counted> counters = new LinkedHashMap<>();
        for (SeedPlanner.TablePlan p : plans) counters.put(p.table(), new Counted(p.rowSource()));
        long total = plans.stream().mapToLong(SeedPlanner.TablePlan::rows).sum();
        progress.accept(String.format("seed: %,d rows in %d tables%s", total, plans.size(), status == null && total > 1_000_000 ? "; the ETA follows in 5 s, from the rate measured" : ""));
        // interactive: a status line four times a second; else a progress line with the ETA after 5 s, then each minute
        Ticker ticker = new Ticker(plans, counters, status != null ? status : progress, status == null);
        Map<TableModel, TableSeed> seeded = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread t = new Thread(r, "rehearse-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            for (List<SeedPlanner.TablePlan> level : levels(plans)) {
                List<Future<?>> tasks = new ArrayList<>();
                for (SeedPlanner.TablePlan plan : level) {
                    tasks.add(pool.submit(() -> {
                        loadOne(db, plan, counters.get(plan.table()), deferred, seeded, progress);
                        return null;
                    }));
                }
                for (Future<?> f : tasks) join(f, pool);
            }
            try {
                deferred.rebuildForeignKeys(c);
            } catch (ConstraintViolation v) {
                TableModel owner = plans.stream().map(SeedPlanner.TablePlan::table)
                        .filter(t -> t.foreignKeys().stream().anyMatch(k -> k.name().equals(v.constraint())))
                        .findFirst().orElse(plans.get(0).table());
                throw new InvalidInputException(violation(owner, v), v);
            }
            deferred.verify(c);
            done = true;
        } finally {
            pool.shutdownNow();
            if (ticker != null) ticker.stop();
            if (!done) deferred.restore(c);
        }
        List<TableSeed> out = new ArrayList<>();
        for (SeedPlanner.TablePlan p : plans) out.add(seeded.get(p.table()));
        return new SeedResult(out);
    }

    private void loadOne(Database db, SeedPlanner.TablePlan plan, Counted rows, DeferredBuild deferred,
                         Map<TableModel, TableSeed> seeded, Consumer<String> progress) {
        long start = System.nanoTime();
        String split = "";
        try (Connection c = db.connect("rehearse-seed")) {
            c.setAutoCommit(true);
            loader.load(db, c, plan.table(), plan.columns(), rows);
            long copied = System.nanoTime();
            deferred.rebuild(db, plan.table());
            long indexed = System.nanoTime();
            loader.finish(c, plan.table());
            split = String.format(" (load %.2f s, indexes %.2f s, statistics %.2f s)", (copied - start) / 1e9,
                    (indexed - copied) / 1e9, (System.nanoTime() - indexed) / 1e9);
        } catch (ConstraintViolation v) {
            throw new InvalidInputException(violation(plan.table(), v), v);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // integrity, from a loader that names no constraint
                throw new InvalidInputException("seed: cannot generate rows for " + plan.table() + ": " + e.getMessage(), e);
            }
            throw new RehearsalFailedException("seed: loading " + plan.table() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RehearsalFailedException("seed: loading " + plan.table() + " failed: " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        seeded.put(plan.table(), new TableSeed(plan.table().qualifiedName(), plan.rows(), seconds));
        progress.accept(String.format("seed: %s: %,d rows in %.2f s, %,.0f rows/s%s",
                plan.table(), plan.rows(), seconds, plan.rows() / Math.max(seconds, 1e-9), split));
    }

    /** Tables by depth: a table's level is one more than its deepest loaded parent's. */
    static List<List<SeedPlanner.TablePlan>> levels(List<SeedPlanner.TablePlan> plans) {
        Map<String, Integer> depth = new HashMap<>();
        Map<String, SeedPlanner.TablePlan> byName = new HashMap<>();
        for (SeedPlanner.TablePlan p : plans) byName.put(p.table().qualifiedName(), p);
        List<List<SeedPlanner.TablePlan>> out = new ArrayList<>();
        for (SeedPlanner.TablePlan p : plans) { // plans come parents first
            int d = 0;
            for (TableModel.ForeignKey fk : p.table().foreignKeys()) {
                String parent = fk.refQualifiedName();
                if (!parent.equals(p.table().qualifiedName()) && depth.containsKey(parent)) d = Math.max(d, depth.get(parent) + 1);
            }
            depth.put(p.table().qualifiedName(), d);
            while (out.size() <= d) out.add(new ArrayList<>());
            out.get(d).add(p);
        }
        return out;
    }

    private static void join(Future<?> f, ExecutorService pool) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("seed: interrupted", e);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new RehearsalFailedException("seed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Counts rows as they stream, for the progress line; added up every 4096 rows so the hot loop stays cheap. */
    private static final class Counted implements RowSource {
        private final RowSource in;
        private final java.util.concurrent.atomic.AtomicLong total;
        private long n;

        Counted(RowSource in) {
            this(in, new java.util.concurrent.atomic.AtomicLong());
        }

        private Counted(RowSource in, java.util.concurrent.atomic.AtomicLong total) {
            this.in = in;
            this.total = total;
        }

        long seen() {
            return total.get();
        }

        @Override
        public boolean next(String[] values) {
            if (!in.next(values)) {
                total.addAndGet(n & 4095);
                n = 0;
                return false;
            }
            if ((++n & 4095) == 0) total.addAndGet(4096);
            return true;
        }

        @Override
        public boolean next(String[] values, Values out) {
            if (!in.next(values, out)) {
                total.addAndGet(n & 4095);
                n = 0;
                return false;
            }
            if ((++n & 4095) == 0) total.addAndGet(4096);
            return true;
        }

        @Override
        public long rows() {
            return in.rows();
        }

        @Override
        public RowSource slice(long from, long to) {
            return new Counted(in.slice(from, to), total);
        }
    }

    /** The interactive progress line: rows done, rows/s, ETA, refreshed four times a second. */
    private static final class Ticker {
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final Consumer<String> status;

        private final boolean lines;

        Ticker(List<SeedPlanner.TablePlan> plans, Map<TableModel, Counted> counters, Consumer<String> status,
               boolean lines) {
            this.status = status;
            this.lines = lines;
            long total = plans.stream().mapToLong(SeedPlanner.TablePlan::rows).sum();
            long start = System.nanoTime();
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rehearse-seed-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> {
                long done = counters.values().stream().mapToLong(Counted::seen).sum();
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = done / Math.max(seconds, 1e-3);
                if (lines) {
                    if (done >= total || rate <= 0) return;
                    status.accept(String.format("seed: %,d / %,d rows after %.0f s, %,.0f rows/s: ETA %s", done, total,
                            seconds, rate, eta((total - done) / rate)));
                    return;
                }
                int width = 30;
                int filled = total == 0 ? width : (int) (width * done / total);
                String eta = rate <= 0 || done >= total ? "--" : String.format("%.0f s", (total - done) / rate);
                status.accept(String.format("seed [%s%s] %,d / %,d rows  %,.0f rows/s  ETA %s", "#".repeat(filled),
                        ".".repeat(width - filled), done, total, rate, eta));
            }, lines ? 5_000 : 250, lines ? 60_000 : 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private static String eta(double seconds) {
            if (seconds < 120) return String.format("%.0f s", seconds);
            if (seconds < 7200) return String.format("%.0f min", seconds / 60);
            return String.format("%.1f h", seconds / 3600);
        }

        void stop() {
            timer.shutdownNow();
            if (!lines) status.accept("");
        }
    }

    /** One line naming the table, the constraint and its definition. */
    static String violation(TableModel t, ConstraintViolation v) {
        String name = v.constraint();
        String what = null;
        if (name == null) {
            what = "not-null constraint" + (v.column() == null ? "" : " on column " + v.column());
        } else {
            for (TableModel.Check k : t.checks()) {
                if (k.name().equals(name)) what = "check constraint " + name + ": " + display(k.definition());
            }
            for (ColumnModel c : t.columns()) {
                for (TableModel.Check k : c.domainChecks()) {
                    if (k.name().equals(name)) {
                        what = "check constraint " + name + " of the domain of column " + c.name() + ": " + display(k.definition());
                    }
                }
            }
            for (TableModel.UniqueKey k : t.uniqueKeys()) {
                if (k.name().equals(name)) {
                    what = (k.primary() ? "primary key " : "unique constraint ") + name + ": "
                            + (k.primary() ? "PRIMARY KEY (" : "UNIQUE (") + String.join(", ", k.columns()) + ")";
                }
            }
            for (TableModel.ForeignKey k : t.foreignKeys()) {
                if (k.name().equals(name)) what = "foreign key constraint " + name + ": " + k.definition();
            }
            if (what == null) what = "constraint " + name + " (" + v.getMessage() + ")";
        }
        return "seed: cannot generate rows for " + t + " satisfying " + what;
    }

    /** A constraint definition without the engine's redundant outer parentheses: {@code CHECK (x > 0)}. */
    static String display(String definition) {
        String d = definition.strip();
        String suffix = "";
        if (d.endsWith(" NOT VALID")) {
            suffix = " NOT VALID";
            d = d.substring(0, d.length() - suffix.length());
        }
        if (d.startsWith("CHECK ((") && d.endsWith("))") && closing(d, 7) == d.length() - 2) {
            d = "CHECK " + d.substring(7, d.length() - 1);
        }
        return d + suffix;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /** Plain SQL any engine answers; identifiers quoted the way the driver says. */
    private static final class JdbcExisting implements SeedPlanner.Existing {
        private final Connection c;
        private final String quote;

        JdbcExisting(Connection c) throws SQLException {
            this.c = c;
            DatabaseMetaData md = c.getMetaData();
            this.quote = md.getIdentifierQuoteString().strip();
        }

        private String q(String identifier) {
            return quote + identifier.replace(quote, quote + quote) + quote;
        }

        private String from(TableModel t) {
            return q(t.schema()) + "." + q(t.name());
        }

        @Override
        public boolean hasRows(TableModel t) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + from(t) + " LIMIT 1")) {
                return rs.next();
            } catch (SQLException e) {
                throw new RehearsalFailedException("seed: cannot read " + t + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<String[]> keys(TableModel t, List<String> columns, int limit) {
            String cols = columns.stream().map(this::q).collect(Collectors.joining(", "));
            String sql = "SELECT " + cols + " FROM " + from(t) + " WHERE "
                    + columns.stream().map(col -> q(col) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                    + " ORDER BY " + cols + " LIMIT " + limit;
            List<String[]> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    String[] key = new String[columns.size()];
                    for (int i = 0; i < key.length; i++) key[i] = rs.getString(i + 1);
                    out.add(key);
                }
                return out;
            } catch (SQLException e) {
                throw new RehearsalFailedException("seed: cannot read keys of " + t + ": " + e.getMessage(), e);
            }
        }
    }
}
