package dev.rehearse.model;


import java.util.List;

/**
 * The one report model: {@code report.json} is its serialisation and every renderer reads it.
 * Field names and meanings are the contract in CONTRACT.md; a value that was not measured is null.
 */
public record Report(
        Tool tool,
        Engine engine,
        Verdict verdict,
        String verdictReason,
        List<CategoryResult> categories,
        List<StatementReport> statements,
        List<Finding> findings,
        Seed seed,
        Load load,
        Replication replication,
        Run run,
        Timeline timeline,
        List<Rollback> rollbacks,
        Thresholds thresholds,
        Comparison comparison) {

    public Report(Tool tool, Engine engine, Verdict verdict, String verdictReason, List<CategoryResult> categories,
                  List<StatementReport> statements, List<Finding> findings, Seed seed, Load load,
                  Replication replication, Run run, Timeline timeline, List<Rollback> rollbacks, Thresholds thresholds) {
        this(tool, engine, verdict, verdictReason, categories, statements, findings, seed, load, replication, run,
                timeline, rollbacks, thresholds, null);
    }

    public Report(Tool tool, Engine engine, Verdict verdict, String verdictReason, List<CategoryResult> categories,
                  List<StatementReport> statements, List<Finding> findings, Seed seed, Load load,
                  Replication replication, Run run, Timeline timeline, List<Rollback> rollbacks) {
        this(tool, engine, verdict, verdictReason, categories, statements, findings, seed, load, replication, run,
                timeline, rollbacks, null);
    }

    /**
     * The thresholds the run judged against (an extension), so a report rendered later says what FLAG and BLOCK
     * meant; null for lint, which judges by the rules' static severities.
     */
    public record Thresholds(long queryWaitFlagMs, long queryWaitBlockMs, long lockHoldFlagMs, long lockHoldBlockMs,
                             double p99Factor, long p99MinIncreaseMs, long backfillRowsFlag, long walBytesFlag,
                             long replicationLagFlagMs, long replicationLagBlockMs) {}

    public Report(Tool tool, Engine engine, Verdict verdict, String verdictReason, List<CategoryResult> categories,
                  List<StatementReport> statements, List<Finding> findings, Seed seed, Load load,
                  Replication replication, Run run, Timeline timeline) {
        this(tool, engine, verdict, verdictReason, categories, statements, findings, seed, load, replication, run,
                timeline, null);
    }

    /** The same report with another {@code run} (the CLI adds the command line and the machine). */
    public Report withRun(Run run) {
        return new Report(tool, engine, verdict, verdictReason, categories, statements, findings, seed, load, replication,
                run, timeline, rollbacks, thresholds, comparison);
    }

    /** The same report compared with an earlier run's ({@code --compare}). */
    public Report withComparison(Comparison comparison) {
        return new Report(tool, engine, verdict, verdictReason, categories, statements, findings, seed, load, replication,
                run, timeline, rollbacks, thresholds, comparison);
    }

    /**
     * This run beside an earlier one of the same scenario ({@code --compare PREVIOUS/report.json}, an extension; null
     * without it): the statements matched by migration and SQL, and what regressed beyond the noise.
     *
     * @param previous the earlier report's path as given
     * @param previousStartedAt when the earlier run started
     * @param matched statements found in both runs; {@code unmatched} are this run's statements the earlier one lacks
     */
    public record Comparison(String previous, String previousStartedAt, Noise noise, int matched, int unmatched,
                             List<Regression> regressions) {}

    /**
     * What counts as noise between two runs: a figure regressed when it grew by more than {@code relative} of its
     * earlier value and by more than the floor ({@code floorMs} for times, {@code floorQueries} for counts).
     */
    public record Noise(double relative, long floorMs, long floorQueries) {}

    /**
     * One statement's figure that got worse.
     *
     * @param field {@code lockHoldMs}, {@code durationMs}, {@code blockedQueries}, {@code maxBlockedMs} (grew beyond
     *              the noise), or {@code blocks}, {@code rewrite}, {@code status}, {@code error} (got worse at all)
     * @param previousIndex the statement's index in the earlier report
     */
    public record Regression(int statementIndex, int previousIndex, String migration, String sql, String field,
                             Object previous, Object current) {}

    /**
     * A migration's down rehearsed after the ups, on the data they left (an extension); the last migration's first.
     *
     * @param outcome {@code rolled-back}, {@code failed}, {@code no-down} (its source has none) or {@code not-reached}
     *                (an earlier down failed, so a rollback would stop there)
     * @param file where the down lives
     * @param locks per relation the strongest lock the down took, held from its statement to its transaction's end
     * @param lost what the down removed that held values: {@code orders.note (20,000 values)}
     */
    public record Rollback(String migration, String file, String outcome, String error, Long durationMs,
                           Integer statements, List<Lock> locks, List<String> lost) {}

    public record Tool(String name, String version) {}

    /** @param version the server's own version string, e.g. 16.15 */
    public record Engine(String kind, String version, String provider) {}

    /** One row of the category table. */
    public record CategoryResult(Category category, Status status, String issue, String action) {}

    /**
     * One executed statement, in execution order.
     *
     * @param line the statement's first line in its migration file
     * @param inTransaction whether it ran inside a transaction block
     * @param indexesRebuilt indexes whose storage was rebuilt (an extension of the contract's rewrote[])
     * @param lockWaitMs of durationMs, the time it waited for locks others held (an extension): waiting, not work,
     *                   so never scaled by the estimate; null when no lock samples were recorded
     * @param algorithm (extension) the ALTER algorithm the server ran, measured: {@code INSTANT}, {@code INPLACE} or
     *                  {@code COPY}; null for other statements and on PostgreSQL
     * @param rebuild (extension) with an algorithm: whether the table's storage was replaced; else null
     * @param concurrentDml (extension) with an algorithm: whether writes to the table were allowed while it ran
     */
    public record StatementReport(int index, String migration, Integer line, String sql, boolean inTransaction,
                                  long startedAtMs, long durationMs, String error, Long rowsAffected,
                                  List<Lock> locks, List<String> rewrote, List<String> indexesRebuilt,
                                  List<String> scanned, Long walBytes, Long replicationLagMaxMs, Impact impact,
                                  Estimate estimate, Long lockWaitMs, String queuedBehind, List<Attempt> attempts,
                                  String algorithm, Boolean rebuild, Boolean concurrentDml) {

        public StatementReport {
            attempts = attempts == null ? List.of() : List.copyOf(attempts);
        }

        public StatementReport(int index, String migration, Integer line, String sql, boolean inTransaction,
                               long startedAtMs, long durationMs, String error, Long rowsAffected,
                               List<Lock> locks, List<String> rewrote, List<String> indexesRebuilt,
                               List<String> scanned, Long walBytes, Long replicationLagMaxMs, Impact impact,
                               Estimate estimate, Long lockWaitMs, String queuedBehind, List<Attempt> attempts) {
            this(index, migration, line, sql, inTransaction, startedAtMs, durationMs, error, rowsAffected, locks, rewrote,
                    indexesRebuilt, scanned, walBytes, replicationLagMaxMs, impact, estimate, lockWaitMs, queuedBehind,
                    attempts, null, null, null);
        }

        public StatementReport(int index, String migration, Integer line, String sql, boolean inTransaction,
                               long startedAtMs, long durationMs, String error, Long rowsAffected,
                               List<Lock> locks, List<String> rewrote, List<String> indexesRebuilt,
                               List<String> scanned, Long walBytes, Long replicationLagMaxMs, Impact impact,
                               Estimate estimate, Long lockWaitMs) {
            this(index, migration, line, sql, inTransaction, startedAtMs, durationMs, error, rowsAffected, locks, rewrote,
                    indexesRebuilt, scanned, walBytes, replicationLagMaxMs, impact, estimate, lockWaitMs, null, List.of());
        }

        public StatementReport(int index, String migration, Integer line, String sql, boolean inTransaction,
                               long startedAtMs, long durationMs, String error, Long rowsAffected,
                               List<Lock> locks, List<String> rewrote, List<String> indexesRebuilt,
                               List<String> scanned, Long walBytes, Long replicationLagMaxMs, Impact impact,
                               Estimate estimate) {
            this(index, migration, line, sql, inTransaction, startedAtMs, durationMs, error, rowsAffected, locks, rewrote,
                    indexesRebuilt, scanned, walBytes, replicationLagMaxMs, impact, estimate, null);
        }
    }

    /** An attempt of a statement that failed on its lock timeout and was retried (migrations.lock_retries). */
    public record Attempt(long startedAtMs, long durationMs, String error) {}

    /**
     * How a statement whose cost grows with its table would take at production size: linear in rows,
     * from the rehearsed row count (an extension of the contract).
     *
     * @param productionRows null when the scenario gives no production row count
     * @param productionMs the estimated duration at productionRows, null without it
     * @param workMs the rehearsed time that was scaled: the statement's duration less its lock waits
     */
    public record Estimate(String table, long rehearsedRows, double msPerMillionRows, Long productionRows,
                           Long productionMs, Long workMs) {

        public Estimate(String table, long rehearsedRows, double msPerMillionRows, Long productionRows,
                        Long productionMs) {
            this(table, rehearsedRows, msPerMillionRows, productionRows, productionMs, null);
        }
    }

    /**
     * @param mode the engine's own lock mode name
     * @param blocks {@code reads_writes}, {@code writes} or {@code none}
     * @param heldMs from acquisition to the end of the transaction that held it
     */
    public record Lock(String relation, String mode, String blocks, Long heldMs) {}

    /**
     * What the statement did to the application's queries while it ran (and while its locks were held).
     *
     * @param queries application queries in flight during the statement: the sample size behind p99Ms
     * @param during (extension) the workload over the same window, as {@link Traffic}: to read against
     *               {@code load.before}, the baseline
     */
    public record Impact(Integer blockedQueries, Long maxBlockedMs, Double p99Ms, Double baselineP99Ms,
                         Integer errors, Integer queries, Traffic during) {

        public Impact(Integer blockedQueries, Long maxBlockedMs, Double p99Ms, Double baselineP99Ms, Integer errors,
                      Integer queries) {
            this(blockedQueries, maxBlockedMs, p99Ms, baselineP99Ms, errors, queries, null);
        }
    }

    /**
     * The workload over one window (an extension): what got through, how fast, and what failed.
     *
     * @param queries application queries due in the window (their open-loop start): the sample of the latencies,
     *                errors and timeouts
     * @param perSecond queries that completed in the window, per second of it; null for a window under 100 ms, too
     *                  short to be a rate
     * @param p50Ms median latency of those queries, from when each was due; null without queries
     * @param errors of those queries, the ones that failed (timeouts included)
     * @param timeouts of the errors, the ones the engine reports as a timeout (the application's
     *                 {@code load.statement_timeout}, a lock timeout)
     */
    public record Traffic(long queries, Double perSecond, Double p50Ms, Double p99Ms, Double maxMs, long errors,
                          long timeouts) {}

    /**
     * One migration's effect on the workload (an extension): before it, while it ran, and after it.
     *
     * @param firstStatement its first statement's index, null when the run did not reach it
     * @param before from the previous migration's end (the load's start, for the first) to its first statement
     * @param during from its first statement to the end of its last transaction
     * @param after from there to the next migration's start (the load's end, for the last); each migration is
     *              followed by {@code load.settle_seconds} of load alone
     * @param queries each workload query's figures before and after it, in the workload's order
     */
    public record MigrationTraffic(String migration, Integer firstStatement, Integer lastStatement, Traffic before,
                                   Traffic during, Traffic after, List<QueryTraffic> queries) {}

    /** One workload query before and after a migration. */
    public record QueryTraffic(String query, Traffic before, Traffic after) {}

    /**
     * @param rule stable kebab-case id shared by lint and run
     * @param file the migration file the finding is about (extension; lint and run), null when it is about none
     * @param line the statement's first line in that file (extension)
     * @param suppressed why the finding does not count (extension): null when it counts
     */
    public record Finding(String rule, Category category, Status status, Integer statementIndex, String message,
                          String action, String file, Integer line, Suppressed suppressed) {

        public Finding(String rule, Category category, Status status, Integer statementIndex, String message,
                       String action) {
            this(rule, category, status, statementIndex, message, action, null, null, null);
        }

        public boolean counts() {
            return suppressed == null;
        }
    }

    /**
     * A finding a user chose to accept.
     *
     * @param by {@code statement} ({@code -- rehearse:ignore} before it), {@code file}
     *           ({@code -- rehearse:ignore-file}) or {@code config} ({@code exclude} in .rehearse.yaml)
     */
    public record Suppressed(String by, String reason) {}

    public record Seed(List<SeedTable> tables) {}

    public record SeedTable(String name, long rows, double seconds) {}

    /**
     * The application workload.
     *
     * @param queries total queries issued; {@code errors} of them failed
     * @param lockWaitedQueries queries that waited on a lock at least one sampling interval
     * @param maxLockWaitMs the longest such wait
     * @param plans (extension) each named workload query's plan before the migrations and after them; null when the
     *              workload has no named queries or the engine cannot explain
     * @param before (extension) the workload over the baseline window, before the first migration
     * @param during (extension) from the first statement to the end of the last transaction
     * @param after (extension) from there to the load's end (the cooldown)
     * @param migrations (extension) each migration's before, during and after, in run order
     */
    public record Load(boolean enabled, Integer clients, Double targetRate, Long queries, Long errors,
                       Double baselineP50Ms, Double baselineP99Ms, Double migrationP99Ms, Double maxMs,
                       Long lockWaitedQueries, Long maxLockWaitMs, List<Plan> plans, Traffic before, Traffic during,
                       Traffic after, List<MigrationTraffic> migrations) {

        public Load(boolean enabled, Integer clients, Double targetRate, Long queries, Long errors,
                    Double baselineP50Ms, Double baselineP99Ms, Double migrationP99Ms, Double maxMs,
                    Long lockWaitedQueries, Long maxLockWaitMs, List<Plan> plans) {
            this(enabled, clients, targetRate, queries, errors, baselineP50Ms, baselineP99Ms, migrationP99Ms, maxMs,
                    lockWaitedQueries, maxLockWaitMs, plans, null, null, null, null);
        }

        public Load(boolean enabled, Integer clients, Double targetRate, Long queries, Long errors,
                    Double baselineP50Ms, Double baselineP99Ms, Double migrationP99Ms, Double maxMs,
                    Long lockWaitedQueries, Long maxLockWaitMs) {
            this(enabled, clients, targetRate, queries, errors, baselineP50Ms, baselineP99Ms, migrationP99Ms, maxMs,
                    lockWaitedQueries, maxLockWaitMs, null);
        }
    }

    /**
     * One workload query as the planner saw it (EXPLAIN, not run), with the same parameters, before the migrations
     * and after them.
     *
     * @param before the indexes its plan used before the migrations
     * @param after the indexes its plan uses after them
     * @param scansBefore the plan's scan nodes before ({@code Index Scan using orders_customer_idx on orders})
     * @param scansAfter the plan's scan nodes after ({@code Seq Scan on orders})
     * @param error why it could not be planned after the migrations (or before), null when it could
     */
    public record Plan(String query, List<String> before, List<String> after, List<String> scansBefore,
                       List<String> scansAfter, String error) {

        /** The indexes its plan uses now and did not before: what a new index changed. */
        public List<String> newlyUsed() {
            return after.stream().filter(i -> !before.contains(i)).toList();
        }
    }

    /**
     * The replica, as rehearsed (the contract's {@code replication {…}}; everything after {@code walBytes} is an
     * extension). What a replica alone can measure is null when none ran ({@code measured} false); the projection from
     * WAL is given either way.
     *
     * @param measured false when no replica was rehearsed
     * @param maxLagMs the peak lag sampled, in time: how long after a write on the primary the replica showed it
     * @param walBytes WAL (log) the migrations' statements wrote, all of them; null when the engine does not measure it
     * @param maxLagBytes the peak of log bytes written on the primary and not yet applied on the replica
     * @param timeOverThresholdMs how long the lag was at or over {@code thresholdMs}
     * @param thresholdMs the threshold that time counts against ({@code thresholds.replication_lag_flag})
     * @param cancelledQueries replica queries cancelled by a conflict with what the replica applied (the workload's
     *                         own count of its cancelled replica reads; else the server's counter)
     * @param replicaQueries workload queries run on the replica ({@code load.replica_share}); null when none were sent
     * @param staleReads of those, the ones that ran while the lag was at or over {@code thresholdMs}
     * @param replicaWaitMs the most a replica query waited past its usual latency while the replica applied a lock
     *                      (its wait behind replay); null when none ran there
     * @param projectedLagMs the largest lag projected at production rows (else at the rehearsed rows): the time to apply
     *                       a statement's WAL there at {@code model.projectionRateBytesPerSecond} less the time the
     *                       primary takes to write it ({@link LagProjection}); null when no WAL was measured
     * @param model the replica's model as rehearsed; null when no replica ran
     * @param statements per statement with WAL or lag, its lag and projection
     * @param migrations per migration, its peak lag and time over the threshold; empty when no replica ran
     * @param batches for a one-statement backfill, batch sizes and pauses that keep the lag under the threshold
     * @param samples replication samples taken; null when no replica ran
     * @param achievedSampleIntervalMs the median interval between them
     */
    public record Replication(boolean measured, Long maxLagMs, Long walBytes, Long maxLagBytes, Long timeOverThresholdMs,
                              Long thresholdMs, Long cancelledQueries, Long replicaQueries, Long staleReads,
                              Long replicaWaitMs, Long projectedLagMs, ReplicaModel model, List<StatementLag> statements,
                              List<MigrationLag> migrations, List<BatchAdvice> batches, Long samples,
                              Double achievedSampleIntervalMs) {

        public Replication {
            statements = statements == null ? List.of() : List.copyOf(statements);
            migrations = migrations == null ? List.of() : List.copyOf(migrations);
            batches = batches == null ? List.of() : List.copyOf(batches);
        }

        public Replication(boolean measured, Long maxLagMs, Long walBytes) {
            this(measured, maxLagMs, walBytes, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }
    }

    /**
     * The replica's model: what made it slower or farther than one on this machine, and what a projection assumes.
     *
     * @param description how the engine applied it, e.g. {@code WAL stream throttled to 20 MB/s}
     * @param applyRateBytesPerSecond {@code replica.apply_rate}; null: unthrottled
     * @param applyDelayMs {@code replica.apply_delay}; null: none
     * @param maxStandbyStreamingDelayMs {@code replica.max_standby_streaming_delay}; null: the server's default
     * @param hotStandbyFeedback {@code replica.hot_standby_feedback}; null: the server's default
     * @param replicaShare {@code load.replica_share}
     * @param projectionRateBytesPerSecond what projections divide WAL by: the apply rate, else an assumed 20 MB/s
     * @param projectionRateAssumed whether that rate is the assumption rather than the scenario's
     */
    public record ReplicaModel(String description, Long applyRateBytesPerSecond, Integer applyDelayMs,
                               Integer maxStandbyStreamingDelayMs, Boolean hotStandbyFeedback, double replicaShare,
                               long projectionRateBytesPerSecond, boolean projectionRateAssumed) {}

    /**
     * One statement's replication figures.
     *
     * @param maxLagMs the peak lag of what it wrote (samples whose applied state dates from while it ran, and the
     *                 first sample after it); null when no replica ran
     * @param timeOverThresholdMs how long that lag was at or over the threshold; null when no replica ran
     * @param projectedWalBytes its WAL at production rows (linear in rows); null without production rows
     * @param projectedLagMs the lag behind its commit that WAL (else the rehearsed WAL) projects to at the projection
     *                       rate ({@link LagProjection})
     */
    public record StatementLag(int index, Long maxLagMs, Long timeOverThresholdMs, Long walBytes, Long projectedWalBytes,
                               Long projectedLagMs) {}

    /** One migration's peak lag and time over the threshold, over all its statements wrote. */
    public record MigrationLag(String migration, Long maxLagMs, Long timeOverThresholdMs, Long projectedLagMs) {}

    /**
     * A batch size for a backfill and the pause between batches that keeps the replica under the threshold.
     *
     * @param statementIndex the one-statement backfill it is for
     * @param batchRows rows per batch
     * @param pauseMs pause after each batch
     * @param maxLagMs the peak lag: measured when {@code measured}, else projected from the statement's WAL per row
     *                 and the replica's apply rate
     * @param measured whether this batching was rehearsed ({@code replica.tune_batches})
     * @param trials the batch sizes rehearsed against the replica, smallest first; empty when {@code measured} is false
     */
    public record BatchAdvice(int statementIndex, long batchRows, long pauseMs, Long maxLagMs, boolean measured,
                              List<BatchTrial> trials) {

        public BatchAdvice {
            trials = trials == null ? List.of() : List.copyOf(trials);
        }

        public BatchAdvice(int statementIndex, long batchRows, long pauseMs, Long maxLagMs, boolean measured) {
            this(statementIndex, batchRows, pauseMs, maxLagMs, measured, List.of());
        }
    }

    /**
     * One batch size rehearsed against the live replica ({@code replica.tune_batches}): a few batches of the backfill,
     * each in its own transaction, each followed by a wait until the replica had applied it.
     *
     * @param batchRows rows per batch asked for (a key range of that many rows)
     * @param batches batches run
     * @param rowsChanged rows the batches changed, all of them
     * @param batchMaxMs the longest batch on the primary
     * @param maxLagMs the peak replica lag sampled while the batches ran and the replica caught up; null without a sample
     * @param catchUpMaxMs the longest the replica took, after a batch ended, to show no lag: the pause advised with it
     * @param underThreshold whether {@code maxLagMs} stayed under {@code replication_lag_flag}
     * @param caughtUp false when the replica had not caught up within the trial's limit (the figures are a lower bound)
     */
    public record BatchTrial(long batchRows, int batches, long rowsChanged, long batchMaxMs, Long maxLagMs,
                             long catchUpMaxMs, boolean underThreshold, boolean caughtUp) {}

    /**
     * @param sampleIntervalMs the lock sampler's configured interval
     * @param achievedSampleIntervalMs the median interval it actually achieved
     * @param achievedSampleIntervalP99Ms the 99th percentile of the achieved intervals (extension): a stall of the
     *                                    sampler shows here, where waits shorter than it may have gone unseen
     * @param achievedSampleIntervalMaxMs the longest achieved interval (extension)
     * @param probeMs the statement probe's own time around the statements, all of it (extension); null when nothing
     *                was probed
     * @param probeMaxMs the most the probe spent around one statement (extension)
     * @param probeInTransactionMs of probeMs, the part spent inside transactions (extension): time the probe added to
     *                             the locks those transactions held
     * @param command the exact command line that made the report, passwords masked (extension: to reproduce it)
     * @param scenarioSha256 SHA-256 of the scenario file's bytes, or, without a scenario file, of the command's
     *                       arguments (the effective flags) joined by newlines (extension)
     * @param machine what the run ran on (extension)
     * @param alerts the monitoring thresholds the runbook gives for the deploy (extension); null for lint
     */
    public record Run(String startedAt, double wallSeconds, Integer sampleIntervalMs, Double achievedSampleIntervalMs,
                      String scenario, Double achievedSampleIntervalP99Ms, Double achievedSampleIntervalMaxMs,
                      Double probeMs, Double probeMaxMs, Double probeInTransactionMs, String command,
                      String scenarioSha256, Machine machine, Alerts alerts) {

        public Run(String startedAt, double wallSeconds, Integer sampleIntervalMs, Double achievedSampleIntervalMs,
                   String scenario, Double achievedSampleIntervalP99Ms, Double achievedSampleIntervalMaxMs,
                   Double probeMs, Double probeMaxMs, Double probeInTransactionMs) {
            this(startedAt, wallSeconds, sampleIntervalMs, achievedSampleIntervalMs, scenario, achievedSampleIntervalP99Ms,
                    achievedSampleIntervalMaxMs, probeMs, probeMaxMs, probeInTransactionMs, null, null, null, null);
        }

        /** The same run with what it takes to reproduce it. */
        public Run withProvenance(String command, String scenarioSha256, Machine machine) {
            return new Run(startedAt, wallSeconds, sampleIntervalMs, achievedSampleIntervalMs, scenario,
                    achievedSampleIntervalP99Ms, achievedSampleIntervalMaxMs, probeMs, probeMaxMs, probeInTransactionMs,
                    command, scenarioSha256, machine, alerts);
        }

        /** The same run with the runbook's monitoring thresholds. */
        public Run withAlerts(Alerts alerts) {
            return new Run(startedAt, wallSeconds, sampleIntervalMs, achievedSampleIntervalMs, scenario,
                    achievedSampleIntervalP99Ms, achievedSampleIntervalMaxMs, probeMs, probeMaxMs, probeInTransactionMs,
                    command, scenarioSha256, machine, alerts);
        }

        public Run(String startedAt, double wallSeconds, Integer sampleIntervalMs, Double achievedSampleIntervalMs,
                   String scenario, Double achievedSampleIntervalP99Ms, Double achievedSampleIntervalMaxMs) {
            this(startedAt, wallSeconds, sampleIntervalMs, achievedSampleIntervalMs, scenario, achievedSampleIntervalP99Ms,
                    achievedSampleIntervalMaxMs, null, null, null);
        }
    }

    /**
     * When to page during the deploy (an extension, for the runbook).
     *
     * @param lockWaitMs alert when a lock is held, or a query waits for one, longer than this
     * @param replicaLagMs alert when a replica lags more than this
     * @param from {@code scenario} (the scenario's block thresholds) or {@code default} (30 s and 60 s)
     */
    public record Alerts(long lockWaitMs, long replicaLagMs, String from) {}

    /**
     * The machine a run ran on (an extension).
     *
     * @param cores the processors the JVM may use
     * @param memoryBytes the machine's physical memory, null where the JVM cannot read it
     * @param os name, version and architecture
     * @param java the runtime's vendor and version
     */
    public record Machine(int cores, Long memoryBytes, String os, String java) {}

    /**
     * What happened over time, downsampled to fixed windows from the start of the rehearsal's timeline, so that
     * a chart can be drawn from report.json alone (an extension). Null when nothing ran against a database (lint).
     *
     * @param windowMs the width of every window
     * @param windows consecutive windows from 0 to the last observation, empty ones included
     */
    public record Timeline(long windowMs, List<Window> windows) {}

    /**
     * One window {@code [atMs, atMs + windowMs)}.
     *
     * @param atMs the window's start, from the start of the timeline
     * @param queries application queries that completed in the window
     * @param errors how many of those failed
     * @param p99Ms the 99th percentile latency of those queries (from their intended start); null when none completed
     * @param sessionsWaiting the most sessions waiting on a lock in any one lock sample of the window; null when the
     *                        window holds no lock sample
     * @param statement the migration statement (its index) that ran longest in the window; null when none ran
     */
    public record Window(long atMs, long queries, long errors, Double p99Ms, Integer sessionsWaiting, Integer statement) {

        public Window(long atMs, long queries, long errors, Double p99Ms, Integer sessionsWaiting) {
            this(atMs, queries, errors, p99Ms, sessionsWaiting, null);
        }
    }
}
