package dev.rehearse;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.dialect.Rule;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.observe.ReplicationSample;
import dev.rehearse.observe.Sampler;
import dev.rehearse.observe.Series;
import dev.rehearse.observe.Timeline;
import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code replica.tune_batches}: a one-statement backfill (an UPDATE or DELETE that changed many rows) rehearsed again in
 * two or three batch sizes against the live replica, so that the advice says which batch size and pause kept the lag
 * under {@code replication_lag_flag} here, measured, rather than projected from the statement's WAL per row.
 *
 * <p>Each trial runs a few batches of the statement as written, narrowed to a range of its table's integer primary key
 * ({@code WHERE (its condition) AND key >= ? AND key < ?}), each in its own transaction, after the migrations and
 * before the downs, with the workload still running. Each batch is rolled back: the replica must replay the changes
 * all the same (PostgreSQL writes and streams a transaction's WAL as it goes; the abort only marks the rows dead,
 * {@link ReplicaSupport.Running#replaysRolledBackWork()}), and the data stays as the migration left it. After each
 * batch the trial waits until the replica shows no lag: that wait is the pause advised with the size. A statement whose
 * condition no longer matches any row (an idempotent backfill, {@code WHERE c IS NULL}, after it ran) is rehearsed
 * with its SET applied to the key range alone: the same row writes.
 *
 * <p>The batch's SQL is built by a small scanner over the statement's text (quotes, comments and parentheses skipped,
 * the top-level WHERE found), not a SQL parser: no parser in this build reads PostgreSQL's DML whole, and the splice
 * needs only where the condition starts; a statement it cannot narrow safely (a join, RETURNING, ORDER BY or LIMIT, a
 * WITH, dollar quotes) is not rehearsed, and the progress line says so.
 */
final class BatchTrials {

    /** The sizes tried, in rows per batch: those no larger than the statement's rows (at least two of them). */
    static final long[] SIZES = {1_000, 10_000, 50_000};
    /** Batches per size: each starts with the replica caught up, so a few show the peak a batch of that size causes. */
    static final int BATCHES_PER_SIZE = 3;
    /** At most this long waiting for the replica after one batch; past it the trial stops and says so. */
    static final long CATCH_UP_LIMIT_MS = 60_000;
    /** A sample read this long after a batch ended can show its last WAL: the WAL writer flushes every 200 ms. */
    static final long FLUSH_GRACE_MS = 250;

    private final Database db;
    private final ReplicaSupport.Running replica;
    private final Dialect dialect;
    private final long thresholdMs;
    private final Consumer<String> progress;

    BatchTrials(Database db, ReplicaSupport.Running replica, Dialect dialect, long thresholdMs, Consumer<String> progress) {
        this.db = db;
        this.replica = replica;
        this.dialect = dialect;
        this.thresholdMs = thresholdMs;
        this.progress = progress;
    }

    /** The backfills among {@code statements} rehearsed in batches; their advice, measured. */
    List<Report.BatchAdvice> run(List<ExecutedStatement> statements) {
        List<Report.BatchAdvice> out = new ArrayList<>();
        if (!replica.replaysRolledBackWork()) {
            progress.accept("replica: tune_batches: this replica applies committed transactions only (a binlog), and a"
                    + " trial must leave the data as the migration left it; batch advice is projected from each"
                    + " backfill's log and time per row");
            return out;
        }
        for (ExecutedStatement s : statements) {
            List<Long> sizes = sizes(s);
            if (sizes.isEmpty()) continue;
            String what = "statement " + s.index() + " (" + s.migration().name() + ":" + s.statement().line() + ")";
            try {
                Report.BatchAdvice advice = trial(s, sizes, what);
                if (advice != null) out.add(advice);
            } catch (SQLException | RuntimeException e) {
                progress.accept("replica: tune_batches: " + what + " could not be rehearsed in batches: " + e.getMessage());
            }
        }
        return out;
    }

    /** The sizes worth trying for a statement: an UPDATE/DELETE that ran, changing at least two of {@link #SIZES}. */
    static List<Long> sizes(ExecutedStatement s) {
        if (s.failed() || s.rowsAffected() == null) return List.of();
        String head = s.statement().sql().stripLeading().toUpperCase(Locale.ROOT);
        if (!(head.startsWith("UPDATE") || head.startsWith("DELETE"))) return List.of();
        List<Long> sizes = new ArrayList<>();
        for (long b : SIZES) if (b <= s.rowsAffected()) sizes.add(b);
        return sizes.size() < 2 ? List.of() : sizes;
    }

    private Report.BatchAdvice trial(ExecutedStatement s, List<Long> sizes, String what) throws SQLException {
        String sql = s.statement().sql();
        Rule.Words words = new Rule.Words(sql, dialect.words(sql));
        String table = words.table();
        if (table == null || table.equals("?")) {
            progress.accept("replica: tune_batches: " + what + ": no table named; not rehearsed in batches");
            return null;
        }
        try (Connection c = db.connect("rehearse-batch-trial")) {
            String key = singleKey(c, table);
            if (key == null) {
                progress.accept("replica: tune_batches: " + what + ": " + table + " has no single-column primary key to"
                        + " batch by; not rehearsed in batches");
                return null;
            }
            String quotedKey = dialect.quote(key);
            String ranged = ranged(sql, quotedKey);
            if (ranged == null) {
                progress.accept("replica: tune_batches: " + what + " cannot be narrowed to a key range safely (a join,"
                        + " RETURNING, ORDER BY, LIMIT, WITH or dollar quotes); not rehearsed in batches");
                return null;
            }
            long[] bounds = bounds(c, table, quotedKey);
            if (bounds == null) return null;
            c.setAutoCommit(false);
            String next = "SELECT " + quotedKey + " FROM " + table + " WHERE " + quotedKey + " >= ? ORDER BY "
                    + quotedKey + " LIMIT 1 OFFSET ?";
            boolean whereDropped = false;
            List<Report.BatchTrial> trials = new ArrayList<>();
            Timeline timeline = new Timeline();
            try (var probe = replica.probe();
                 Sampler<ReplicationSample> sampler = new Sampler<>(replica.sampledOn(), "rehearse-batch-trial-replication",
                         probe, timeline, Timeline.REPLICATION, Timeline.REPLICATION_INTERVAL_MS).start();
                 PreparedStatement upper = c.prepareStatement(next)) {
                Series<ReplicationSample> series = timeline.series(Timeline.REPLICATION);
                if (!awaitCaughtUp(series, System.nanoTime())) {
                    progress.accept("replica: tune_batches: the replica did not catch up within "
                            + CATCH_UP_LIMIT_MS / 1000 + " s before the trials; not rehearsed in batches");
                    return null;
                }
                long from = bounds[0];
                for (long size : sizes) {
                    int batches = 0;
                    long changed = 0, batchMax = 0, catchUpMax = 0;
                    boolean caughtUp = true;
                    long trialFrom = System.nanoTime();
                    for (int i = 0; i < BATCHES_PER_SIZE; i++) {
                        Long end0 = upperBound(upper, from, size);
                        if (end0 == null && from != bounds[0]) { // fewer rows left than a batch: from the start again,
                            from = bounds[0];                    // rolled back, the rows are as they were
                            end0 = upperBound(upper, from, size);
                        }
                        long to = end0 == null ? bounds[1] + 1 : end0;
                        long t0 = System.nanoTime();
                        long n = batch(c, whereDropped ? ranged(withoutWhere(sql), quotedKey) : ranged, from, to);
                        if (n == 0 && !whereDropped && changed == 0 && trials.isEmpty()) {
                            // the statement already did its work: its condition matches nothing now
                            whereDropped = withoutWhere(sql) != null;
                            if (whereDropped) n = batch(c, ranged(withoutWhere(sql), quotedKey), from, to);
                        }
                        long end = System.nanoTime();
                        batchMax = Math.max(batchMax, (end - t0) / 1_000_000);
                        changed += n;
                        batches++;
                        from = to;
                        if (!awaitCaughtUp(series, end + FLUSH_GRACE_MS * 1_000_000L)) {
                            caughtUp = false;
                            break;
                        }
                        catchUpMax = Math.max(catchUpMax, caughtUpAt(series, end));
                    }
                    Long peak = peak(series.between(trialFrom, Long.MAX_VALUE));
                    trials.add(new Report.BatchTrial(size, batches, changed, batchMax, peak, catchUpMax,
                            peak != null && peak < thresholdMs, caughtUp));
                    progress.accept(String.format(Locale.ROOT, "replica: tune_batches: %s in batches of %s: %d batches,"
                                    + " the longest %s on the primary; replica at most %s behind, caught up %s after a batch",
                            what, Quantities.number(size), batches, Quantities.duration(batchMax),
                            peak == null ? "?" : Quantities.duration(peak), Quantities.duration(catchUpMax)));
                    if (!caughtUp) break; // a larger batch only lags more
                }
            } finally {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is going
                }
            }
            if (whereDropped) {
                progress.accept("replica: tune_batches: " + what + "'s condition matched no row after it ran; its SET"
                        + " was rehearsed on each key range whole (the same row writes)");
            }
            return advice(s.index(), trials);
        }
    }

    /** When the series first read no lag after {@code endNanos} + the grace, in ms after {@code endNanos}. */
    private static long caughtUpAt(Series<ReplicationSample> series, long endNanos) {
        for (var p : series.between(endNanos + FLUSH_GRACE_MS * 1_000_000L, Long.MAX_VALUE)) {
            if (Long.valueOf(0).equals(p.value().lagMs())) return (p.atNanos() - endNanos) / 1_000_000;
        }
        return CATCH_UP_LIMIT_MS;
    }

    /**
     * The largest size whose batches kept the lag under the threshold, with the longest catch-up after one of them as
     * the pause (rounded up to 100 ms); when none did, the smallest, its lag said as it was.
     */
    Report.BatchAdvice advice(int statementIndex, List<Report.BatchTrial> trials) {
        if (trials.isEmpty()) return null;
        Report.BatchTrial chosen = null;
        for (Report.BatchTrial t : trials) if (t.underThreshold() && t.caughtUp()) chosen = t;
        if (chosen == null) chosen = trials.get(0);
        long pause = Math.max(100, (chosen.catchUpMaxMs() + 99) / 100 * 100);
        return new Report.BatchAdvice(statementIndex, chosen.batchRows(), pause, chosen.maxLagMs(), true, trials);
    }

    private static Long peak(List<Series.Point<ReplicationSample>> points) {
        return points.stream().map(p -> p.value().lagMs()).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
    }

    /** Until a sample taken at or after {@code fromNanos} reads no lag, at most {@link #CATCH_UP_LIMIT_MS}. */
    private static boolean awaitCaughtUp(Series<ReplicationSample> series, long fromNanos) {
        long deadline = Math.max(System.nanoTime(), fromNanos) + CATCH_UP_LIMIT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (var p : series.between(fromNanos, Long.MAX_VALUE)) {
                if (Long.valueOf(0).equals(p.value().lagMs())) return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** One batch in its own transaction, rolled back: the rows it changed. */
    private static long batch(Connection c, String sql, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            return ps.executeUpdate();
        } finally {
            c.rollback();
        }
    }

    /** The key {@code size} rows past {@code from}: the batch's exclusive end; null when fewer rows are left. */
    private static Long upperBound(PreparedStatement upper, long from, long size) throws SQLException {
        upper.setLong(1, from);
        upper.setLong(2, size);
        try (ResultSet rs = upper.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static long[] bounds(Connection c, String table, String key) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table)) {
            rs.next();
            long min = rs.getLong(1);
            if (rs.wasNull()) return null;
            return new long[]{min, rs.getLong(2)};
        }
    }

    /** The table's primary key when it is one integer column; null otherwise. */
    private static String singleKey(Connection c, String table) throws SQLException {
        String schema = null, name = table;
        int dot = table.lastIndexOf('.');
        if (dot > 0) {
            schema = unquote(table.substring(0, dot));
            name = unquote(table.substring(dot + 1));
        } else {
            name = unquote(name);
        }
        DatabaseMetaData md = c.getMetaData();
        for (String n : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), schema, n)) {
                while (rs.next()) columns.add(rs.getString("COLUMN_NAME"));
            }
            if (columns.size() > 1) return null;
            if (columns.size() == 1) {
                try (ResultSet rs = md.getColumns(c.getCatalog(), schema, n, columns.get(0))) {
                    if (!rs.next()) return null;
                    int type = rs.getInt("DATA_TYPE");
                    boolean integer = type == java.sql.Types.INTEGER || type == java.sql.Types.BIGINT
                            || type == java.sql.Types.SMALLINT || type == java.sql.Types.TINYINT;
                    return integer ? columns.get(0) : null;
                }
            }
        }
        return null;
    }

    private static String unquote(String id) {
        return id.length() > 1 && (id.startsWith("\"") || id.startsWith("`")) ? id.substring(1, id.length() - 1) : id;
    }

    /**
     * The statement narrowed to a key range, {@code ... WHERE (condition) AND key >= ? AND key < ?} (or {@code WHERE key
     * >= ? AND key < ?} without a condition); null when that would not mean the same statement over fewer rows.
     */
    static String ranged(String sql, String key) {
        if (sql == null) return null;
        Scan scan = scan(sql);
        if (scan == null) return null;
        String range = key + " >= ? AND " + key + " < ?";
        String body = sql.substring(0, scan.end).stripTrailing();
        if (scan.where < 0) return body + " WHERE " + range;
        return body.substring(0, scan.where) + "WHERE (" + body.substring(scan.where + 5).strip() + ") AND " + range;
    }

    /** The statement without its top-level condition; null when it has none or cannot be read. */
    static String withoutWhere(String sql) {
        Scan scan = scan(sql);
        if (scan == null || scan.where < 0) return null;
        return sql.substring(0, scan.where).stripTrailing();
    }

    /** Where the top-level WHERE starts (-1: none) and where the statement ends (before a trailing semicolon). */
    private record Scan(int where, int end) {}

    private static final List<String> UNSAFE = List.of("FROM", "USING", "RETURNING", "ORDER", "LIMIT", "WITH", "JOIN");

    private static Scan scan(String sql) {
        int depth = 0, where = -1, end = sql.length();
        List<String> top = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '$') return null;
            if (ch == '\'' || ch == '"' || ch == '`') {
                int j = i + 1;
                while (j < sql.length()) {
                    if (sql.charAt(j) == ch) {
                        if (j + 1 < sql.length() && sql.charAt(j + 1) == ch) j += 2;
                        else break;
                    } else {
                        j++;
                    }
                }
                if (j >= sql.length()) return null;
                i = j + 1;
            } else if (ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (ch == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) return null;
                i = close + 2;
            } else if (ch == '(') {
                depth++;
                i++;
            } else if (ch == ')') {
                depth--;
                i++;
            } else if (ch == ';') {
                if (depth != 0 || !sql.substring(i + 1).isBlank()) return null; // more than one statement
                end = i;
                break;
            } else if (Character.isLetter(ch) || ch == '_') {
                int j = i;
                while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
                if (depth == 0) {
                    String word = sql.substring(i, j).toUpperCase(Locale.ROOT);
                    if (word.equals("WHERE")) {
                        if (where >= 0) return null;
                        where = i;
                    }
                    top.add(word);
                }
                i = j;
            } else {
                i++;
            }
        }
        if (depth != 0 || top.isEmpty()) return null;
        // DELETE FROM t: that FROM is the statement's own; any other top-level FROM/USING is a join
        int skip = top.get(0).equals("DELETE") && top.size() > 1 && top.get(1).equals("FROM") ? 2 : 1;
        if (!top.get(0).equals("UPDATE") && !top.get(0).equals("DELETE")) return null;
        for (int k = skip; k < top.size(); k++) if (UNSAFE.contains(top.get(k))) return null;
        return new Scan(where, end);
    }
}
