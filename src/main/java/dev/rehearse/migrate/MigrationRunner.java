package dev.rehearse.migrate;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.Scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies migrations on one dedicated connection as their tool would: each unit in the transaction mode its source
 * gave it, and the first failing statement stops the run. Around each statement the engine's probe records what its
 * session holds and changed.
 */
public final class MigrationRunner {

    private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "WITH");

    private final Database db;
    private final StatementProbe probe;
    private final Scenario.Migrations settings;
    private final Consumer<String> progress;
    private BeforeStatement beforeStatement = s -> null;
    private int rolledBack; // statements the last failure rolled back
    private boolean retryable; // whether the last failure may be retried: not when it rolled back earlier migrations
    // the tool's transaction left open after a unit that spans migrations, with its statements, for the next migration
    private List<Pending> carried;
    private final Map<SqlStatement, String> hooked = new java.util.IdentityHashMap<>();
    // statements of a transaction that a later statement's implicit commit ended: applied whatever fails after
    private final Set<SqlStatement> committedEarly = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * Called right before a statement first runs (not again when its unit is retried), on the runner's thread: what
     * the rehearsal does to the server around it (a lock-queue reproduction holds a reader open on its table).
     */
    @FunctionalInterface
    public interface BeforeStatement {
        /** @return how the session the statement will queue behind is described, or null when none was started */
        String before(SqlStatement statement);
    }

    /** How the error of a statement rehearse cancelled at a deadline begins (the statement-deadline finding). */
    public static final String DEADLINE = "cancelled by rehearse: ";

    private long statementDeadlineMs = Long.MAX_VALUE;
    private long runEndsAtNanos = Long.MAX_VALUE;
    private static java.util.concurrent.ScheduledExecutorService watchdogs;

    /**
     * The tool's own deadlines (not the deploy's timeouts): a statement running longer than {@code statementMs}, or
     * still running at {@code runEndsAtNanos}, is cancelled ({@link Statement#cancel()}) and fails with an error
     * beginning {@value #DEADLINE}; the run stops there, as at any failure.
     */
    public MigrationRunner withDeadlines(long statementMs, long runEndsAtNanos) {
        this.statementDeadlineMs = statementMs;
        this.runEndsAtNanos = runEndsAtNanos;
        return this;
    }

    private java.util.concurrent.Future<?> watch(Statement st, Pending p) {
        long toRunEnd = runEndsAtNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(0, (runEndsAtNanos - System.nanoTime()) / 1_000_000);
        if (statementDeadlineMs == Long.MAX_VALUE && toRunEnd == Long.MAX_VALUE) return null;
        boolean run = toRunEnd < statementDeadlineMs;
        long after = Math.min(statementDeadlineMs, toRunEnd);
        String why = run ? "the rehearsal reached its deadline (deadlines.run, --deadline) while the statement ran"
                : "the statement ran past the statement deadline of " + duration(after)
                + " (deadlines.statement, --statement-deadline)";
        return watchdogs().schedule(() -> {
            p.deadline = why;
            try {
                st.cancel();
            } catch (SQLException | RuntimeException e) {
                // finished meanwhile, or the server is gone: the statement ends either way
            }
        }, after, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static String duration(long ms) {
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + " min";
        if (ms % 1_000 == 0 && ms > 0) return ms / 1_000 + " s";
        return ms + " ms";
    }

    private static synchronized java.util.concurrent.ScheduledExecutorService watchdogs() {
        if (watchdogs == null) {
            watchdogs = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rehearse-statement-deadline");
                t.setDaemon(true);
                return t;
            });
        }
        return watchdogs;
    }

    private Runnable betweenMigrations = () -> {};
    private boolean rollBackAtEnd;

    /**
     * The tool's transactions end in ROLLBACK, not COMMIT ({@code --rollback}): with every migration in one transaction
     * that spans them all, nothing they did stays.
     */
    public MigrationRunner withRollbackAtEnd(boolean rollBack) {
        this.rollBackAtEnd = rollBack;
        return this;
    }

    /** Runs after each migration that succeeded and before the next (the load settling on its own). */
    public MigrationRunner withBetweenMigrations(Runnable hook) {
        this.betweenMigrations = hook;
        return this;
    }

    public MigrationRunner withBeforeStatement(BeforeStatement hook) {
        this.beforeStatement = hook;
        return this;
    }

    public MigrationRunner(Database db, StatementProbe probe, Scenario.Migrations settings, Consumer<String> progress) {
        this.db = db;
        this.probe = probe;
        this.settings = settings;
        this.progress = progress;
    }

    private record SoFar(long session, List<ExecutedStatement> done, Map<String, Long> rows, List<Migration> migrations) {}

    private volatile SoFar progressSoFar;

    /**
     * What this runner has run so far, read from another thread (an interrupt's partial report): the statements that
     * completed, the migrations not reached; null before the first migration started. The one running is not in it.
     */
    public MigrationRun soFar() {
        SoFar p = progressSoFar;
        if (p == null) return null;
        List<ExecutedStatement> ran = new ArrayList<>();
        for (Object o : p.done().toArray()) if (o != null) ran.add((ExecutedStatement) o);
        java.util.Set<Migration> reached = new java.util.HashSet<>();
        for (ExecutedStatement s : ran) reached.add(s.migration());
        List<Migration> notRun = p.migrations().stream().filter(m -> !reached.contains(m)).toList();
        return new MigrationRun(p.session(), ran, p.rows(), notRun, List.of());
    }

    public MigrationRun run(List<Migration> migrations) {
        try (Connection c = db.connect("rehearse-migration")) {
            long session = probe.sessionId(c);
            probe.prepareSession(c, settings.lockTimeoutMs(), settings.statementTimeoutMs());
            Map<String, Long> rows = probe.tableRows(c);
            List<ExecutedStatement> done = new ArrayList<>();
            progressSoFar = new SoFar(session, done, rows, migrations);
            List<Migration> partial = new ArrayList<>();
            boolean heldOpen = false;
            for (int i = 0; i < migrations.size(); i++) {
                Migration m = migrations.get(i);
                // never inside a transaction the tool keeps open across migrations: that would lengthen its locks
                if (i > 0 && !heldOpen) betweenMigrations.run();
                if (m.refused()) {
                    // the tool checks the migration before it sends anything: the deploy stops here
                    progress.accept("migrate: " + m.name() + " refused by its tool: "
                            + m.problems().stream().filter(Migration.Problem::refused).findFirst().orElseThrow().message());
                    return new MigrationRun(session, done, rows, migrations.subList(i + 1, migrations.size()), partial,
                            migrations.subList(0, i + 1));
                }
                progress.accept("migrate: " + m.name());
                int before = done.size();
                boolean ok = true;
                boolean unitCommitted = false;
                for (int u = 0; u < m.units().size(); u++) {
                    Migration.Unit unit = m.units().get(u);
                    int unitStart = done.size();
                    boolean holdOpen = u == m.units().size() - 1 && spansInto(unit, i + 1 < migrations.size()
                            ? migrations.get(i + 1) : null);
                    ok = runUnit(c, m, unit, done, holdOpen);
                    heldOpen = holdOpen;
                    if (!ok) break;
                    unitCommitted |= done.size() > unitStart;
                }
                if (!ok) {
                    // what committed before the failure: earlier units, and this unit's autocommitted statements
                    boolean someCommitted = unitCommitted || done.subList(before, done.size()).stream()
                            .anyMatch(s -> !s.failed() && (!s.inTransaction() || committedEarly.contains(s.statement()))
                                    && s.statement().kind() != SqlStatement.Kind.TRANSACTION_CONTROL);
                    if (someCommitted) partial.add(m);
                    return new MigrationRun(session, done, rows, migrations.subList(i + 1, migrations.size()), partial,
                            migrations.subList(0, i + 1));
                }
            }
            return new MigrationRun(session, done, rows, List.of(), partial, migrations);
        } catch (SQLException e) {
            throw new RehearsalFailedException("the migration session failed: " + e.getMessage(), e);
        }
    }

    /** Whether the tool keeps this unit's transaction open into the next migration (Drizzle's one for all pending). */
    private static boolean spansInto(Migration.Unit unit, Migration next) {
        return unit.mode() == TransactionMode.TRANSACTION && unit.spansMigrations() && next != null && !next.refused()
                && !next.units().isEmpty() && next.units().get(0).spansMigrations()
                && next.units().get(0).mode() == TransactionMode.TRANSACTION;
    }

    /**
     * Runs one unit in the mode its tool gives it; false when a statement failed (the run stops there). A failure on
     * lock_timeout is retried under {@code migrations.lock_retries}: what it rolled back runs again after the backoff,
     * up to {@code attempts} attempts in all; the failed attempts are kept on the statement that failed.
     */
    private boolean runUnit(Connection c, Migration m, Migration.Unit unit, List<ExecutedStatement> done,
                            boolean holdOpen) throws SQLException {
        Scenario.LockRetries retries = settings.lockRetries();
        Map<SqlStatement, List<ExecutedStatement.Attempt>> attempts = new java.util.IdentityHashMap<>();
        int from = 0;
        while (true) {
            int retryFrom = runUnitFrom(c, m, unit, from, done, attempts, holdOpen);
            if (retryFrom < 0) return true;
            ExecutedStatement failed = done.get(done.size() - 1);
            List<ExecutedStatement.Attempt> earlier = attempts.computeIfAbsent(failed.statement(), k -> new ArrayList<>());
            if (retries == null || !retryable || failed.errorClass() != ErrorClass.LOCK_TIMEOUT
                    || earlier.size() + 1 >= retries.attempts()) {
                return false;
            }
            earlier.add(new ExecutedStatement.Attempt(failed.startNanos(), failed.endNanos(), failed.error()));
            // what the failure rolled back runs again; what committed before it stays
            done.subList(done.size() - rolledBack, done.size()).clear();
            from = retryFrom;
            progress.accept(String.format(Locale.ROOT, "migrate: statement %d hit its lock timeout; attempt %d of %d in %d ms",
                    failed.index(), earlier.size() + 1, retries.attempts(), retries.backoffMs()));
            try {
                Thread.sleep(retries.backoffMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RehearsalFailedException("interrupted", e);
            }
        }
    }

    /**
     * Runs the unit's statements from {@code from}; -1 when they all succeeded, else the index in the unit of the
     * first statement the failure rolled back (where a retry starts). With {@code holdOpen} the tool's transaction
     * stays open at the end, its statements carried into the next migration's unit, which continues it.
     */
    private int runUnitFrom(Connection c, Migration m, Migration.Unit unit, int from, List<ExecutedStatement> done,
                            Map<SqlStatement, List<ExecutedStatement.Attempt>> attempts, boolean holdOpen)
            throws SQLException {
        // the tool's transaction, open until the unit ends, or until the script's own COMMIT/ROLLBACK ends it (then
        // what follows runs as the script's own boundaries say, as under psql --single-transaction)
        boolean continues = carried != null;
        boolean wrapped = continues || unit.mode() == TransactionMode.TRANSACTION && from == 0;
        if (!continues) c.setAutoCommit(!wrapped);
        boolean explicitTx = false;
        List<Pending> openTx = continues ? carried : new ArrayList<>();
        carried = null;
        retryable = !continues;
        boolean keepOpen = false;
        int groupStart = from;
        try {
            for (int k = from; k < unit.statements().size(); k++) {
                SqlStatement s = unit.statements().get(k);
                // MySQL / MariaDB DDL: the server commits what the transaction holds, then runs the statement alone;
                // the session's next statement opens a new transaction (autocommit stays off)
                boolean implicitCommit = s.kind() != SqlStatement.Kind.TRANSACTION_CONTROL && (wrapped || explicitTx)
                        && probe.commitsImplicitly(s);
                if (implicitCommit) {
                    openTx.forEach(o -> committedEarly.add(o.statement));
                    finish(openTx, System.nanoTime(), done);
                    explicitTx = false; // a script's own BEGIN ended too; the tool's autocommit-off session goes on
                }
                boolean inTx = !implicitCommit && (wrapped || explicitTx);
                if (openTx.isEmpty()) groupStart = k;
                Pending p = new Pending(done.size() + openTx.size() + 1, m, s, inTx);
                StatementProbe.Snapshot snapshot = s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL
                        ? null : probe.before(c, inTx);
                if (s.kind() != SqlStatement.Kind.TRANSACTION_CONTROL && !hooked.containsKey(s)) hooked.put(s, beforeStatement.before(s));
                p.queuedBehind = hooked.get(s); // a retry queues behind the same session
                p.attempts = attempts.getOrDefault(s, List.of());
                p.start = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    java.util.concurrent.Future<?> watchdog = watch(st, p);
                    try {
                        boolean resultSet = st.execute(s.sql());
                        p.end = System.nanoTime();
                        int count = resultSet ? -1 : st.getUpdateCount();
                        p.rows = count >= 0 && isDml(s.sql()) ? (long) count : null;
                    } finally {
                        if (watchdog != null) watchdog.cancel(false);
                    }
                    if (p.deadline != null) {
                        // cancelled, though the server returned normally (MySQL's SLEEP returns 1 when killed)
                        p.error = DEADLINE + p.deadline;
                        p.errorClass = ErrorClass.OTHER;
                    }
                } catch (SQLException e) {
                    p.end = System.nanoTime();
                    p.error = oneLine(e.getMessage());
                    p.sqlState = e.getSQLState();
                    p.errorClass = probe.classify(e);
                    p.errorLine = probe.errorLine(e, s.sql());
                    if (p.deadline != null) {
                        // the tool's limit, not the deploy's: said as such, whatever the server called the cancel
                        p.error = DEADLINE + p.deadline;
                        p.errorClass = ErrorClass.OTHER;
                    }
                }
                if (p.error == null && snapshot != null) p.facts = probe.after(c, snapshot, inTx);
                openTx.add(p);
                if (p.error != null) {
                    if (wrapped || explicitTx || !c.getAutoCommit()) rollbackQuietly(c);
                    rolledBack = openTx.size();
                    finish(openTx, System.nanoTime(), done);
                    return groupStart;
                }
                if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL && wrapped && !opensTransaction(s.sql())) {
                    wrapped = false; // the script's COMMIT ended the tool's transaction
                    c.setAutoCommit(true);
                    finish(openTx, p.end, done);
                } else if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL && !wrapped) {
                    explicitTx = opensTransaction(s.sql());
                    if (!explicitTx) finish(openTx, p.end, done);
                } else if (!inTx) {
                    finish(openTx, p.end, done);
                }
            }
            if (wrapped && holdOpen) {
                carried = openTx; // committed, or rolled back, with the next migration
                keepOpen = true;
                return -1;
            }
            if (wrapped && rollBackAtEnd) {
                c.rollback();
            } else if (wrapped) {
                c.commit();
            }
            finish(openTx, System.nanoTime(), done);
            return -1;
        } finally {
            if (!keepOpen && !c.getAutoCommit()) c.setAutoCommit(true);
        }
    }

    private static void finish(List<Pending> open, long txEnd, List<ExecutedStatement> done) {
        for (Pending p : open) {
            done.add(new ExecutedStatement(p.index, p.migration, p.statement, p.inTx, p.start, p.end,
                    p.inTx ? txEnd : p.end, p.error, p.sqlState, p.errorClass, p.rows, p.facts, p.queuedBehind,
                    p.attempts, p.errorLine));
        }
        open.clear();
    }

    private static boolean opensTransaction(String sql) {
        String w = sql.strip().toUpperCase(Locale.ROOT);
        return w.startsWith("BEGIN") || w.startsWith("START");
    }

    private static boolean isDml(String sql) {
        String first = sql.strip().split("[\\s(]+", 2)[0].toUpperCase(Locale.ROOT);
        return DML.contains(first);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (c.getAutoCommit()) {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                }
            } else {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // The session is about to be closed; the server rolls back anyway.
        }
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s*\\n\\s*", " ").strip();
    }

    private static final class Pending {
        final int index;
        final Migration migration;
        final SqlStatement statement;
        final boolean inTx;
        long start, end;
        String error, sqlState;
        ErrorClass errorClass;
        Integer errorLine;
        Long rows;
        StatementProbe.Facts facts;
        String queuedBehind;
        List<ExecutedStatement.Attempt> attempts = List.of();
        volatile String deadline; // why rehearse cancelled it, when it did

        Pending(int index, Migration migration, SqlStatement statement, boolean inTx) {
            this.index = index;
            this.migration = migration;
            this.statement = statement;
            this.inTx = inTx;
        }
    }
}
