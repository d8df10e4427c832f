package dev.rehearse;

import dev.rehearse.analyze.Scaling;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.EstimateReport;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.observe.MachinePace;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.SeedResult;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code rehearse estimate}: the scenario rehearsed at several row counts on one provisioned server, each scale (and
 * each repeat) on a fresh database, through the same phases as {@code run} ({@link Rehearsal.Server}); each
 * statement's cost fitted against its table's rows ({@link Scaling}) and predicted at the target with an interval
 * that the repeats' spread and the machine's measured pace ({@link MachinePace}) widen.
 */
public final class Estimation {

    /**
     * What the user asked for.
     *
     * @param scales the reference (largest) table's row count at each scale, ascending
     * @param targets {@code --target} row counts by table name; empty: the scenario's {@code production_rows}, else the
     *                profile's captured counts
     * @param scratch where the I/O probe writes its file
     */
    public record Settings(List<Long> scales, int repeat, Map<String, Long> targets, List<Calibrate> calibrate,
                           Path scratch) {
        public Settings {
            scales = List.copyOf(scales);
            targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
            calibrate = List.copyOf(calibrate);
        }
    }

    /** {@code --calibrate STATEMENT=SECONDS@ROWS}: the team measured {@code seconds} at {@code rows} in production. */
    public record Calibrate(String statement, double seconds, long rows) {}

    /**
     * @param estimate estimate.json's model
     * @param reports every rehearsal's report, in the order run, beside {@code estimate.runs()}
     * @param runbook the largest scale's report with each statement's production estimate taken from the fit: what
     *                the runbook reads
     */
    public record Result(EstimateReport estimate, List<Report> reports, Report runbook) {}

    /** A mean share of the cores below this: the machine was busy, and the run says so. */
    static final double BUSY_SHARE = 0.8;

    private final Scenario scenario;
    private final Settings settings;
    private final Consumer<String> progress;
    private final Rehearsal rehearsal;

    public Estimation(Scenario scenario, Settings settings, Consumer<String> progress, Rehearsal rehearsal) {
        this.scenario = scenario;
        this.settings = settings;
        this.progress = progress;
        this.rehearsal = rehearsal;
    }

    /** One rehearsal of the run, at one scale and repeat. */
    /** @param home the schema (MySQL: the fresh database) the run's unqualified names meant */
    private record Run(long scale, int repeat, Report report, EngineRuntime.Resources resources, double cpuShare,
                       String home) {

        /** A seeded table as the targets and the engine's lock reports name it: unqualified in the run's own schema. */
        String name(Dialect dialect, String seeded) {
            return display(dialect, home, seeded);
        }
    }

    private static String display(Dialect dialect, String home, String seeded) {
        String n = dialect.displayName(seeded);
        return home != null && n.startsWith(home + ".") ? n.substring(home.length() + 1) : n;
    }

    public Result run() {
        long wallStart = System.nanoTime();
        String startedAt = Instant.now().toString();
        Rehearsal.Inputs in = rehearsal.read();
        Dialect dialect = Engines.dialect(scenario.engine());
        Map<String, Long> baseRows = baseRows(in.profile(), dialect);
        if (baseRows.isEmpty()) {
            throw new InvalidInputException(where() + "estimate needs seeded tables: give data.tables (or a profile with"
                    + " row counts) in the scenario");
        }
        String reference = baseRows.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        List<EstimateReport.Target> targets = targets(in.profile(), dialect, baseRows.keySet());
        checkCalibrations(in.migrations());
        MachinePace pace = new MachinePace(settings.scratch());
        List<Run> runs = new ArrayList<>();
        String engineVersion;
        Provider provider;
        progress.accept("estimate: " + settings.scales().size() + " scales of " + reference + " ("
                + String.join(", ", settings.scales().stream().map(Quantities::number).toList()) + ") × "
                + settings.repeat() + (settings.repeat() == 1 ? " run" : " runs") + ", on one server, each on a fresh database");
        try (Rehearsal.Server server = rehearsal.provision(in)) {
            engineVersion = server.db().serverVersion();
            provider = server.db().provider();
            MachinePace.Sample before = pace.probe("before the first scale");
            say(before);
            // repeats interleaved with the scales, so that a change in the machine's pace spreads over every scale
            // instead of bending the fit
            for (int r = 1; r <= settings.repeat(); r++) {
                for (long scale : settings.scales()) {
                    String label = Quantities.number(scale) + " #" + r;
                    // every scale on a database of its own, the first too: the same start for each, and an engine
                    // that cannot give one fails here, before anything was seeded
                    server.freshDatabase();
                    rehearsal.restartClock();
                    progress.accept("estimate: " + label + " (" + Quantities.number(scale) + " rows of " + reference + ")");
                    server.applySchema();
                    SeedResult seed = server.seed((double) scale / baseRows.get(reference));
                    String home = in.engine().seeding(server.db()).defaultSchema();
                    EngineRuntime.Resources resources = resources(in.engine(), server, seed, dialect, home);
                    Rehearsal.Recording recording = server.rehearse(seed);
                    Rehearsal.Result result = rehearsal.analyze(recording);
                    if (result.syntaxError() != null) throw new InvalidInputException(result.syntaxError());
                    MachinePace.Sample after = pace.probe("after " + label);
                    say(after);
                    runs.add(new Run(scale, r, result.report(), resources, (before.cpuShare() + after.cpuShare()) / 2, home));
                    before = after;
                }
            }
        }
        Report template = largest(runs).report();
        EstimateReport.Machine machine = machine(pace);
        EstimateReport.Assumptions assumptions = assumptions(runs, targets, provider, dialect);
        List<String> warnings = new ArrayList<>();
        if (machine.busy()) warnings.add(machine.summary());
        List<StatementWork> work = new ArrayList<>();
        for (Report.StatementReport s : template.statements()) work.add(fit(s, runs, targets, dialect, machine));
        List<EstimateReport.Calibration> calibrations = calibrations(work, template);
        double factor = calibrations.isEmpty() ? 1 : Math.exp(calibrations.stream()
                .mapToDouble(c -> Math.log(c.factor())).average().orElse(0));
        List<EstimateReport.Statement> statements = new ArrayList<>();
        for (StatementWork w : work) statements.add(w.render(factor, assumptions, scenario.thresholds()));
        if (!calibrations.isEmpty()) {
            assumptions = withHardware(assumptions, String.format(Locale.ROOT, "the team's machine: every duration here"
                    + " is this machine's × %.3g, from %d production data point%s (--calibrate); assumes every"
                    + " statement's cost differs between the machines by that one factor", factor, calibrations.size(),
                    calibrations.size() == 1 ? "" : "s"));
        }
        for (EstimateReport.TableMemory t : assumptions.tables()) {
            String w = memoryWarning(t, assumptions);
            if (w != null) warnings.add(w);
        }
        EstimateReport report = new EstimateReport(new Report.Tool("rehearse", Version.get()),
                new Report.Engine(scenario.engine().kind().id(), engineVersion, provider.id()),
                scenario.source() == null ? null : scenario.source().toString(), startedAt,
                Math.round((System.nanoTime() - wallStart) / 1e7) / 100.0, settings.scales(), settings.repeat(),
                reference, targets, machine, assumptions, calibrations, statements, warnings,
                new EstimateReport.LockThresholds(scenario.thresholds().lockHoldFlagMs(),
                        scenario.thresholds().lockHoldBlockMs()),
                runs.stream().map(r -> new EstimateReport.Run(r.scale(), r.repeat(), runDir(r.scale(), r.repeat())
                        + "/report.json", seedSeconds(r.report()))).toList());
        return new Result(report, runs.stream().map(Run::report).toList(), runbook(template, statements));
    }

    /** Where a rehearsal's report goes under the output directory. */
    public static String runDir(long scale, int repeat) {
        return "scales/" + scale + "-" + repeat;
    }

    private static double seedSeconds(Report r) {
        return r.seed() == null ? 0 : Math.round(r.seed().tables().stream().mapToDouble(Report.SeedTable::seconds).sum() * 100) / 100.0;
    }

    private void say(MachinePace.Sample s) {
        progress.accept(String.format(Locale.ROOT, "estimate: machine pace %s: %.0f %% of %d cores ours%s%s", s.label(),
                s.cpuShare() * 100, Runtime.getRuntime().availableProcessors(),
                s.ioMBps() == null ? "" : String.format(Locale.ROOT, ", writes %.0f MB/s", s.ioMBps()),
                s.loadAverage() == null ? "" : String.format(Locale.ROOT, ", load average %.1f", s.loadAverage())));
    }

    private String where() {
        return scenario.source() == null ? "" : scenario.source() + ": ";
    }

    /** Rows per table at scale 1: the scenario's counts, the profile's where the scenario names none. */
    private Map<String, Long> baseRows(Profile profile, Dialect dialect) {
        Map<String, Long> out = new LinkedHashMap<>();
        profile.rows().forEach((t, n) -> out.put(dialect.displayName(t), n));
        scenario.data().tables().forEach((t, d) -> out.put(dialect.displayName(t), d.rows()));
        out.values().removeIf(n -> n <= 0);
        return out;
    }

    /** The targets: {@code --target}, else each table's {@code production_rows}, else the profile's captured counts. */
    private List<EstimateReport.Target> targets(Profile profile, Dialect dialect, Set<String> tables) {
        List<EstimateReport.Target> out = new ArrayList<>();
        if (!settings.targets().isEmpty()) {
            settings.targets().forEach((t, n) -> {
                String name = dialect.displayName(t);
                if (!tables.contains(name)) {
                    throw new InvalidInputException("--target " + t + ": no such seeded table; expected one of "
                            + String.join(", ", tables));
                }
                out.add(new EstimateReport.Target(name, n, "--target"));
            });
            return out;
        }
        scenario.data().tables().forEach((t, d) -> {
            if (d.productionRows() != null) out.add(new EstimateReport.Target(dialect.displayName(t), d.productionRows(),
                    "production_rows"));
        });
        if (out.isEmpty()) {
            // a captured profile's counts are production's (its scale shrinks them for the rehearsal)
            profile.tables().forEach((t, spec) -> {
                if (spec.rows() != null && spec.rows() > 0) {
                    out.add(new EstimateReport.Target(dialect.displayName(t), spec.rows(), "profile"));
                }
            });
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(where() + "estimate needs a target row count: --target TABLE=ROWS,"
                    + " production_rows in the scenario's data.tables, or a captured profile");
        }
        return out;
    }

    private void checkCalibrations(List<Migration> migrations) {
        long statements = migrations.stream().flatMap(m -> m.statements().stream())
                .filter(s -> s.kind() != SqlStatement.Kind.TRANSACTION_CONTROL).count();
        for (Calibrate c : settings.calibrate()) {
            if (c.statement().matches("\\d+")) {
                long i = Long.parseLong(c.statement());
                if (i < 1 || i > statements) {
                    throw new InvalidInputException("--calibrate " + c.statement() + "=...: no statement " + i
                            + "; the migrations have statements 1 to " + statements);
                }
            } else if (migrations.stream().noneMatch(m -> m.name().equals(c.statement()))) {
                throw new InvalidInputException("--calibrate " + c.statement() + "=...: no migration of that name;"
                        + " expected a statement index or one of " + String.join(", ",
                        migrations.stream().map(Migration::name).toList()));
            }
        }
    }

    /** The seeded tables' sizes and the server's memory settings, right after the seed (before the migrations). */
    private EngineRuntime.Resources resources(EngineRuntime engine, Rehearsal.Server server, SeedResult seed,
                                              Dialect dialect, String home) {
        try (Connection c = server.db().connect("rehearse-estimate")) {
            return engine.resources(c, seed.tables().stream().map(t -> display(dialect, home, t.table())).toList())
                    .orElse(null);
        } catch (SQLException e) {
            progress.accept("estimate: cannot read the server's memory settings and table sizes: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private static Run largest(List<Run> runs) {
        return runs.stream().max(Comparator.comparingLong(Run::scale).thenComparingInt(Run::repeat)).orElseThrow();
    }

    private static EstimateReport.Machine machine(MachinePace pace) {
        List<MachinePace.Sample> samples = pace.samples();
        List<EstimateReport.PaceSample> out = samples.stream().map(s -> new EstimateReport.PaceSample(s.label(), s.atMs(),
                s.cpuShare(), s.cpuMs(), s.ioMBps(), s.loadAverage())).toList();
        double min = samples.stream().mapToDouble(MachinePace.Sample::cpuShare).min().orElse(1);
        double max = samples.stream().mapToDouble(MachinePace.Sample::cpuShare).max().orElse(1);
        double mean = samples.stream().mapToDouble(MachinePace.Sample::cpuShare).average().orElse(1);
        double factor = min <= 0 ? 1 : max / min;
        Double ioMin = samples.stream().map(MachinePace.Sample::ioMBps).filter(java.util.Objects::nonNull)
                .min(Double::compare).orElse(null);
        Double ioMax = samples.stream().map(MachinePace.Sample::ioMBps).filter(java.util.Objects::nonNull)
                .max(Double::compare).orElse(null);
        boolean busy = mean < BUSY_SHARE;
        String summary = busy
                ? String.format(Locale.ROOT, "the machine was busy: other processes took %.0f %% of its %d cores on average"
                + " (the pace probe got %.0f–%.0f %%); durations here are up to %.1f× what a quiet machine would take,"
                + " and every interval is widened ×%.2f for the pace's variation", (1 - mean) * 100, pace.cores(),
                min * 100, max * 100, 1 / min, factor)
                : String.format(Locale.ROOT, "the machine was quiet: the pace probe got %.0f–%.0f %% of its %d cores;"
                + " intervals widened ×%.2f for the pace's variation", min * 100, max * 100, pace.cores(), factor);
        return new EstimateReport.Machine(pace.cores(), ramBytes(), out, min, round(mean, 3), max, round(factor, 3),
                ioMin, ioMax, busy, summary);
    }

    /** This machine's memory, where the JVM can tell. */
    private static Long ramBytes() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return null;
    }

    private EstimateReport.Assumptions assumptions(List<Run> runs, List<EstimateReport.Target> targets,
                                                   Provider provider, Dialect dialect) {
        Run top = largest(runs);
        EngineRuntime.Resources res = top.resources();
        Long ram = provider == Provider.EXTERNAL ? null : ramBytes();
        Long cache = res == null ? null : res.cacheBytes();
        List<EstimateReport.TableMemory> tables = new ArrayList<>();
        for (Report.SeedTable t : top.report().seed().tables()) {
            String name = top.name(dialect, t.name());
            Long bytes = res == null ? null : res.tableBytes().get(name);
            Long target = targets.stream().filter(x -> x.table().equals(name)).map(EstimateReport.Target::rows)
                    .findFirst().orElse(null);
            Long targetBytes = bytes == null || target == null || t.rows() == 0 ? null
                    : Math.round((double) bytes / t.rows() * target);
            tables.add(new EstimateReport.TableMemory(name, t.rows(), bytes, target, targetBytes,
                    fits(bytes, cache), fits(targetBytes, cache), fits(bytes, ram), fits(targetBytes, ram)));
        }
        List<String> notes = new ArrayList<>();
        notes.add("same hardware class: the figures are this machine's (its cores, disk and memory); another machine"
                + " differs by a factor --calibrate can measure");
        notes.add("same server settings at the target as in the rehearsal: those under settings (a different"
                + " maintenance_work_mem or parallel maintenance workers changes index builds and rewrites)");
        notes.add("the cost follows the model chosen per statement beyond the largest scale rehearsed; a table that"
                + " outgrows the cache or memory reads from disk and runs slower per row than the fit says");
        notes.add("the data's shape as seeded (row width, value distribution, nulls) is production's");
        notes.add(scenario.load().enabled() ? "the workload rehearsed is production's at the target; waits for its locks"
                + " are left out of the fitted work" : "no workload ran (--no-load): contention is not in the figures");
        return new EstimateReport.Assumptions("this machine (" + Runtime.getRuntime().availableProcessors() + " cores"
                + (ram == null ? "" : ", " + Quantities.bytes(ram) + " of memory") + ")",
                res == null ? null : res.cacheSetting(), cache, ram, res == null ? Map.of() : res.settings(), tables, notes,
                res == null ? null : res.sortSetting(), res == null ? null : res.sortBytes());
    }

    private static EstimateReport.Assumptions withHardware(EstimateReport.Assumptions a, String hardware) {
        return new EstimateReport.Assumptions(hardware, a.cacheSetting(), a.cacheBytes(), a.ramBytes(), a.settings(),
                a.tables(), a.notes(), a.sortSetting(), a.sortBytes());
    }

    private static Boolean fits(Long bytes, Long memory) {
        return bytes == null || memory == null ? null : bytes <= memory;
    }

    /** The warning the issue asks for: the rehearsal's table fit in memory, the target's would not. */
    static String memoryWarning(EstimateReport.TableMemory t, EstimateReport.Assumptions a) {
        if (t.targetBytes() == null) return null;
        if (Boolean.TRUE.equals(t.rehearsedFitsRam()) && Boolean.FALSE.equals(t.targetFitsRam())) {
            return t.table() + " at " + Quantities.number(t.targetRows()) + " rows (about " + Quantities.bytes(t.targetBytes())
                    + ") would not fit in this machine's memory (" + Quantities.bytes(a.ramBytes()) + ") while the"
                    + " rehearsal's (" + Quantities.bytes(t.rehearsedBytes()) + ") did: its statements would read from"
                    + " disk, slower per row than the fit says";
        }
        if (Boolean.TRUE.equals(t.rehearsedFitsCache()) && Boolean.FALSE.equals(t.targetFitsCache())) {
            // the interval cannot know the slower regime; a scale past the cache would measure it
            long past = t.rehearsedBytes() == null || t.rehearsedBytes() == 0 ? 0
                    : (long) Math.ceil(2.0 * a.cacheBytes() / t.rehearsedBytes() * t.rehearsedRows());
            return t.table() + " at " + Quantities.number(t.targetRows()) + " rows (about " + Quantities.bytes(t.targetBytes())
                    + ") would not fit in " + a.cacheSetting() + " (" + Quantities.bytes(a.cacheBytes()) + ") while the"
                    + " rehearsal's (" + Quantities.bytes(t.rehearsedBytes()) + ") did: its statements would go through"
                    + " the operating system's cache or the disk, slower per row than the fit says"
                    + (past > 0 && past < t.targetRows() ? "; a largest scale of about " + Quantities.number(past)
                    + " rows would measure that" : "");
        }
        return null;
    }

    /**
     * An index build (a rewrite rebuilds its indexes too) whose sort fit in {@code maintenance_work_mem} in the
     * rehearsal and would spill to disk at the target, the table's size standing in for the sort's.
     */
    static String sortWarning(EstimateReport.TableMemory t, EstimateReport.Assumptions a, String operation) {
        if (a.sortBytes() == null || t.rehearsedBytes() == null || t.targetBytes() == null) return null;
        if (!operation.equals("index build") && !operation.equals("rewrite")) return null;
        if (t.rehearsedBytes() > a.sortBytes() || t.targetBytes() <= a.sortBytes()) return null;
        return "its sort fit in " + a.sortSetting() + " (" + Quantities.bytes(a.sortBytes()) + ") at the rehearsal's "
                + Quantities.bytes(t.rehearsedBytes()) + " of " + t.table() + " and would spill to disk at the target's "
                + Quantities.bytes(t.targetBytes()) + ": slower per row than the fit says";
    }

    private static final Pattern INDEX_BUILD = Pattern.compile(
            "(?is)^\\s*(CREATE\\s+(UNIQUE\\s+)?INDEX|REINDEX|CLUSTER)\\b.*|.*\\bADD\\s+(CONSTRAINT\\s+\\S+\\s+)?(PRIMARY\\s+KEY|UNIQUE)\\b.*");

    /** What a statement did to its table, from what was measured (and the statement's verb for an index build). */
    static String operation(Report.StatementReport s) {
        if (!list(s.rewrote()).isEmpty()) return "rewrite";
        if (INDEX_BUILD.matcher(s.sql()).matches() || !list(s.indexesRebuilt()).isEmpty()) return "index build";
        if (!list(s.scanned()).isEmpty()) return "scan";
        if (s.rowsAffected() != null && s.rowsAffected() > 0) return "rows written";
        return "catalog-only";
    }

    /**
     * The model a statement's operation grows by. An index build is n, not n log n: measured on PostgreSQL 16 (the
     * estimate validation benchmark, 100k–1M fitted, 10M measured, three quiet runs) its work grew 10.2× per 10× rows,
     * and n log n, which assumes the whole cost is the sort's comparisons, over-predicted by 7–15 % where n was within
     * 6 %; a sort that bends clearly over the scales still wins as n log n by fit.
     */
    static Scaling.Model expected(String operation) {
        return switch (operation) {
            case "catalog-only" -> Scaling.Model.CONSTANT;
            default -> Scaling.Model.LINEAR;
        };
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** The table a statement's cost follows: the one it rewrote or scanned, else the one it locked. */
    private static String tableOf(Report.StatementReport s, Set<String> seeded, String fallback) {
        if (s.estimate() != null && seeded.contains(s.estimate().table())) return s.estimate().table();
        for (String t : list(s.rewrote())) if (seeded.contains(t)) return t;
        for (String t : list(s.scanned())) if (seeded.contains(t)) return t;
        Report.Lock strongest = null;
        for (Report.Lock l : list(s.locks())) {
            if (!seeded.contains(l.relation())) continue;
            if (strongest == null || rank(l) > rank(strongest)) strongest = l;
        }
        return strongest != null ? strongest.relation() : fallback;
    }

    private static int rank(Report.Lock l) {
        return switch (String.valueOf(l.blocks())) {
            case "reads_writes" -> 2;
            case "writes" -> 1;
            default -> 0;
        };
    }

    /** The longest hold of a lock that blocks reads or writes; the duration when such a lock was implied. */
    static Long lockHold(Report.StatementReport s) {
        Long out = null;
        for (Report.Lock l : list(s.locks())) {
            if (l.blocks() == null || "none".equals(l.blocks())) continue;
            long held = l.heldMs() != null ? l.heldMs() : s.durationMs();
            out = out == null ? held : Math.max(out, held);
        }
        return out;
    }

    /** A statement's fits before calibration: enough to render it once the calibration factor is known. */
    private final class StatementWork {
        final Report.StatementReport template;
        final String table, operation, error;
        final List<EstimateReport.Point> points;
        final Scaling.Fit duration, wal;
        /** The median time a blocking lock outlived the statement's work (the rest of its transaction); null: none. */
        final Long holdBeyond;
        final List<EstimateReport.Target> targets;
        final List<EstimateReport.Spread> spread;
        final double paceFactor;

        StatementWork(Report.StatementReport template, String table, String operation, String error,
                      List<EstimateReport.Point> points, Scaling.Fit duration, Long holdBeyond, Scaling.Fit wal,
                      List<EstimateReport.Target> targets, List<EstimateReport.Spread> spread, double paceFactor) {
            this.template = template;
            this.table = table;
            this.operation = operation;
            this.error = error;
            this.points = points;
            this.duration = duration;
            this.holdBeyond = holdBeyond;
            this.wal = wal;
            this.targets = targets;
            this.spread = spread;
            this.paceFactor = paceFactor;
        }

        /** The repeats' relative spread at the largest scale: the interval is at least this wide. */
        double topSpread() {
            return spread.isEmpty() ? 0 : spread.get(spread.size() - 1).relative();
        }

        /** The duration at {@code rows} on this machine, with its widened interval: [value, low, high]. */
        double[] durationAt(double rows) {
            Scaling.Prediction p = Scaling.predict(duration, rows);
            return widen(p);
        }

        double[] widen(Scaling.Prediction p) {
            double s = topSpread();
            double low = p.low() == null ? Double.NaN : Math.min(p.low(), p.value() / (1 + s)) / paceFactor;
            double high = p.high() == null ? Double.NaN : Math.max(p.high(), p.value() * (1 + s)) * paceFactor;
            return new double[]{p.value(), low, high};
        }

        EstimateReport.Statement render(double factor, EstimateReport.Assumptions assumptions, Scenario.Thresholds th) {
            List<EstimateReport.Prediction> predictions = new ArrayList<>();
            if (duration != null) {
                for (EstimateReport.Target t : targets) {
                    double[] d = durationAt(t.rows());
                    Long holdMs = null, holdHigh = null;
                    if (holdBeyond != null) {
                        // the statement's own time grows with the table; what the lock outlived it by does not
                        holdMs = Math.round(d[0] * factor + holdBeyond);
                        holdHigh = Double.isNaN(d[2]) ? null : Math.round(d[2] * factor + holdBeyond);
                    }
                    Long walBytes = wal == null ? null : Math.round(Scaling.predict(wal, t.rows()).value());
                    predictions.add(new EstimateReport.Prediction(t.table(), t.rows(), Math.round(d[0] * factor),
                            Double.isNaN(d[1]) ? null : Math.round(d[1] * factor),
                            Double.isNaN(d[2]) ? null : Math.round(d[2] * factor), holdMs, holdHigh, walBytes,
                            status(holdMs, holdHigh, th), warnings(t, assumptions)));
                }
            }
            Scaling.Candidate c = duration == null ? null : duration.chosen();
            return new EstimateReport.Statement(template.index(), template.migration(), template.sql(), table, operation,
                    c == null ? null : c.model().id(), duration == null ? null : duration.reason(),
                    new EstimateReport.Fit(c == null ? null : round(c.r2()), c == null ? null : round(c.rmse(), 2),
                            duration == null ? List.of() : duration.candidates().stream().map(x -> new EstimateReport.Candidate(
                                    x.model().id(), round(x.r2()), round(x.rmse(), 2),
                                    x.slopePValue() == null ? null : round(x.slopePValue(), 6))).toList(), points),
                    spread, predictions, error);
        }

        private List<String> warnings(EstimateReport.Target t, EstimateReport.Assumptions a) {
            List<String> out = new ArrayList<>();
            long top = points.stream().mapToLong(EstimateReport.Point::rows).max().orElse(0);
            if (top > 0 && t.rows() > 100L * top && duration.model() != Scaling.Model.CONSTANT) {
                out.add(String.format(Locale.ROOT, "extrapolated %.0f× beyond the largest scale rehearsed", (double) t.rows() / top));
            }
            Scaling.Candidate c = duration.chosen();
            if (c.model() != Scaling.Model.CONSTANT && c.r2() != null && c.r2() < 0.8) {
                out.add(String.format(Locale.ROOT, "a poor fit (R² %.2f): the scales are too close or too noisy", c.r2()));
            }
            if (Scaling.distinctRows(duration.points()) < 3 || duration.points().size() < 3) {
                out.add("too few points for an interval: give at least three scales, or --repeat");
            }
            if (c.model() == Scaling.Model.CONSTANT) return out; // it reads no rows: memory does not come into it
            EstimateReport.TableMemory m = a.tables().stream().filter(x -> x.table().equals(t.table())).findFirst()
                    .orElse(null);
            if (m == null) return out;
            String memory = memoryWarning(m, a);
            if (memory != null) out.add(memory);
            String sort = sortWarning(m, a, operation);
            if (sort != null) out.add(sort);
            return out;
        }
    }

    private static String status(Long hold, Long high, Scenario.Thresholds th) {
        if (hold == null) return "PASS";
        if (hold >= th.lockHoldBlockMs()) return "BLOCK";
        if (hold >= th.lockHoldFlagMs() || (high != null && high >= th.lockHoldBlockMs())) return "FLAG";
        return "PASS";
    }

    private StatementWork fit(Report.StatementReport template, List<Run> runs, List<EstimateReport.Target> allTargets,
                              Dialect dialect, EstimateReport.Machine machine) {
        Run top = largest(runs);
        Set<String> seeded = new java.util.LinkedHashSet<>();
        for (Report.SeedTable t : top.report().seed().tables()) seeded.add(top.name(dialect, t.name()));
        String reference = top.report().seed().tables().stream().max(Comparator.comparingLong(Report.SeedTable::rows))
                .map(t -> top.name(dialect, t.name())).orElse(null);
        String table = tableOf(template, seeded, reference);
        String operation = operation(template);
        List<EstimateReport.Point> points = new ArrayList<>();
        String error = null;
        for (Run r : runs) {
            Report.StatementReport s = r.report().statements().stream().filter(x -> x.index() == template.index())
                    .findFirst().orElse(null);
            if (s == null) continue;
            if (s.error() != null) {
                if (error == null) error = "at " + Quantities.number(r.scale()) + " #" + r.repeat() + ": " + s.error().strip();
                continue;
            }
            long rows = r.report().seed().tables().stream().filter(t -> r.name(dialect, t.name()).equals(table))
                    .mapToLong(Report.SeedTable::rows).findFirst().orElse(r.scale());
            long work = Math.max(0, s.durationMs() - (s.lockWaitMs() == null ? 0 : s.lockWaitMs()));
            points.add(new EstimateReport.Point(rows, r.repeat(), s.durationMs(), s.lockWaitMs(), work, lockHold(s),
                    s.walBytes(), round(r.cpuShare(), 3)));
        }
        List<EstimateReport.Target> targets = allTargets.stream().filter(t -> t.table().equals(table)).toList();
        if (points.isEmpty()) {
            return new StatementWork(template, table, operation, error, points, null, null, null, targets, List.of(),
                    machine.paceFactor());
        }
        Scaling.Fit duration = Scaling.choose(expected(operation), operation.equals("index build")
                ? "index build, mostly its heap scan and index write" : operation, points.stream()
                .map(p -> new Scaling.Point(p.rows(), p.workMs())).toList());
        List<Long> beyond = points.stream().filter(p -> p.lockHoldMs() != null)
                .map(p -> Math.max(0, p.lockHoldMs() - p.workMs())).sorted().toList();
        Long hold = beyond.isEmpty() ? null : beyond.get(beyond.size() / 2);
        List<Scaling.Point> wals = points.stream().filter(p -> p.walBytes() != null)
                .map(p -> new Scaling.Point(p.rows(), p.walBytes())).toList();
        Scaling.Fit wal = wals.isEmpty() ? null : Scaling.refit(duration.model(), wals, "as the duration");
        return new StatementWork(template, table, operation, error, points, duration, hold, wal, targets,
                spread(points), machine.paceFactor());
    }

    private static List<EstimateReport.Spread> spread(List<EstimateReport.Point> points) {
        Map<Long, List<Long>> byRows = new java.util.TreeMap<>();
        for (EstimateReport.Point p : points) byRows.computeIfAbsent(p.rows(), k -> new ArrayList<>()).add(p.workMs());
        List<EstimateReport.Spread> out = new ArrayList<>();
        byRows.forEach((rows, ms) -> {
            List<Long> sorted = ms.stream().sorted().toList();
            long min = sorted.get(0), max = sorted.get(sorted.size() - 1);
            long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : Math.round((sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0);
            out.add(new EstimateReport.Spread(rows, sorted.size(), min, median, max,
                    round((max - min) / (double) Math.max(1, median), 3)));
        });
        return out;
    }

    /** Each {@code --calibrate}: the team's measured time over this machine's prediction at the same rows. */
    private List<EstimateReport.Calibration> calibrations(List<StatementWork> work, Report template) {
        List<EstimateReport.Calibration> out = new ArrayList<>();
        for (Calibrate c : settings.calibrate()) {
            StatementWork w = null;
            if (c.statement().matches("\\d+")) {
                int index = Integer.parseInt(c.statement());
                w = work.stream().filter(x -> x.template.index() == index).findFirst().orElse(null);
            } else {
                // a migration named: its statement whose cost grows, else its first
                List<StatementWork> of = work.stream().filter(x -> x.template.migration().equals(c.statement())).toList();
                w = of.stream().filter(x -> x.duration != null && x.duration.model() != Scaling.Model.CONSTANT)
                        .findFirst().orElse(of.isEmpty() ? null : of.get(0));
            }
            if (w == null || w.duration == null) {
                progress.accept("estimate: --calibrate " + c.statement() + ": no measured statement to calibrate against;"
                        + " ignored");
                continue;
            }
            double predicted = w.durationAt(c.rows())[0];
            if (predicted <= 0) {
                progress.accept("estimate: --calibrate " + c.statement() + ": this machine predicts 0 ms at "
                        + Quantities.number(c.rows()) + " rows; ignored");
                continue;
            }
            out.add(new EstimateReport.Calibration(w.template.index(), c.rows(), c.seconds() * 1000,
                    Math.round(predicted), round(c.seconds() * 1000 / predicted, 4)));
        }
        return out;
    }

    /**
     * The largest scale's report with each statement's production estimate from the fit at its target, so that the
     * runbook's durations and lock windows are the estimate's.
     */
    private static Report runbook(Report template, List<EstimateReport.Statement> statements) {
        List<Report.StatementReport> out = new ArrayList<>();
        for (Report.StatementReport s : template.statements()) {
            EstimateReport.Statement e = statements.stream().filter(x -> x.index() == s.index()).findFirst().orElse(null);
            EstimateReport.Prediction p = e == null || e.predictions().isEmpty() ? null : e.predictions().get(0);
            Report.Estimate estimate = s.estimate();
            if (p != null) {
                long rows = e.fit().points().stream().mapToLong(EstimateReport.Point::rows).max().orElse(0);
                double perMillion = rows == 0 ? 0 : s.durationMs() / (rows / 1e6);
                estimate = new Report.Estimate(p.table(), rows, Math.round(perMillion * 10) / 10.0, p.rows(),
                        p.durationMs(), s.durationMs() - (s.lockWaitMs() == null ? 0 : s.lockWaitMs()));
            }
            out.add(new Report.StatementReport(s.index(), s.migration(), s.line(), s.sql(), s.inTransaction(),
                    s.startedAtMs(), s.durationMs(), s.error(), s.rowsAffected(), s.locks(), s.rewrote(),
                    s.indexesRebuilt(), s.scanned(), s.walBytes(), s.replicationLagMaxMs(), s.impact(), estimate,
                    s.lockWaitMs(), s.queuedBehind(), s.attempts(), s.algorithm(), s.rebuild(), s.concurrentDml()));
        }
        return new Report(template.tool(), template.engine(), template.verdict(), template.verdictReason(),
                template.categories(), out, template.findings(), template.seed(), template.load(),
                template.replication(), template.run(), template.timeline(), template.rollbacks(), template.thresholds());
    }

    private static Double round(Double v) {
        return v == null ? null : round(v, 4);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
