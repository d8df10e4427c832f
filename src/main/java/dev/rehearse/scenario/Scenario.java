package dev.rehearse.scenario;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model of one rehearsal: what to start, what to load, what to run, and what counts as dangerous.
 * Built by {@link ScenarioLoader} from YAML and CLI flags; immutable from then on.
 *
 * @param source the scenario file, or null when the run was described by flags alone
 * @param replica whether a replica of the primary is rehearsed ({@code replica: true}, a {@code replica:} mapping,
 *                {@code --replica})
 * @param replicaSettings how that replica is modelled; {@link Replica#DEFAULT} when the scenario says nothing
 */
public record Scenario(
        Path source,
        EngineSpec engine,
        Provider provider,
        External external,
        Schema schema,
        Data data,
        Load load,
        boolean replica,
        Migrations migrations,
        Observe observe,
        Thresholds thresholds,
        Output output,
        Replica replicaSettings,
        Deadlines deadlines) {

    public Scenario {
        if (replicaSettings == null) replicaSettings = Replica.DEFAULT;
        if (deadlines == null) deadlines = Deadlines.DEFAULT;
    }

    /** Without replica settings or deadlines of its own: the defaults. */
    public Scenario(Path source, EngineSpec engine, Provider provider, External external, Schema schema, Data data,
                    Load load, boolean replica, Migrations migrations, Observe observe, Thresholds thresholds,
                    Output output) {
        this(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, Replica.DEFAULT,
                Deadlines.DEFAULT);
    }

    /** Without deadlines of its own: the defaults. */
    public Scenario(Path source, EngineSpec engine, Provider provider, External external, Schema schema, Data data,
                    Load load, boolean replica, Migrations migrations, Observe observe, Thresholds thresholds,
                    Output output, Replica replicaSettings) {
        this(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings,
                Deadlines.DEFAULT);
    }

    public Scenario withDeadlines(Deadlines deadlines) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings,
                deadlines);
    }

    /**
     * The tool's own limits, so a rehearsal never hangs a pipeline; distinct from the deploy's timeouts
     * ({@code migrations.lock_timeout}, {@code migrations.statement_timeout}), which are rehearsed as the deploy sets
     * them. A migration statement running past {@code statementMs}, or still running when the run reaches
     * {@code runMs}, is cancelled and reported ({@code statement-deadline}); the report is still written.
     */
    public record Deadlines(long statementMs, long runMs) {
        public static final Deadlines DEFAULT = new Deadlines(10 * 60_000L, 60 * 60_000L);
    }

    // Withers: the scenario with one part changed (a project's thresholds, a matrix's engine, an estimate's scale).

    public Scenario withEngine(EngineSpec engine) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withProvider(Provider provider) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withExternal(External external) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withSchema(Schema schema) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withData(Data data) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withLoad(Load load) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withReplica(boolean replica) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    /** A replica rehearsed with {@code settings}. */
    public Scenario withReplica(Replica settings) {
        return new Scenario(source, engine, provider, external, schema, data, load, true, migrations, observe, thresholds, output, settings, deadlines);
    }

    public Scenario withMigrations(Migrations migrations) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withObserve(Observe observe) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withThresholds(Thresholds thresholds) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    public Scenario withOutput(Output output) {
        return new Scenario(source, engine, provider, external, schema, data, load, replica, migrations, observe, thresholds, output, replicaSettings, deadlines);
    }

    /**
     * An existing server. Writes (schema, seed, migrations) need {@code allowWrites}, and a target that says it is a
     * rehearsal copy: a table named {@code markerTable} in its database, or a database name matching
     * {@code databasePattern}; {@code notProduction} ({@code --i-understand-this-is-not-production}) waives that.
     *
     * @param markerTable the table whose presence marks a rehearsal copy ({@code external.marker_table}), default
     *                    {@value #DEFAULT_MARKER}
     * @param databasePattern a regular expression the whole database name must match to count as a copy
     *                        ({@code external.database_pattern}); null: names mark nothing
     * @param rollback rehearse the migrations in one transaction that is rolled back ({@code external.rollback},
     *                 {@code --rollback}), on engines whose DDL is transactional
     */
    public record External(String url, String user, String password, boolean allowWrites, String markerTable,
                           String databasePattern, boolean notProduction, boolean rollback) {
        public static final String DEFAULT_MARKER = "rehearse_target";
        public static final External NONE = new External(null, null, null, false);

        public External {
            if (markerTable == null || markerTable.isBlank()) markerTable = DEFAULT_MARKER;
        }

        public External(String url, String user, String password, boolean allowWrites) {
            this(url, user, password, allowWrites, null, null, false, false);
        }

        /** The same guards and mode, another connection. */
        public External withConnection(String url, String user, String password, boolean allowWrites) {
            return new External(url, user, password, allowWrites, markerTable, databasePattern, notProduction, rollback);
        }

        public External withGuards(String markerTable, String databasePattern, boolean notProduction, boolean rollback) {
            return new External(url, user, password, allowWrites, markerTable, databasePattern, notProduction, rollback);
        }
    }

    /**
     * How the rehearsed replica is modelled ({@code replica:} as a mapping). A replica on this machine applies the
     * log as fast as this machine does, so that a lag that production's replicas would show (slower disks, another
     * region) shows here too, its link from the primary can be given a bandwidth and its apply a fixed delay.
     * Settings an engine has no counterpart for are ignored by it (and said so in its progress line).
     *
     * @param applyRateBytesPerSecond the replication stream throttled to this many bytes per second
     *                                ({@code apply_rate: 20MB/s}): a replica that receives, and so applies, the log no
     *                                faster; null: as fast as this machine goes. Also the rate the lag at production
     *                                rows is projected with (else {@link #ASSUMED_APPLY_RATE})
     * @param applyDelayMs every transaction applied no sooner than this after its commit on the primary
     *                     ({@code apply_delay}; PostgreSQL's {@code recovery_min_apply_delay}); null: none
     * @param maxStandbyStreamingDelayMs how long the replica's replay waits for a replica query that conflicts with it
     *                                   before cancelling the query ({@code max_standby_streaming_delay}, PostgreSQL);
     *                                   null: the server's default (30 s)
     * @param hotStandbyFeedback whether the replica tells the primary which rows its queries still need
     *                           ({@code hot_standby_feedback}, PostgreSQL); null: the server's default (off)
     * @param external an existing replica of an {@code external} primary ({@code replica.url}, {@code user},
     *                 {@code password}); {@link External#NONE} for a replica the provider starts
     * @param tuneBatches also rehearse a backfill in two or three batch sizes ({@code tune_batches})
     */
    public record Replica(Long applyRateBytesPerSecond, Integer applyDelayMs, Integer maxStandbyStreamingDelayMs,
                          Boolean hotStandbyFeedback, External external, boolean tuneBatches) {
        public static final Replica DEFAULT = new Replica(null, null, null, null, External.NONE, false);

        /**
         * The apply rate a projection assumes when none is configured: 20 MB/s, a single replay process on
         * network storage (the order of magnitude of a cloud replica replaying heap updates with full-page writes).
         */
        public static final long ASSUMED_APPLY_RATE = 20_000_000L;

        public Replica {
            if (external == null) external = External.NONE;
        }

        /**
         * The rate projections divide WAL by: the configured apply rate, else {@link #ASSUMED_APPLY_RATE}. Without a
         * replica rehearsed or a rate configured, the {@code replication-lag} rule projects row changes only (the
         * assumption describes heap updates; an index build's WAL replays sequentially, much faster).
         */
        public long projectionRate() {
            return applyRateBytesPerSecond != null ? applyRateBytesPerSecond : ASSUMED_APPLY_RATE;
        }
    }

    /** Baseline DDL: a file, inline SQL, or nothing. */
    public record Schema(Path file, String inlineSql) {
        public static final Schema NONE = new Schema(null, null);

        public boolean isEmpty() {
            return file == null && (inlineSql == null || inlineSql.isBlank());
        }
    }

    /** Row counts per table; {@code productionRows} is what the estimate scales to. */
    public record TableData(long rows, Long productionRows) {}

    /** @param profile a data profile ({@code seed-data/*.yaml}); {@code tables} override its row counts. Null when none. */
    public record Data(long seed, Map<String, TableData> tables, Path profile) {
        public static final Data NONE = new Data(42L, Map.of());

        public Data {
            tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        }

        public Data(long seed, Map<String, TableData> tables) {
            this(seed, tables, null);
        }
    }

    /**
     * The workload: the application's own queries when {@code queries} names some, otherwise the default derived
     * from the schema (primary-key reads and updates against every seeded table).
     *
     * @param rate total queries per second across all clients
     * @param baselineSeconds load before the first migration, to measure normal latency
     * @param cooldownSeconds load after the last migration
     * @param writeFraction share of the default workload's queries that are primary-key updates
     * @param queries the application's named queries ({@code load.queries} or {@code --workload}); empty: the default
     * @param longTransaction a long reader started before each blocking migration statement; null = none
     * @param settleSeconds load alone between one migration and the next: the after window of one and the before
     *                      window of the next, so that each migration's effect on the workload is measured on its own
     * @param statementTimeoutMs the application's own statement timeout on the workload's sessions; a query that runs
     *                           past it is cancelled by the server and counts as a timeout; null = none
     * @param replicaShare of the workload's reads, the share sent to the replica when one runs
     *                     ({@code load.replica_share}); 0: every query goes to the primary
     */
    public record Load(boolean enabled, int clients, double rate, double baselineSeconds,
                       double cooldownSeconds, double writeFraction, List<Query> queries, LongTransaction longTransaction,
                       double settleSeconds, Integer statementTimeoutMs, double replicaShare) {
        public static final double DEFAULT_SETTLE_SECONDS = 1;
        public static final Load DEFAULT = new Load(true, 8, 200, 3, 1, 0.3);

        public Load {
            queries = List.copyOf(queries);
        }

        public Load(boolean enabled, int clients, double rate, double baselineSeconds, double cooldownSeconds,
                    double writeFraction, List<Query> queries, LongTransaction longTransaction, double settleSeconds,
                    Integer statementTimeoutMs) {
            this(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries, longTransaction,
                    settleSeconds, statementTimeoutMs, 0);
        }

        public Load(boolean enabled, int clients, double rate, double baselineSeconds, double cooldownSeconds,
                    double writeFraction, List<Query> queries, LongTransaction longTransaction) {
            this(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries, longTransaction,
                    DEFAULT_SETTLE_SECONDS, null);
        }

        /** The default workload's settings, without named queries or a long transaction. */
        public Load(boolean enabled, int clients, double rate, double baselineSeconds, double cooldownSeconds,
                    double writeFraction) {
            this(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, List.of(), null);
        }

        public Load withEnabled(boolean enabled) {
            return new Load(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries,
                    longTransaction, settleSeconds, statementTimeoutMs, replicaShare);
        }

        public Load withQueries(List<Query> queries) {
            return new Load(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries,
                    longTransaction, settleSeconds, statementTimeoutMs, replicaShare);
        }

        public Load withLongTransaction(LongTransaction longTransaction) {
            return new Load(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries,
                    longTransaction, settleSeconds, statementTimeoutMs, replicaShare);
        }

        public Load withSettleSeconds(double settleSeconds) {
            return new Load(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries,
                    longTransaction, settleSeconds, statementTimeoutMs, replicaShare);
        }

        public Load withReplicaShare(double replicaShare) {
            return new Load(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries,
                    longTransaction, settleSeconds, statementTimeoutMs, replicaShare);
        }

        public Load withStatementTimeoutMs(Integer statementTimeoutMs) {
            return new Load(enabled, clients, rate, baselineSeconds, cooldownSeconds, writeFraction, queries,
                    longTransaction, settleSeconds, statementTimeoutMs, replicaShare);
        }
    }

    /**
     * One named query of the application's workload.
     *
     * @param statements one: a plain statement in autocommit; more: one transaction, in order; each with
     *                   {@code :name} placeholders ({@link NamedSql})
     * @param params placeholder name to where its values come from
     * @param weight its share of the workload relative to the other queries' weights
     * @param origin where it was written ({@code file:line}), for errors found when the run prepares it
     */
    public record Query(String name, List<String> statements, Map<String, Param> params, double weight, String origin) {
        public Query {
            statements = List.copyOf(statements);
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public boolean transaction() {
            return statements.size() > 1;
        }
    }

    /**
     * Where a workload parameter's values come from: {@code table.column}, a value drawn from that seeded column
     * (uniformly from a sample, so the data's own skew carries over); {@code new table.column}, a fresh key above
     * the column's largest, counting up within the run (inserts).
     */
    public record Param(String table, String column, boolean fresh) {
        private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
                "(?i)(new\\s+)?((?:[A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*)\\.([A-Za-z_][A-Za-z0-9_$]*)");

        /** Parses a source; IllegalArgumentException when it is neither form. */
        public static Param parse(String text) {
            java.util.regex.Matcher m = SOURCE.matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("unknown parameter source '" + text.trim()
                        + "'; expected table.column (a seeded value) or new table.column (a fresh key)");
            }
            return new Param(m.group(2), m.group(3), m.group(1) != null);
        }

        @Override
        public String toString() {
            return (fresh ? "new " : "") + table + "." + column;
        }
    }

    /**
     * A lock-queue reproduction ({@code load.long_transaction}): right before each migration statement that requests
     * a lock blocking reads or writes on an existing table, a separate session reads that table in a transaction and
     * keeps it open for {@code holdMs}, as a long report or an idle-in-transaction session does.
     */
    public record LongTransaction(long holdMs) {}

    /** Retries of a unit that failed on lock_timeout ({@code migrations.lock_retries}), as pgroll and GitLab do it. */
    public record LockRetries(int attempts, long backoffMs) {}

    /** How migrations run. */
    public enum Transaction {
        /** As Flyway does: one transaction per file unless a statement cannot run in one. */
        AUTO,
        /** Every file in one transaction, always (tools that wrap everything); CONCURRENTLY then fails. */
        ALWAYS,
        /** Every statement on its own (autocommit). */
        NEVER
    }

    /**
     * @param format the migration source's id ({@code sql}, {@code prisma}, ...); null: detected from the layout
     * @param lockTimeoutMs the deploy's lock_timeout, applied to the migration session; null = server default
     * @param statementTimeoutMs the deploy's statement_timeout; null = server default
     * @param lockRetries retries of a unit that failed on its lock timeout; null = none
     * @param contexts the deploy's context expression ({@code migrations.contexts}, Liquibase's {@code --contexts});
     *                 null = none given (every changeSet, as Liquibase runs them without one)
     * @param labels the deploy's label expression ({@code migrations.labels}, Liquibase's {@code --labels}); null = none
     */
    public record Migrations(List<Path> paths, String format, Transaction transaction,
                             Integer lockTimeoutMs, Integer statementTimeoutMs, LockRetries lockRetries,
                             String contexts, String labels) {
        public static final Migrations NONE = new Migrations(List.of(), null, Transaction.AUTO, null, null);

        public Migrations {
            paths = List.copyOf(paths);
        }

        public Migrations(List<Path> paths, String format, Transaction transaction, Integer lockTimeoutMs,
                          Integer statementTimeoutMs, LockRetries lockRetries) {
            this(paths, format, transaction, lockTimeoutMs, statementTimeoutMs, lockRetries, null, null);
        }

        public Migrations(List<Path> paths, String format, Transaction transaction, Integer lockTimeoutMs,
                          Integer statementTimeoutMs) {
            this(paths, format, transaction, lockTimeoutMs, statementTimeoutMs, null);
        }

        /** The same deploy settings for migrations read from {@code paths} in {@code format}. */
        public Migrations at(List<Path> paths, String format) {
            return new Migrations(paths, format, transaction, lockTimeoutMs, statementTimeoutMs, lockRetries, contexts, labels);
        }

        public Migrations withLockRetries(LockRetries lockRetries) {
            return new Migrations(paths, format, transaction, lockTimeoutMs, statementTimeoutMs, lockRetries, contexts, labels);
        }

        /** Null keeps the current expression. */
        public Migrations withContexts(String contexts) {
            return contexts == null ? this
                    : new Migrations(paths, format, transaction, lockTimeoutMs, statementTimeoutMs, lockRetries, contexts, labels);
        }

        /** Null keeps the current expression. */
        public Migrations withLabels(String labels) {
            return labels == null ? this
                    : new Migrations(paths, format, transaction, lockTimeoutMs, statementTimeoutMs, lockRetries, contexts, labels);
        }
    }

    /** Sampler settings. */
    public record Observe(int lockSampleIntervalMs) {
        public static final Observe DEFAULT = new Observe(10);
    }

    /**
     * What a team serving live traffic tolerates. Every value is overridable under {@code thresholds:}.
     *
     * @param queryWaitFlagMs an application query waited this long on a migration's lock: FLAG
     * @param queryWaitBlockMs ... this long: BLOCK
     * @param lockHoldFlagMs a lock that blocks reads or writes of a populated table held this long: FLAG
     * @param lockHoldBlockMs ... this long, measured or estimated at production rows: BLOCK
     * @param p99Factor p99 latency during a statement above this multiple of baseline: FLAG
     * @param p99MinIncreaseMs ... and at least this many milliseconds above it (ignores noise on fast queries)
     * @param backfillRowsFlag rows changed by one statement in one transaction: FLAG (row locks, WAL burst)
     * @param walBytesFlag WAL generated by one statement, at production rows when known: FLAG
     * @param replicationLagFlagMs replica lag: FLAG
     * @param replicationLagBlockMs replica lag: BLOCK
     * @param replicationLagProductionBlockMs replica lag projected at production rows (the statement's WAL there over
     *                                        the apply rate): BLOCK when a replica ran, FLAG ("verify") without one
     */
    public record Thresholds(long queryWaitFlagMs, long queryWaitBlockMs, long lockHoldFlagMs, long lockHoldBlockMs,
                             double p99Factor, long p99MinIncreaseMs, long backfillRowsFlag, long walBytesFlag,
                             long replicationLagFlagMs, long replicationLagBlockMs, long replicationLagProductionBlockMs) {
        public static final long DEFAULT_PRODUCTION_LAG_BLOCK_MS = 60_000;
        public static final Thresholds DEFAULT = new Thresholds(
                200, 2_000, 200, 5_000, 3.0, 50, 100_000, 1L << 30, 1_000, 10_000, DEFAULT_PRODUCTION_LAG_BLOCK_MS);

        public Thresholds(long queryWaitFlagMs, long queryWaitBlockMs, long lockHoldFlagMs, long lockHoldBlockMs,
                          double p99Factor, long p99MinIncreaseMs, long backfillRowsFlag, long walBytesFlag,
                          long replicationLagFlagMs, long replicationLagBlockMs) {
            this(queryWaitFlagMs, queryWaitBlockMs, lockHoldFlagMs, lockHoldBlockMs, p99Factor, p99MinIncreaseMs,
                    backfillRowsFlag, walBytesFlag, replicationLagFlagMs, replicationLagBlockMs,
                    DEFAULT_PRODUCTION_LAG_BLOCK_MS);
        }
    }

    public enum FailOn { BLOCK, FLAG, NEVER }

    /**
     * @param dir where reports go; null = {@code reports/<timestamp>}
     * @param formats report formats (console, json, md)
     */
    public record Output(Path dir, Set<String> formats, FailOn failOn) {
        public static final Output DEFAULT = new Output(null, Set.of("console", "json", "md"), FailOn.BLOCK);
    }
}
