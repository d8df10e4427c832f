package dev.rehearse;

import dev.rehearse.analyze.Analyzer;
import dev.rehearse.analyze.Downsample;
import dev.rehearse.analyze.LockWaits;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.load.Latencies;
import dev.rehearse.load.LoadEvent;
import dev.rehearse.load.LoadGenerator;
import dev.rehearse.load.LoadTarget;
import dev.rehearse.load.Workload;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationRun;
import dev.rehearse.migrate.MigrationRunner;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.migrate.Rollbacks;
import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.Database;
import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.seed.SeedResult;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.Seeder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One rehearsal, straight through the pipeline: provision, schema, seed, load + observe + migrate,
 * analyze. Input mistakes surface before any database starts; everything started is torn down however
 * the rehearsal ends.
 */
public final class Rehearsal {

    /**
     * @param syntaxError a migration statement the server could not parse ({@code file:line: message}), which
     *                    makes the run's input invalid (exit 2) even though a report was produced
     */
    public record Result(Report report, String syntaxError) {}

    /**
     * The server died on its own during the run (its process killed or crashed): exit 3 with what it said last, and,
     * when the migrations had started, the report of what ran ({@link #partial()}, else null).
     */
    public static final class ServerTerminatedException extends RehearsalFailedException {
        private final transient Result partial;

        ServerTerminatedException(String message, Result partial, Throwable cause) {
            super(message, cause);
            this.partial = partial;
        }

        public Result partial() {
            return partial;
        }
    }

    private final Scenario scenario;
    private final Consumer<String> progress;

    private final java.util.Set<String> exclude;
    private Consumer<String> status;

    private java.util.function.Predicate<Migration> pending;
    private volatile long wallStart = System.nanoTime();
    private volatile String startedAt = Instant.now().toString();
    // what the rehearse phase is recording now, for a partial report when the run is interrupted or its server dies
    private volatile Live live;

    private record Live(Database db, SeedResult seed, Timeline timeline, LoadGenerator load, LockSampler sampler,
                        boolean loadRan, long baselineFrom, long baselineTo, MigrationRunner runner) {}
    private io.micrometer.core.instrument.MeterRegistry meters = io.micrometer.core.instrument.Metrics.globalRegistry;

    /** Where the samplers' (and the workload's) meters go: a registry the caller binds (Prometheus, JMX...). */
    public Rehearsal withMeters(io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        return this;
    }

    /**
     * The migrations being shipped; the others are the deployed state, applied with the baseline schema before the
     * seed and not rehearsed. Null (the default): every migration is rehearsed.
     */
    public Rehearsal withPending(java.util.function.Predicate<Migration> pending) {
        this.pending = pending;
        return this;
    }

    /**
     * Seeds whatever row counts were asked, past the checks of what the machine can hold and seed within the run's
     * deadline ({@code --ignore-capacity}).
     */
    public Rehearsal ignoringCapacity(boolean ignore) {
        this.ignoreCapacity = ignore;
        return this;
    }

    private boolean ignoreCapacity;

    /**
     * The baseline schema already holds what was deployed ({@code run --from-production}: production's own schema):
     * the migrations outside the pending set are not applied again on it.
     */
    public Rehearsal withDeployedInSchema() {
        this.deployedInSchema = true;
        return this;
    }

    private boolean deployedInSchema;

    /** A transient status line (the seed's progress bar) for an interactive terminal; "" clears it. */
    public Rehearsal withStatus(Consumer<String> status) {
        this.status = status;
        return this;
    }

    public Rehearsal(Scenario scenario, Consumer<String> progress) {
        this(scenario, progress, java.util.Set.of());
    }

    /** @param exclude rule ids the project accepts (.rehearse.yaml exclude): listed as suppressed, not counted */
    public Rehearsal(Scenario scenario, Consumer<String> progress, java.util.Set<String> exclude) {
        this.scenario = scenario;
        this.progress = progress;
        this.exclude = exclude;
    }

    /**
     * Everything the user gave, read and checked before anything starts, so that mistakes fail fast.
     *
     * @param deployed migrations already in production: part of the baseline, applied before the seed
     * @param migrations the migrations being shipped, rehearsed
     */
    public record Inputs(EngineRuntime engine, List<SqlStatement> schema, List<Migration> deployed,
                         List<Migration> migrations, Profile profile) {

        /** Every migration as read, deployed and shipped, in the tool's order: what lint reads. */
        public List<Migration> all() {
            List<Migration> out = new java.util.ArrayList<>(deployed);
            out.addAll(migrations);
            return out;
        }
    }

    /**
     * What the rehearse phase recorded on one server: the migration run, the timeline, the workload's queries.
     *
     * @param baselineFrom the workload's baseline window, before the first migration
     */
    public record Recording(Database db, SeedResult seed, MigrationRun run, Timeline timeline, List<LoadEvent> events,
                            boolean loadRan, long baselineFrom, long baselineTo, Sampler.Intervals sampleIntervals,
                            StatementProbe.Cost probeCost, List<Report.Plan> plans, List<Rollbacks.Outcome> rollbacks,
                            Long rollbackFrom, ReplicaRecording replica) {

        public Recording {
            rollbacks = rollbacks == null ? List.of() : List.copyOf(rollbacks);
        }

        public Recording(Database db, SeedResult seed, MigrationRun run, Timeline timeline, List<LoadEvent> events,
                         boolean loadRan, long baselineFrom, long baselineTo, Sampler.Intervals sampleIntervals,
                         StatementProbe.Cost probeCost, List<Report.Plan> plans, List<Rollbacks.Outcome> rollbacks,
                         Long rollbackFrom) {
            this(db, seed, run, timeline, events, loadRan, baselineFrom, baselineTo, sampleIntervals, probeCost, plans,
                    rollbacks, rollbackFrom, null);
        }

        /** Where the workload stops counting for the migrations: the downs' start, or its last query. */
        long loadTo() {
            return rollbackFrom != null ? rollbackFrom
                    : events.stream().mapToLong(LoadEvent::endNanos).max().orElse(baselineTo);
        }

        public Recording(Database db, SeedResult seed, MigrationRun run, Timeline timeline, List<LoadEvent> events,
                         boolean loadRan, long baselineFrom, long baselineTo, Sampler.Intervals sampleIntervals,
                         StatementProbe.Cost probeCost, List<Report.Plan> plans) {
            this(db, seed, run, timeline, events, loadRan, baselineFrom, baselineTo, sampleIntervals, probeCost, plans,
                    null, null);
        }

        public Recording(Database db, SeedResult seed, MigrationRun run, Timeline timeline, List<LoadEvent> events,
                         boolean loadRan, long baselineFrom, long baselineTo, Sampler.Intervals sampleIntervals,
                         StatementProbe.Cost probeCost) {
            this(db, seed, run, timeline, events, loadRan, baselineFrom, baselineTo, sampleIntervals, probeCost, null);
        }

        public Recording(Database db, SeedResult seed, MigrationRun run, Timeline timeline, List<LoadEvent> events,
                         boolean loadRan, long baselineFrom, long baselineTo, Sampler.Intervals sampleIntervals) {
            this(db, seed, run, timeline, events, loadRan, baselineFrom, baselineTo, sampleIntervals, null);
        }
    }

    /**
     * What the replica's sampler recorded (the series itself is on the timeline).
     *
     * @param model how the engine applied the replica's settings
     * @param intervals the intervals the replication sampler achieved; null before two samples
     * @param reads the workload's queries sent to the replica ({@code load.replica_share}); null when none were
     * @param cancelled of those, the ones cancelled by a conflict with what the replica applied; null when none were
     */
    public record ReplicaRecording(String model, Sampler.Intervals intervals, List<LoadEvent> reads, Long cancelled,
                                   List<Report.BatchAdvice> batchTrials, Long trialsFrom, Long trialsTo) {

        /**
         * @param batchTrials the backfills rehearsed in batches ({@code replica.tune_batches}), measured advice; empty
         *                    when none were
         * @param trialsFrom when the trials started (their samples are not the migrations' lag); null when none ran
         */
        public ReplicaRecording {
            batchTrials = batchTrials == null ? List.of() : List.copyOf(batchTrials);
        }

        public ReplicaRecording(String model, Sampler.Intervals intervals, List<LoadEvent> reads, Long cancelled) {
            this(model, intervals, reads, cancelled, List.of(), null, null);
        }
    }

    /** All phases: read, provision, schema, seed at the scenario's scale, rehearse, analyze. */
    public Result run() {
        long wallStart = System.nanoTime();
        String startedAt = Instant.now().toString();
        this.wallStart = wallStart;
        this.startedAt = startedAt;
        Inputs in = read();
        try (Server server = provision(in)) {
            dev.rehearse.provision.TargetCatalog before = external(server.db()) ? catalog(server.db()) : null;
            SeedResult seed = null;
            try {
                server.applySchema();
                seed = server.seed(1.0);
                return analyze(server.rehearse(seed), startedAt, wallStart);
            } finally {
                if (before != null) leftBehind(server.db(), before, seed);
            }
        }
    }

    private static boolean external(Database db) {
        return db.provider() == dev.rehearse.scenario.Provider.EXTERNAL;
    }

    private static dev.rehearse.provision.TargetCatalog catalog(Database db) {
        try (Connection c = db.connect()) {
            return dev.rehearse.provision.TargetCatalog.read(c);
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot read the catalog of " + dev.rehearse.provision.Secrets.mask(db.jdbcUrl())
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * An external target is the user's: what the run left there (tables and columns it created, rows it seeded), and
     * the statements that remove what can be removed. rehearse drops nothing itself on a server it does not own; under
     * {@code --rollback} it checks that nothing is left.
     */
    private void leftBehind(Database db, dev.rehearse.provision.TargetCatalog before, SeedResult seed) {
        String where = dev.rehearse.provision.Secrets.mask(db.jdbcUrl());
        try {
            dev.rehearse.provision.TargetCatalog after = catalog(db);
            List<String> left = before.leftBehind(after, Engines.of(db.kind()).dialect(db.version())::quote);
            List<String> seeded = seed == null ? List.of() : seed.tables().stream().filter(t -> t.rows() > 0)
                    .map(t -> t.table() + " (" + String.format(java.util.Locale.ROOT, "%,d", t.rows()) + ")").toList();
            boolean intoExisting = seed != null && seed.tables().stream()
                    .anyMatch(t -> t.rows() > 0 && before.tables().stream().anyMatch(b -> b.equalsIgnoreCase(t.table())
                            || b.toLowerCase(java.util.Locale.ROOT).endsWith("." + t.table().toLowerCase(java.util.Locale.ROOT))));
            if (left.isEmpty() && seeded.isEmpty()) {
                progress.accept("external: " + (rollingBack() ? "--rollback: " : "") + "nothing left on " + where
                        + ": its tables and columns are as they were");
                return;
            }
            progress.accept("external: left on " + where + " (rehearse drops nothing on a server it does not own;"
                    + " indexes, constraints and other objects the migrations made are not listed):");
            if (!seeded.isEmpty()) {
                progress.accept("external:   rows seeded: " + String.join(", ", seeded) + (intoExisting
                        ? " (in a table that was there before, they are not told apart from its own rows: restore the copy)" : ""));
            }
            for (String line : left) progress.accept("external:   " + line);
        } catch (RuntimeException e) {
            progress.accept("external: what the run left on " + where + " could not be read: " + e.getMessage());
        }
    }

    /**
     * Starts the run's clock again, for a caller that rehearses several times on one server (an estimate's scales):
     * the deadline ({@code deadlines.run}) and the report's start count from here.
     */
    public Rehearsal restartClock() {
        this.wallStart = System.nanoTime();
        this.startedAt = Instant.now().toString();
        return this;
    }

    /** Phase 5 on the clock {@link #restartClock()} (or the constructor) started. */
    public Result analyze(Recording r) {
        return analyze(r, startedAt, wallStart);
    }

    /** Phase 0: the engine, the baseline schema, the migrations as their tool would run them, the data profile. */
    public Inputs read() {
        EngineRuntime engine = Engines.runtime(scenario.engine().kind());
        // no format named: the layout decides, as lint does
        String format = scenario.migrations().format();
        MigrationSource source = format == null ? MigrationSources.detect(scenario.migrations().paths())
                : MigrationSources.forFormat(format);
        SqlSplitter splitter = Engines.dialect(scenario.engine()).splitter();
        List<SqlStatement> schema = schemaStatements(splitter);
        List<Migration> all = source.read(scenario.migrations().paths(),
                new MigrationSource.Context(splitter, scenario.migrations().transaction(), scenario.engine(),
                        scenario.migrations().contexts(), scenario.migrations().labels()));
        nothingToRehearse(all);
        java.util.function.Predicate<Migration> ships = pending;
        if (ships == null && schema.isEmpty() && all.size() > 1) {
            // The history builds the schema: the last migration is the change, the rest is what production has. A
            // migration without a version (Flyway's repeatable) runs at every deploy, so it ships too.
            Migration last = all.stream().filter(m -> m.version() != null).reduce((a, b) -> b).orElse(all.get(all.size() - 1));
            ships = m -> m == last || m.version() == null;
            long shipping = all.stream().filter(ships).count();
            progress.accept("migrate: no pending set (--pending, --from, --changed-since) and no --schema: rehearsing the"
                    + " last migration, " + last.name() + (shipping > 1 ? " (and " + (shipping - 1) + " without a version)" : "")
                    + ", on the " + (all.size() - shipping) + " before it as the baseline");
        }
        java.util.function.Predicate<Migration> shipping = ships;
        List<Migration> deployed = shipping == null || deployedInSchema ? List.of()
                : all.stream().filter(m -> !shipping.test(m)).toList();
        List<Migration> shipped = shipping == null ? all : all.stream().filter(shipping).toList();
        if (rollingBack()) {
            RollbackMode.check(scenario, Engines.dialect(scenario.engine()), schema, scenario.data().profile() != null);
            if (!deployed.isEmpty()) {
                progress.accept("rollback: " + deployed.size() + " deployed migrations taken as already on the copy"
                        + " (not applied)");
            }
            deployed = List.of();
            if (!shipped.isEmpty()) shipped = RollbackMode.oneTransaction(shipped, progress);
        }
        if (shipped.isEmpty()) {
            throw new dev.rehearse.InvalidInputException("the pending set (--pending, --from, --changed-since) selects"
                    + " none of the " + all.size() + " migrations: nothing to rehearse");
        }
        Profile profile = scenario.data().profile() == null ? Profile.EMPTY : ProfileLoader.load(scenario.data().profile());
        Inputs inputs = new Inputs(engine, schema, deployed, shipped, profile);
        InputChecks.check(scenario, inputs, ignoreCapacity);
        return inputs;
    }

    /** {@code --rollback}: the migrations in one transaction rolled back at the end; see {@link RollbackMode}. */
    private boolean rollingBack() {
        return scenario.external().rollback();
    }

    /** A run that would rehearse nothing is a mistake in what it was given, never a pass. */
    private void nothingToRehearse(List<Migration> all) {
        if (!all.isEmpty() && all.stream().anyMatch(m -> !m.statements().isEmpty() || m.refused())) return;
        String where = scenario.source() == null ? "" : scenario.source() + ": ";
        if (scenario.migrations().paths().isEmpty()) {
            throw new dev.rehearse.InvalidInputException(where + "no migrations to rehearse: give migrations.path in the"
                    + " scenario or --migrations PATH (see rehearse run --help)");
        }
        throw new dev.rehearse.InvalidInputException(where + "no migration with a statement under "
                + scenario.migrations().paths().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                + ": nothing to rehearse");
    }

    /** Phase 1: a server of the scenario's engine and version, torn down when the returned server is closed. */
    public Server provision(Inputs in) {
        // a replica this build cannot start fails before the primary does
        dev.rehearse.engine.ReplicaSupport replicas = !scenario.replica() ? null
                : in.engine().replicas(scenario.provider()).orElseThrow(() -> new RehearsalFailedException("--replica: "
                + scenario.engine().kind().id() + " replicas under the " + scenario.provider().id()
                + " provider are not available in this build"));
        progress.accept("provision: " + scenario.provider().id() + " " + scenario.engine());
        Database db = in.engine().provisioner(scenario.provider(), scenario.external()).start(scenario.engine());
        progress.accept("provision: " + db.kind().id() + " " + db.serverVersion() + " ready at " + dev.rehearse.provision.Secrets.mask(db.jdbcUrl()));
        return new Server(in, db, replicas);
    }

    /**
     * One provisioned server and the phases that run on it: the baseline schema, a seed at a scale, a rehearsal. A
     * caller may seed and rehearse again on fresh data (an estimate at several scales) on a {@link #freshDatabase()}.
     */
    public final class Server implements AutoCloseable {

        private final Inputs in;
        private final Database original;
        private Database db;
        private int generation;
        private final dev.rehearse.engine.ReplicaSupport replicas;
        private dev.rehearse.engine.ReplicaSupport.Running replica;

        private Server(Inputs in, Database db, dev.rehearse.engine.ReplicaSupport replicas) {
            this.in = in;
            this.original = db;
            this.db = db;
            this.replicas = replicas;
        }

        /**
         * A new, empty database on the same server in place of the one the last rehearsal changed (the previous fresh
         * one dropped), so that the next {@link #applySchema()}, {@link #seed} and {@link #rehearse} start from
         * nothing as the first did: the scales of an estimate on one provisioned server.
         */
        public void freshDatabase() {
            if (replicas != null) {
                throw new RehearsalFailedException("a rehearsal on a fresh database cannot keep a replica in this build");
            }
            // unique per process: a killed run's leftovers on an external server never collide
            String name = "rehearse_" + ProcessHandle.current().pid() + "_" + (++generation);
            Database next;
            try {
                next = in.engine().createDatabase(original, name).orElseThrow(() -> new RehearsalFailedException(
                        original.kind().id() + ": this build cannot create a fresh database on the server it provisioned"));
            } catch (SQLException e) {
                throw terminatedOr(original, new RehearsalFailedException("cannot create a fresh database: "
                        + e.getMessage(), e));
            }
            Database previous = db;
            db = next;
            if (previous != original) drop(previous);
        }

        private void drop(Database created) {
            try {
                in.engine().dropDatabase(original, created);
            } catch (SQLException e) {
                progress.accept("estimate: cannot drop " + dev.rehearse.provision.Secrets.mask(created.jdbcUrl()) + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }

        public Database db() {
            return db;
        }

        /**
         * Phase 2: the baseline schema, then the deployed migrations, statement by statement; a statement the server
         * refuses is invalid input.
         */
        public void applySchema() {
            Path schemaFile = scenario.schema().file() == null ? Path.of("schema") : scenario.schema().file();
            Rehearsal.this.applySchema(db, in.schema(), schemaFile);
            for (Migration m : in.deployed()) Rehearsal.this.applySchema(db, m.statements(), m.file());
            if (!in.deployed().isEmpty()) progress.accept("schema: " + in.deployed().size() + " deployed migrations applied");
        }

        /** Phase 3: each table filled to its row count times {@code scale} (1.0: the scenario's counts). */
        public SeedResult seed(double scale) {
            Map<String, Scenario.TableData> tables = new LinkedHashMap<>();
            scenario.data().tables().forEach((name, t) -> tables.put(name,
                    new Scenario.TableData(Math.max(t.rows() == 0 ? 0 : 1, Math.round(t.rows() * scale)), t.productionRows())));
            Profile profile = scale == 1.0 ? in.profile()
                    : new Profile(in.profile().file(), in.profile().scale() * scale, in.profile().tables());
            if (rollingBack()) {
                progress.accept("seed: --rollback: nothing seeded" + (tables.isEmpty() ? ""
                        : "; the workload runs on " + String.join(", ", tables.keySet()) + " as the copy holds them"));
                return new SeedResult(tables.keySet().stream().map(t -> new dev.rehearse.seed.TableSeed(t, 0, 0)).toList());
            }
            try {
                return new Seeder(in.engine().seeding(db), status).seed(db, tables, scenario.data().seed(), profile, progress);
            } catch (InvalidInputException e) {
                throw InputChecks.locate(scenario, e);
            } catch (RuntimeException e) {
                String gone = terminated(db);
                if (gone == null) throw e;
                throw new ServerTerminatedException("the server terminated while seeding: " + gone, null, e);
            }
        }

        /** Phase 4: the workload's baseline, then the migrations while the samplers and the workload run. */
        public Recording rehearse(SeedResult seed) {
            // the replica is a copy of the seeded primary, so the seed's log is not streamed to it at the model's rate
            if (replicas != null && replica == null) {
                progress.accept("replica: starting a replica of the seeded primary");
                replica = replicas.start(db, scenario.replicaSettings(), progress);
                    progress.accept("replica: streaming at " + dev.rehearse.provision.Secrets.mask(replica.db().jdbcUrl())
                        + " (" + replica.model() + ")");
            }
            if (System.nanoTime() >= runEndsAtNanos()) {
                throw new RehearsalFailedException("the rehearsal reached its deadline of " + scenario.deadlines().runMs() / 1000
                        + " s (deadlines.run, --deadline) before the migrations started: provisioning and seeding took it all");
            }
            Recording r = Rehearsal.this.rehearse(in.engine(), db, in.migrations(), seed, replica);
            String gone = db.terminated();
            if (gone != null) { // the run went on to its end on errors alone: what ran is still worth a report
                Report full = analyze(r, startedAt, wallStart).report();
                throw new ServerTerminatedException("the server terminated during the rehearsal: " + gone,
                        new Result(partialReport(full, r.run(), "the server terminated"), null), null);
            }
            return r;
        }

        /** The running replica, or null when none was asked for (or the rehearsal has not started it yet). */
        public dev.rehearse.engine.ReplicaSupport.Running replica() {
            return replica;
        }

        @Override
        public void close() {
            try {
                if (replica != null) replica.close();
                // a server rehearse started goes whole; on one it was given, the fresh database it made goes
                if (db != original && original.provider() == dev.rehearse.scenario.Provider.EXTERNAL) drop(db);
            } finally {
                original.close();
            }
        }
    }

    private Recording rehearse(EngineRuntime engine, Database db, List<Migration> migrations, SeedResult seed,
                               dev.rehearse.engine.ReplicaSupport.Running replica) {
        Timeline timeline = new Timeline();
        Scenario.Load loadSettings = scenario.load();
        List<LoadTarget> targets = List.of();
        Workload workload = null;
        if (loadSettings.enabled()) {
            try (Connection c = db.connect()) {
                if (!loadSettings.queries().isEmpty()) {
                    // the application's own queries, their parameters drawn from the data just seeded
                    workload = Workload.prepare(c, engine.columnSource(), loadSettings.queries());
                } else {
                    targets = engine.loadTargets(c, seed.tables().stream().map(t -> t.table()).toList());
                }
            } catch (SQLException e) {
                throw new RehearsalFailedException("cannot prepare the workload: " + e.getMessage(), e);
            }
            if (workload == null && targets.isEmpty()) {
                progress.accept("load: no seeded table has a single integer primary key; no load");
            }
        }
        boolean loadRuns = loadSettings.enabled() && (workload != null || !targets.isEmpty());
        // each named query planned once before the migrations, with parameters drawn as the workload draws them
        List<Workload.Sample> planned = workload == null ? List.of() : workload.sample(scenario.data().seed() ^ 0x5EEDL);
        Map<String, dev.rehearse.load.QueryPlan> plansBefore = explain(engine, db, planned);
        MigrationRun run;
        List<LoadEvent> events = List.of();
        long baselineFrom, baselineTo;
        Sampler.Intervals achieved;
        StatementProbe.Cost probeCost;
        Map<String, dev.rehearse.load.QueryPlan> plansAfter = null;
        Long downsFrom = null;
        // one dialect for the run: the workload classifies every failed query through it
        dev.rehearse.dialect.Dialect dialect = Engines.of(db.kind()).dialect(db.version());
        List<Rollbacks.Outcome> rollbacks = List.of();
        ReplicaRecording replicaRecording = null;
        List<Report.BatchAdvice> batchTrials = List.of();
        Long trialsFrom = null, trialsTo = null;
        ReplicaReads replicaReads = loadRuns ? replicaReads(engine, db, replica, targets, loadSettings) : null;
        Scenario.Load primaryLoad = replicaReads == null ? loadSettings : replicaReads.primary();
        java.util.concurrent.atomic.AtomicLong conflicts = new java.util.concurrent.atomic.AtomicLong();
        try (LockSampler sampler = new LockSampler(db, engine.lockProbe(), timeline,
                scenario.observe().lockSampleIntervalMs(), meters).start();
             ReplicationWatch replication = new ReplicationWatch(replica, timeline);
             LoadGenerator load = new LoadGenerator(db, engine::sessionId, targets, workload, primaryLoad,
                     scenario.data().seed()).withMeters(meters)
                     .withSessions(statementTimeout(db, dialect, loadSettings), e -> timeout(dialect, e));
             LoadGenerator onReplica = replicaReads == null ? null : new LoadGenerator(replica.db(), engine::sessionId,
                     replicaReads.targets(), replicaReads.workload(), replicaReads.settings(), scenario.data().seed() ^ 0x4EADL)
                     .withMeters(meters).withSessions(statementTimeout(db, dialect, loadSettings), e -> {
                         // the replica cancelling a read for a conflict with what it applied is counted apart
                         if (replica.conflictCancelled(e)) conflicts.incrementAndGet();
                         return timeout(dialect, e);
                     });
             // an interrupt stops the workload and the sampler first, before the server goes
             Cleanup.Registration quiet = Cleanup.register(Cleanup.Phase.CLIENTS, "workload and lock sampler", () -> {
                 load.abort();
                 if (onReplica != null) onReplica.abort();
                 sampler.close();
             })) {
            if (onReplica != null) onReplica.start();
            if (loadRuns) {
                load.start();
                progress.accept(String.format(java.util.Locale.ROOT, "load: %d clients, %.0f queries/s %s; baseline %.0f s",
                        loadSettings.clients(), loadSettings.rate(), workload != null
                                ? "of the workload's " + String.join(", ", workload.names())
                                : "on " + targets.size() + " tables", loadSettings.baselineSeconds()));
            }
            baselineFrom = System.nanoTime();
            if (loadRuns) sleep(loadSettings.baselineSeconds());
            baselineTo = System.nanoTime();
            try (StatementProbe probe = engine.statementProbe(db);
                 LongTransactions held = new LongTransactions(engine, db, loadSettings.longTransaction())) {
                Rollbacks downs = new Rollbacks(db, probe, scenario.migrations(), progress,
                        dialect::quote).withDeadlines(scenario.deadlines().statementMs(), runEndsAtNanos());
                Rollbacks.Columns columnsBefore = Rollbacks.any(migrations) && !rollingBack() ? downs.columns() : null;
                MigrationRunner runner = new MigrationRunner(db, probe, scenario.migrations(), progress)
                        .withBeforeStatement(held::before)
                        .withDeadlines(scenario.deadlines().statementMs(), runEndsAtNanos())
                        .withRollbackAtEnd(rollingBack());
                live = new Live(db, seed, timeline, load, sampler, loadRuns, baselineFrom, baselineTo, runner);
                // load alone between migrations: each one's after window, the next one's before
                if (loadRuns && loadSettings.settleSeconds() > 0) runner.withBetweenMigrations(() -> sleep(loadSettings.settleSeconds()));
                run = runner.run(migrations);
                probeCost = probe.cost();
                plansAfter = explain(engine, db, planned); // the load still running, as the application sees the schema
                if (loadRuns) sleep(loadSettings.cooldownSeconds());
                if (replica != null && scenario.replicaSettings().tuneBatches()) {
                    // after the ups' windows, on the data they left, before the downs change it back; once the
                    // replica has applied the migrations, whose catch-up is their lag, not the trials'
                    replication.awaitCatchUp();
                    trialsFrom = System.nanoTime();
                    batchTrials = new BatchTrials(db, replica, dialect, scenario.thresholds().replicationLagFlagMs(),
                            progress).run(run.statements());
                    trialsTo = System.nanoTime();
                }
                // after the ups' windows: the downs, on the data the ups left, the load still running; without any,
                // each migration is listed as having none
                if (columnsBefore != null || trialsFrom != null) downsFrom = trialsFrom != null ? trialsFrom : System.nanoTime();
                if (rollingBack()) {
                    progress.accept("rollback: the migrations' transaction was rolled back" + (Rollbacks.any(migrations)
                            ? "; their downs are not rehearsed (nothing is left to undo)" : ""));
                } else {
                    rollbacks = downs.rehearse(run, columnsBefore);
                }
            }
            load.close();
            if (onReplica != null) onReplica.close();
            sampler.close();
            replicaRecording = replication.finish(onReplica == null ? null : onReplica.events(),
                    onReplica == null ? null : conflicts.get());
            if (replicaRecording != null && trialsFrom != null) {
                replicaRecording = new ReplicaRecording(replicaRecording.model(), replicaRecording.intervals(),
                        replicaRecording.reads(), replicaRecording.cancelled(), batchTrials, trialsFrom, trialsTo);
            }
            quiet.close();
            events = load.events();
            achieved = sampler.intervals();
            if (sampler.failure() != null) progress.accept("observe: a lock sample failed: " + sampler.failure());
        } catch (SQLException e) {
            throw terminatedOr(db, new RehearsalFailedException("cannot start the lock sampler or the workload: "
                    + e.getMessage(), e));
        } catch (ServerTerminatedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw terminatedOr(db, e);
        } finally {
            live = null;
        }
        return new Recording(db, seed, run, timeline, events, loadRuns, baselineFrom, baselineTo, achieved, probeCost,
                plans(plansBefore, plansAfter), rollbacks, downsFrom, replicaRecording);
    }

    /**
     * The workload's replica share ({@code load.replica_share}): the reads moved to the replica and what stays on the
     * primary.
     *
     * @param settings the replica's load: its share of the clients and of the read rate, reads only
     * @param targets the default workload's tables (primary-key reads there), empty with named queries
     * @param workload the named queries that only read (a single SELECT), null without named queries
     * @param primary the primary's load with those reads taken out of its rate
     */
    private record ReplicaReads(Scenario.Load settings, List<LoadTarget> targets, Workload workload, Scenario.Load primary) {}

    /**
     * The replica's share of the reads, or null when none goes there. Of the default workload, that share of the
     * primary-key reads moves (the primary's rate and write fraction adjusted so its writes stay as they were); of
     * named queries, the single-SELECT ones run on the replica at that share of their weighted rate, taken from the
     * primary's rate (their weights unchanged, an approximation).
     */
    private ReplicaReads replicaReads(EngineRuntime engine, Database db, dev.rehearse.engine.ReplicaSupport.Running replica,
                                      List<LoadTarget> targets, Scenario.Load l) {
        double share = l.replicaShare();
        if (replica == null || share <= 0) return null;
        Workload reads = null;
        double readRate;
        if (!l.queries().isEmpty()) {
            List<Scenario.Query> selects = l.queries().stream().filter(q -> !q.transaction()
                    && q.statements().get(0).trim().toLowerCase(java.util.Locale.ROOT).startsWith("select")).toList();
            if (selects.isEmpty()) {
                progress.accept("load: no named query is a single SELECT; none runs on the replica");
                return null;
            }
            double total = l.queries().stream().mapToDouble(Scenario.Query::weight).sum();
            readRate = l.rate() * selects.stream().mapToDouble(Scenario.Query::weight).sum() / total * share;
            try (Connection c = db.connect()) {
                reads = Workload.prepare(c, engine.columnSource(), selects);
            } catch (SQLException e) {
                throw new RehearsalFailedException("cannot prepare the replica's reads: " + e.getMessage(), e);
            }
        } else {
            readRate = l.rate() * (1 - l.writeFraction()) * share;
        }
        if (readRate <= 0) return null;
        int clients = Math.max(1, (int) Math.round(l.clients() * share));
        Scenario.Load onReplica = new Scenario.Load(true, clients, readRate, l.baselineSeconds(), l.cooldownSeconds(), 0,
                reads == null ? List.of() : l.queries().stream().filter(q -> !q.transaction()
                        && q.statements().get(0).trim().toLowerCase(java.util.Locale.ROOT).startsWith("select")).toList(),
                null, l.settleSeconds(), l.statementTimeoutMs(), 0);
        double primaryRate = Math.max(l.rate() - readRate, Double.MIN_VALUE);
        double writeFraction = l.queries().isEmpty() ? Math.min(1, l.writeFraction() * l.rate() / primaryRate) : l.writeFraction();
        Scenario.Load primary = new Scenario.Load(l.enabled(), l.clients(), primaryRate, l.baselineSeconds(),
                l.cooldownSeconds(), writeFraction, l.queries(), l.longTransaction(), l.settleSeconds(),
                l.statementTimeoutMs(), l.replicaShare());
        progress.accept(String.format(java.util.Locale.ROOT, "load: %.0f reads/s of it on the replica (%d clients)",
                readRate, clients));
        return new ReplicaReads(onReplica, reads == null ? targets : List.of(), reads, primary);
    }

    /** Longest the rehearsal waits, after the last statement, for the replica to apply what the primary wrote. */
    static final long CATCH_UP_LIMIT_MS = 120_000;

    /**
     * The replication sampler ({@link Timeline#REPLICATION}, every {@link Timeline#REPLICATION_INTERVAL_MS}) while a
     * replica runs; nothing without one. {@link #finish()} lets the replica catch up first, so that the lag a
     * migration caused is sampled to its end.
     */
    private final class ReplicationWatch implements AutoCloseable {
        private final dev.rehearse.engine.ReplicaSupport.Running replica;
        private final Timeline timeline;
        private final dev.rehearse.observe.ReplicationProbe probe;
        private final Sampler<dev.rehearse.observe.ReplicationSample> sampler;

        ReplicationWatch(dev.rehearse.engine.ReplicaSupport.Running replica, Timeline timeline) throws SQLException {
            this.replica = replica;
            this.timeline = timeline;
            if (replica == null) {
                probe = null;
                sampler = null;
                return;
            }
            probe = replica.probe();
            sampler = new Sampler<>(replica.sampledOn(), "rehearse-replication", probe, timeline, Timeline.REPLICATION,
                    Timeline.REPLICATION_INTERVAL_MS, Sampler.DEFAULT_FAILURE_LIMIT, meters);
            sampler.start();
        }

        /** @param reads the workload's replica reads, null when none ran; {@code cancelled} of them by conflicts */
        ReplicaRecording finish(List<LoadEvent> reads, Long cancelled) {
            if (sampler == null) return null;
            awaitCatchUp();
            sampler.close();
            if (sampler.failure() != null) progress.accept("replica: a replication sample failed: " + sampler.failure());
            return new ReplicaRecording(replica.model(), sampler.intervals(), reads, cancelled);
        }

        /** Until a sample shows nothing left to apply, the sampler stops, or the limit passes. */
        private void awaitCatchUp() {
            long deadline = System.nanoTime() + CATCH_UP_LIMIT_MS * 1_000_000L;
            // a last commit's WAL reaches the standby after the WAL writer's flush: judge samples from a little later
            long asked = System.nanoTime() + 300_000_000L;
            var series = timeline.series(Timeline.REPLICATION);
            boolean said = false;
            while (System.nanoTime() < deadline && sampler.running()) {
                var after = series.between(asked, Long.MAX_VALUE);
                var last = after.isEmpty() ? null : after.get(after.size() - 1).value();
                if (last != null && caughtUp(last)) return;
                if (!said && last != null) {
                    progress.accept("replica: waiting for the replica to catch up (" + (last.lagBytes() == null ? ""
                            : dev.rehearse.model.Quantities.bytes(last.lagBytes()) + ", ")
                            + (last.lagMs() == null ? "?" : dev.rehearse.model.Quantities.duration(last.lagMs())) + " behind)");
                    said = true;
                }
                sleep(Timeline.REPLICATION_INTERVAL_MS / 1000.0);
            }
            if (sampler.running()) progress.accept("replica: still behind after " + CATCH_UP_LIMIT_MS / 1000 + " s; lag sampled until then");
        }

        /** The judged figure decides; bytes only where an engine gives no time (a position can stay a header apart). */
        private static boolean caughtUp(dev.rehearse.observe.ReplicationSample s) {
            return s.lagMs() != null ? s.lagMs() == 0 : s.lagBytes() != null && s.lagBytes() <= 0;
        }

        @Override
        public void close() {
            try {
                if (sampler != null) sampler.close();
            } finally {
                if (probe != null) probe.close();
            }
        }
    }

    /** The application's statement timeout as its sessions set it; null without one. */
    private String statementTimeout(Database db, dev.rehearse.dialect.Dialect dialect, Scenario.Load l) {
        if (l.statementTimeoutMs() == null) return null;
        String sql = dialect.statementTimeoutSql(l.statementTimeoutMs());
        if (sql == null) progress.accept("load: " + db.kind().id() + " has no statement timeout; load.statement_timeout ignored");
        return sql;
    }

    private static boolean timeout(dev.rehearse.dialect.Dialect dialect, SQLException e) {
        ErrorClass c = dialect.classify(e);
        return c == ErrorClass.STATEMENT_TIMEOUT || c == ErrorClass.LOCK_TIMEOUT;
    }

    /** The sampled queries' plans on their own connection; null when there are none or the engine cannot explain. */
    private Map<String, dev.rehearse.load.QueryPlan> explain(EngineRuntime engine, Database db, List<Workload.Sample> samples) {
        if (samples.isEmpty()) return null;
        try (Connection c = db.connect("rehearse-plans")) {
            return Workload.explain(c, engine::explain, samples);
        } catch (SQLException e) {
            progress.accept("load: cannot plan the workload's queries: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** Each query's indexes and scans before and after the migrations, in the workload's order. */
    private static List<Report.Plan> plans(Map<String, dev.rehearse.load.QueryPlan> before,
                                           Map<String, dev.rehearse.load.QueryPlan> after) {
        if (before == null || after == null) return null;
        List<Report.Plan> out = new java.util.ArrayList<>();
        before.forEach((name, b) -> {
            dev.rehearse.load.QueryPlan a = after.get(name);
            if (a == null) return;
            out.add(new Report.Plan(name, b.indexes(), a.indexes(), b.scans(), a.scans(),
                    a.error() != null ? a.error() : b.error()));
        });
        return out;
    }

    /**
     * The lock-queue reproduction ({@code load.long_transaction}): before each statement that requests a lock blocking
     * reads or writes on a table that existed before the migrations, a reader holds that table in an open
     * transaction for {@code hold}. Every one still open is ended when the migrations are.
     */
    private final class LongTransactions implements AutoCloseable {
        private final EngineRuntime engine;
        private final Database db;
        private final Scenario.LongTransaction settings;
        private final dev.rehearse.dialect.Dialect dialect;
        private final java.util.Set<String> tables = new java.util.HashSet<>();
        private final java.util.Map<String, String> indexTables = new java.util.HashMap<>();
        private final List<dev.rehearse.load.LongTransaction> open = new java.util.ArrayList<>();

        LongTransactions(EngineRuntime engine, Database db, Scenario.LongTransaction settings) throws SQLException {
            this.engine = engine;
            this.db = db;
            this.settings = settings;
            this.dialect = settings == null ? null : Engines.of(db.kind()).dialect(db.version());
            if (settings == null) return;
            try (Connection c = db.connect("rehearse-long-transaction");
                 var rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE", "PARTITIONED TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM"), name = rs.getString("TABLE_NAME");
                    tables.add(schema == null ? name : schema + "." + name);
                }
                // DROP INDEX / REINDEX INDEX name no table: the reader holds the index's own (JDBC's catalog, any engine)
                for (String table : tables) {
                    int dot = table.indexOf('.');
                    String schema = dot < 0 ? null : table.substring(0, dot), name = table.substring(dot + 1);
                    try (var ix = c.getMetaData().getIndexInfo(null, schema, name, false, true)) {
                        while (ix.next()) {
                            String index = ix.getString("INDEX_NAME");
                            if (index != null) indexTables.put(schema == null ? index : schema + "." + index, table);
                        }
                    }
                }
            }
        }

        /** Opens the reader the statement will queue behind; how the report names it, or null when none. */
        String before(SqlStatement s) {
            if (settings == null) return null;
            var words = new dev.rehearse.dialect.Rule.Words(s.sql(), dialect.words(s.sql()));
            if (!dialect.requestsBlockingLock(words, s.kind())) return null;
            String table = words.table();
            if (table.equals("?") && words.has("INDEX")) {
                String index = words.nameAfter("INDEX");
                table = index.equals("?") ? "?" : indexTables.getOrDefault(unquoted(dialect.qualified(index)), "?");
            }
            if (table.equals("?") || !tables.contains(unquoted(dialect.qualified(table)))) return null;
            try {
                dev.rehearse.load.LongTransaction t = dev.rehearse.load.LongTransaction.open(db, engine::sessionId,
                        quoted(table), settings.holdMs());
                open.add(t);
                progress.accept("load: session " + t.session() + " holds a read on " + dialect.displayName(table)
                        + " open for " + settings.holdMs() + " ms");
                return "session " + t.session() + " (rehearse-long-transaction), reading " + dialect.displayName(table)
                        + " in a transaction held open " + settings.holdMs() + " ms";
            } catch (SQLException e) {
                progress.accept("load: cannot hold a read on " + table + ": " + e.getMessage().lines().findFirst().orElse(""));
                return null;
            }
        }

        private static String unquoted(String name) {
            return name.replace("\"", "");
        }

        private String quoted(String table) {
            List<String> parts = new java.util.ArrayList<>();
            for (String p : table.split("\\.")) parts.add(p.startsWith("\"") ? p : dialect.quote(p));
            return String.join(".", parts);
        }

        @Override
        public void close() {
            open.forEach(dev.rehearse.load.LongTransaction::close);
        }
    }

    /**
     * A report of what ran so far, for a run that cannot finish (interrupted, or its server terminated): the
     * statements that completed, judged as usual, the workload and samples up to now, and a reason that says it is
     * partial. Null when the migrations had not started.
     *
     * @param why what ended the run, e.g. "the rehearsal was interrupted"
     */
    public Result partial(String why) {
        Live l = live;
        if (l == null) return null;
        MigrationRun soFar = l.runner().soFar();
        if (soFar == null) return null;
        Recording r = new Recording(l.db(), l.seed(), soFar, l.timeline(), l.load().events(), l.loadRan(),
                l.baselineFrom(), l.baselineTo(), l.sampler().intervals());
        return new Result(partialReport(analyze(r, startedAt, wallStart).report(), soFar, why), null);
    }

    /** A failure whose cause is the server dying on its own, said as such, with what ran so far when there is any. */
    private RuntimeException terminatedOr(Database db, RuntimeException e) {
        String gone = terminated(db);
        if (gone == null) return e;
        return new ServerTerminatedException("the server terminated during the rehearsal: " + gone,
                partial("the server terminated"), e);
    }

    /**
     * Whether a failure came from the server dying: its connections drop at once, while the JVM learns the process
     * ended a moment later, so a failure waits up to a second for that before it is taken as the failure it says.
     */
    private static String terminated(Database db) {
        for (int i = 0; i < 20; i++) {
            String gone = db.terminated();
            if (gone != null) return gone;
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The report of a run that could not finish, its reason saying so and what did not complete. */
    private static Report partialReport(Report full, MigrationRun soFar, String why) {
        int n = soFar.statements().size();
        String reason = "Partial report: " + why + " after " + n + (n == 1 ? " statement" : " statements")
                + (soFar.notRun().isEmpty() ? "" : "; no statement completed in " + soFar.notRun().stream().map(Migration::name)
                .collect(java.util.stream.Collectors.joining(", "))) + ". What ran: " + full.verdictReason();
        return new Report(full.tool(), full.engine(), full.verdict(), reason, full.categories(),
                full.statements(), full.findings(), full.seed(), full.load(), full.replication(), full.run(),
                full.timeline(), full.rollbacks(), full.thresholds());
    }

    /** Phase 5: the recording judged against the thresholds, into the report. */
    public Result analyze(Recording r, String startedAt, long wallStart) {
        dev.rehearse.dialect.Dialect dialect = Engines.of(r.db().kind()).dialect(r.db().version());
        List<Report.Rollback> rollbacks = r.rollbacks().stream().map(o -> rollback(o, dialect)).toList();
        Analyzer.Analysis analysis = new Analyzer(scenario.thresholds(), exclude).analyze(new Analyzer.Input(scenario, r.run(),
                r.timeline().lockSamples(), r.events(), r.loadRan(), r.timeline().origin(), r.baselineFrom(), r.baselineTo(),
                dialect, r.plans(), rollbacks, r.loadTo(), replicaInput(r)));
        Report report = new Report(
                new Report.Tool("rehearse", Version.get()),
                new Report.Engine(r.db().kind().id(), r.db().serverVersion(), r.db().provider().id()),
                analysis.verdict(), analysis.reason(), analysis.categories(), analysis.statements(),
                analysis.findings(),
                new Report.Seed(r.seed().tables().stream().map(t -> new Report.SeedTable(t.table(), t.rows(), t.seconds())).toList()),
                loadReport(r.loadRan(), r.events(), r.timeline().lockSamples(), r.baselineFrom(), r.baselineTo(), r.run(),
                        r.plans(), analysis.migrations(), r.loadTo()),
                analysis.replication(),
                new Report.Run(startedAt, Math.round((System.nanoTime() - wallStart) / 1e7) / 100.0,
                        scenario.observe().lockSampleIntervalMs(), r.sampleIntervals() == null ? null : round(r.sampleIntervals().medianMs()),
                        scenario.source() == null ? null : scenario.source().toString(),
                        r.sampleIntervals() == null ? null : round(r.sampleIntervals().p99Ms()),
                        r.sampleIntervals() == null ? null : round(r.sampleIntervals().maxMs()),
                        probe(r, StatementProbe.Cost::totalMs), probe(r, StatementProbe.Cost::maxMs),
                        probe(r, StatementProbe.Cost::inTransactionMs)),
                Downsample.windows(r.timeline().origin(), Downsample.WINDOW_MS, r.events(), r.timeline().lockSamples(),
                        r.run().statements()),
                rollbacks.isEmpty() ? null : rollbacks, thresholds(scenario.thresholds()));
        return new Result(report, syntaxError(r.run()));
    }

    /** The replica's recording as the analyzer reads it; null when none ran. */
    private static Analyzer.Replica replicaInput(Recording r) {
        ReplicaRecording rep = r.replica();
        if (rep == null) return null;
        var points = r.timeline().series(Timeline.REPLICATION).points();
        if (rep.trialsFrom() != null) { // the batch trials' lag is theirs, not the migrations'
            points = points.stream().filter(p -> p.atNanos() < rep.trialsFrom() || p.atNanos() > rep.trialsTo()).toList();
        }
        return new Analyzer.Replica(points, rep.model(), Timeline.REPLICATION_INTERVAL_MS * 1_000_000L,
                rep.intervals() == null ? null : round(rep.intervals().medianMs()), rep.reads(), rep.cancelled(),
                rep.batchTrials());
    }

    private static Report.Thresholds thresholds(Scenario.Thresholds t) {
        return new Report.Thresholds(t.queryWaitFlagMs(), t.queryWaitBlockMs(), t.lockHoldFlagMs(), t.lockHoldBlockMs(),
                t.p99Factor(), t.p99MinIncreaseMs(), t.backfillRowsFlag(), t.walBytesFlag(), t.replicationLagFlagMs(),
                t.replicationLagBlockMs());
    }

    /** A rehearsed down as the report tells it: its outcome, its time, the strongest lock per relation it took. */
    private static Report.Rollback rollback(Rollbacks.Outcome o, dev.rehearse.dialect.Dialect dialect) {
        Migration m = o.migration();
        String file = m.rollback() == null ? null : m.rollback().toString();
        if (o.run() == null) {
            return new Report.Rollback(m.name(), file, o.hasDown() ? "not-reached" : "no-down", null, null, null,
                    List.of(), List.of());
        }
        List<ExecutedStatement> ran = o.run().statements();
        String error = ran.stream().map(ExecutedStatement::error).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        long ms = ran.isEmpty() ? 0 : Math.round((ran.get(ran.size() - 1).transactionEndNanos() - ran.get(0).startNanos()) / 1e6);
        Map<String, Report.Lock> locks = new LinkedHashMap<>();
        for (ExecutedStatement s : ran) {
            if (s.facts() == null) continue;
            List<StatementProbe.HeldLock> taken = new java.util.ArrayList<>(s.facts().locksAcquired());
            taken.addAll(s.facts().locksImplied());
            for (StatementProbe.HeldLock l : taken) {
                var mode = dialect.lockMode(l.mode());
                Report.Lock was = locks.get(l.relation());
                if (was != null && dialect.lockMode(was.mode()).rank() >= mode.rank()) continue;
                locks.put(l.relation(), new Report.Lock(l.relation(), l.mode(), mode.blocks().id(),
                        Math.round((s.transactionEndNanos() - s.startNanos()) / 1e6)));
            }
        }
        return new Report.Rollback(m.name(), file, o.failed() ? "failed" : "rolled-back", error, ms, ran.size(),
                List.copyOf(locks.values()), o.lost().stream().map(dialect::displayName).toList());
    }

    private Report.Load loadReport(boolean ran, List<LoadEvent> events, List<dev.rehearse.observe.LockSample> samples,
                                   long baselineFrom, long baselineTo, MigrationRun run, List<Report.Plan> plans,
                                   List<Report.MigrationTraffic> migrations, long loadTo) {
        Scenario.Load l = scenario.load();
        if (!ran) return new Report.Load(false, null, null, null, null, null, null, null, null, null, null);
        List<LoadEvent> baseline = Latencies.within(events, baselineFrom, baselineTo);
        long from = run.statements().isEmpty() ? baselineTo : run.statements().get(0).startNanos();
        long to = run.statements().isEmpty() ? baselineTo : run.statements().get(run.statements().size() - 1).transactionEndNanos();
        List<LoadEvent> during = Latencies.overlapping(events, from, to);
        double max = events.stream().mapToDouble(LoadEvent::latencyMs).max().orElse(0);
        // directly or queued behind a client that was, each its latency from the timestamps
        LockWaits.Joined waits = LockWaits.join(events, LockWaits.episodes(samples, sl -> true));
        return new Report.Load(true, l.clients(), l.rate(), (long) events.size(),
                events.stream().filter(e -> e.error() != null).count(),
                round(Latencies.percentile(baseline, 50)), round(Latencies.percentile(baseline, 99)), round(Latencies.percentile(during, 99)), round(max),
                waits.count(), Math.round(waits.maxNanos() / 1e6), plans,
                Latencies.traffic(events, baselineFrom, baselineTo), Latencies.traffic(events, from, to),
                Latencies.traffic(events, to, Math.max(to, loadTo)), migrations);
    }

    /** One of the probe's own costs, null when it did not time itself or probed nothing. */
    private static Double probe(Recording r, java.util.function.ToDoubleFunction<StatementProbe.Cost> part) {
        StatementProbe.Cost c = r.probeCost();
        return c == null || c.statements() == 0 ? null : round(part.applyAsDouble(c));
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    /** A statement the server could not parse is a broken migration source, not a finding. */
    private static String syntaxError(MigrationRun run) {
        for (ExecutedStatement s : run.statements()) {
            if (s.errorClass() == ErrorClass.SYNTAX) {
                return s.migration().file() + ":" + s.errorFileLine() + ": " + s.error();
            }
        }
        return null;
    }

    private List<SqlStatement> schemaStatements(SqlSplitter splitter) {
        Scenario.Schema schema = scenario.schema();
        if (schema.isEmpty()) return List.of();
        String text;
        try {
            text = schema.file() != null ? dev.rehearse.migrate.ScriptText.decode(schema.file(), Files.readAllBytes(schema.file()))
                    : schema.inlineSql();
            if (text.startsWith("\uFEFF")) text = text.substring(1); // a UTF-8 byte-order mark is not SQL
        } catch (IOException e) {
            throw new InvalidInputException(schema.file() + ": cannot read schema: " + e.getMessage());
        }
        try {
            return splitter.split(text);
        } catch (SqlSplitException e) {
            throw InvalidInputException.at(schema.file(), e.line(), e.getMessage());
        }
    }

    /** Statements of the baseline, one by one in autocommit; {@code file} names where a refused one came from. */
    private void applySchema(Database db, List<SqlStatement> statements, Path file) {
        applyStatements(db, statements, file, progress);
    }

    /**
     * Statements one by one in autocommit, as a schema is built before anything is measured (the baseline, the
     * deployed migrations, drift's history); a statement the server refuses is invalid input at its file and line.
     */
    public static void applyStatements(Database db, List<SqlStatement> statements, Path file, Consumer<String> progress) {
        if (statements.isEmpty()) return;
        progress.accept("schema: " + statements.size() + " statements from " + file.getFileName());
        try (Connection c = db.connect("rehearse-schema"); Statement st = c.createStatement()) {
            for (SqlStatement s : statements) {
                if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL) continue; // each statement commits on its own
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw InvalidInputException.at(file, s.line(),
                            "baseline schema statement failed: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot apply the baseline schema: " + e.getMessage(), e);
        }
    }

    /** When the whole run's deadline ({@code deadlines.run}, {@code --deadline}) falls, on the wall-clock start. */
    private long runEndsAtNanos() {
        long runMs = scenario.deadlines().runMs();
        return runMs >= Long.MAX_VALUE / 2_000_000 ? Long.MAX_VALUE : wallStart + runMs * 1_000_000;
    }

    /** The load running alone ({@code seconds}), cut short when the run's deadline comes first. */
    private void sleep(double seconds) {
        long leftMs = runEndsAtNanos() == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(0, (runEndsAtNanos() - System.nanoTime()) / 1_000_000);
        pause(Math.min(seconds, leftMs / 1000.0));
    }

    private static void pause(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted", e);
        }
    }
}
