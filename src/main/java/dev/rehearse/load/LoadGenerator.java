package dev.rehearse.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.Scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The application workload: its own named queries ({@link Workload}) or, without them, the default one of
 * primary-key reads and updates against the seeded tables, issued on an
 * open-loop schedule at a fixed total rate by a pool of clients (HikariCP). A query that cannot start on
 * time because every client is stuck behind a lock waits in the queue, and that wait counts in its latency.
 * Every query scheduled is recorded: when the load stops, the queued ones still run (within {@link #DRAIN}),
 * then the ones still in the server are cancelled, and any the drain could not run are recorded with the error
 * {@value #NOT_RUN}; so the load ends within about a second of being asked to, however stuck its clients are.
 */
public final class LoadGenerator implements AutoCloseable {

    /**
     * How long {@link #close()} lets the queries already queued run before it cancels those in the server and records
     * the rest as not run.
     */
    public static final java.time.Duration DRAIN = java.time.Duration.ofMillis(500);

    /** The error of a query scheduled but never run because the load stopped first. */
    public static final String NOT_RUN = "not run: the load stopped";

    /** The engine's way of naming a connection's session. */
    public interface SessionId {
        long of(Connection c) throws SQLException;
    }

    private final Database db;
    private final SessionId sessionId;
    private final List<LoadTarget> targets;
    private final Workload workload;
    private final Scenario.Load settings;
    private final SplittableRandom random;
    private final ConcurrentLinkedQueue<LoadEvent> events = new ConcurrentLinkedQueue<>();
    private HikariDataSource pool;
    private ExecutorService clients;
    private Thread scheduler;
    private final java.util.concurrent.atomic.AtomicLong issued = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running;
    // statements running in the server now, cancelled when the load must end
    private final java.util.Set<java.sql.Statement> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LoadGenerator(Database db, SessionId sessionId, List<LoadTarget> targets, Scenario.Load settings, long seed) {
        this(db, sessionId, targets, null, settings, seed);
    }

    /** @param workload the application's named queries, run instead of the default workload; null: none */
    public LoadGenerator(Database db, SessionId sessionId, List<LoadTarget> targets, Workload workload,
                         Scenario.Load settings, long seed) {
        this.db = db;
        this.sessionId = sessionId;
        this.targets = List.copyOf(targets);
        this.workload = workload != null && workload.size() > 0 ? workload : null;
        this.settings = settings;
        this.random = new SplittableRandom(seed);
    }

    private io.micrometer.core.instrument.MeterRegistry meters = io.micrometer.core.instrument.Metrics.globalRegistry;
    private String sessionSetup;
    private java.util.function.Predicate<SQLException> timeout = e -> false;

    /**
     * @param sql run on each workload connection when the pool opens it (the application's statement timeout); null: none
     * @param timeout the engine's reading of an error as a timeout
     */
    public LoadGenerator withSessions(String sql, java.util.function.Predicate<SQLException> timeout) {
        this.sessionSetup = sql;
        this.timeout = timeout;
        return this;
    }

    /**
     * Where the workload's meters go: {@code rehearse.load.latency} per query and outcome (from when the query was due,
     * as the application sees it) and the connection pool's own (HikariCP's Micrometer tracker).
     */
    public LoadGenerator withMeters(io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        return this;
    }

    private void record(LoadEvent e) {
        events.add(e);
        io.micrometer.core.instrument.Timer.builder("rehearse.load.latency")
                .tag("query", e.query() == null ? "?" : e.query()).tag("outcome", e.error() == null ? "ok" : "error")
                .register(meters).record(Math.max(0, e.endNanos() - e.intendedNanos()), TimeUnit.NANOSECONDS);
    }

    public boolean hasTargets() {
        return workload != null || !targets.isEmpty();
    }

    public LoadGenerator start() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(settings.clients());
        config.setMinimumIdle(settings.clients());
        config.setPoolName("rehearse-load");
        config.setMetricRegistry(meters);
        if (sessionSetup != null) config.setConnectionInitSql(sessionSetup);
        db.connectionProperties("rehearse-load").forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        // A client stuck behind a lock keeps its connection; the queue, not the pool, absorbs the wait.
        config.setConnectionTimeout(600_000);
        pool = new HikariDataSource(config);
        try (Connection warm = pool.getConnection()) {
            warm.isValid(5);
        }
        clients = Executors.newFixedThreadPool(settings.clients(), r -> {
            Thread t = new Thread(r, "rehearse-load-client");
            t.setDaemon(true);
            return t;
        });
        running = true;
        scheduler = new Thread(this::schedule, "rehearse-load-scheduler");
        scheduler.setDaemon(true);
        scheduler.start();
        return this;
    }

    private void schedule() {
        long period = Math.max(1, (long) (1e9 / settings.rate()));
        long next = System.nanoTime();
        while (running) {
            long intended = next;
            if (workload != null) {
                Workload.Prepared q = workload.pick(random);
                clients.execute(new Named(q, q.draw(random), intended));
                issued.incrementAndGet();
                next += period;
                if (!pause(next)) return;
                continue;
            }
            LoadTarget target = targets.get(random.nextInt(targets.size()));
            boolean write = random.nextDouble() < settings.writeFraction();
            long key = target.minKey() + (target.maxKey() > target.minKey()
                    ? random.nextLong(target.maxKey() - target.minKey() + 1) : 0);
            clients.execute(new Query(target, write, key, intended));
            issued.incrementAndGet();
            next += period;
            if (!pause(next)) return;
        }
    }

    /** Sleeps until {@code next}; false when interrupted (the load stops). */
    private static boolean pause(long next) {
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    /** One scheduled run of a named query, its parameters drawn when it was scheduled. */
    private final class Named implements Runnable {
        final Workload.Prepared query;
        final Object[][] params;
        final long intended;

        Named(Workload.Prepared query, Object[][] params, long intended) {
            this.query = query;
            this.params = params;
            this.intended = intended;
        }

        @Override
        public void run() {
            runNamed(query, params, intended);
        }
    }

    private void runNamed(Workload.Prepared q, Object[][] params, long intended) {
        long session = -1;
        long start = System.nanoTime();
        String error = null;
        boolean timedOut = false;
        try (Connection c = pool.getConnection()) {
            session = sessionId.of(c);
            start = System.nanoTime();
            if (q.transaction()) c.setAutoCommit(false);
            try {
                for (int i = 0; i < q.sql().size(); i++) {
                    try (PreparedStatement ps = c.prepareStatement(q.sql().get(i))) {
                        for (int j = 0; j < params[i].length; j++) ps.setObject(j + 1, params[i][j]);
                        execute(ps);
                    }
                }
                if (q.transaction()) c.commit();
            } catch (SQLException e) {
                if (q.transaction()) c.rollback();
                throw e;
            } finally {
                if (q.transaction()) c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            error = firstLine(e);
            timedOut = timeout.test(e);
        }
        record(new LoadEvent(q.table(), !q.sql().get(0).trim().regionMatches(true, 0, "SELECT", 0, 6), session,
                intended, start, System.nanoTime(), error, q.name(), timedOut));
    }

    private void execute(PreparedStatement ps) throws SQLException {
        inFlight.add(ps);
        try {
            ps.execute();
        } finally {
            inFlight.remove(ps);
        }
    }

    /** Asks the server to cancel every statement the clients are running (each then ends with an error). */
    private void cancelInFlight() {
        for (java.sql.Statement st : List.copyOf(inFlight)) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException e) {
                // already done, or the server is gone: the client ends either way
            }
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    /** One scheduled query; a task the drain never ran is still recorded from its fields. */
    private final class Query implements Runnable {
        final LoadTarget target;
        final boolean write;
        final long key;
        final long intended;

        Query(LoadTarget target, boolean write, long key, long intended) {
            this.target = target;
            this.write = write;
            this.key = key;
            this.intended = intended;
        }

        @Override
        public void run() {
            runQuery(target, write, key, intended);
        }
    }

    private void runQuery(LoadTarget target, boolean write, long key, long intended) {
        long session = -1;
        long start = System.nanoTime();
        String error = null;
        boolean timedOut = false;
        try (Connection c = pool.getConnection()) {
            session = sessionId.of(c);
            start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(write ? target.updateSql() : target.selectSql())) {
                ps.setLong(1, key);
                execute(ps);
            }
        } catch (SQLException e) {
            error = firstLine(e);
            timedOut = timeout.test(e);
        }
        record(new LoadEvent(target.table(), write, session, intended, start, System.nanoTime(), error,
                LoadEvent.defaultName(target.table(), write), timedOut));
    }

    /** Queries scheduled so far; after {@link #close()} it equals the number of events. */
    public long issued() {
        return issued.get();
    }

    /** Everything recorded so far, in completion order. */
    public List<LoadEvent> events() {
        return new ArrayList<>(events);
    }

    /**
     * Stops scheduling, lets the queries already queued run for {@link #DRAIN}, then cancels those still in the server
     * and records any never run as not run, so that every query issued is an event and the load ends within about a
     * second however stuck its clients are (a query queued behind a lock the migration holds open).
     */
    @Override
    public void close() {
        stop(DRAIN.toMillis());
    }

    /**
     * Stops at once, for an interrupted run: nothing more is run, what is in the server is cancelled, and the pool
     * closes before the server stops, so no client fails noisily against a server going away. Safe to call with, or
     * after, {@link #close()}.
     */
    public void abort() {
        stop(0);
    }

    private void stop(long drainMs) {
        running = false;
        if (scheduler != null) {
            scheduler.interrupt();
            try {
                scheduler.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (clients != null) {
            clients.shutdown();
            List<Runnable> notRun = List.of();
            try {
                if (drainMs == 0 || !clients.awaitTermination(drainMs, TimeUnit.MILLISECONDS)) {
                    notRun = clients.shutdownNow();
                    cancelInFlight();
                    if (!clients.awaitTermination(1_000, TimeUnit.MILLISECONDS)) cancelInFlight();
                }
            } catch (InterruptedException e) {
                notRun = clients.shutdownNow();
                Thread.currentThread().interrupt();
            }
            long now = System.nanoTime();
            for (Runnable r : notRun) {
                if (r instanceof Query q) record(new LoadEvent(q.target.table(), q.write, -1, q.intended, now, now, NOT_RUN));
                if (r instanceof Named q) {
                    record(new LoadEvent(q.query.table(), false, -1, q.intended, now, now, NOT_RUN, q.query.name()));
                }
            }
        }
        if (pool != null) pool.close();
    }
}
