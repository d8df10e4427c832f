package dev.rehearse.analyze;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.migrate.ExecutedStatement;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSample;
import dev.rehearse.model.Report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Joins one executed statement with the lock timeline and the load's queries: which locks it held and for
 * how long, whom it blocked, what latency did meanwhile. Pure: everything comes in as recorded data.
 */
final class StatementEvidence {

    /**
     * Everything recorded during a rehearsal that evidence is computed from.
     *
     * @param conflicts whether a held lock mode (first) conflicts with a requested one (second), the engine's table
     */
    record Recording(long session, Map<String, Long> tableRows, List<LockSample> samples, List<LoadEvent> events,
                     boolean loadEnabled, long baselineFrom, long baselineTo, long intervalNanos,
                     Function<String, String> blocks, ToIntFunction<String> rank,
                     BiPredicate<String, String> conflicts) {}

    private StatementEvidence() {}

    /** Locks on tables that existed before the migrations, with hold times. */
    static List<Report.Lock> locks(ExecutedStatement s, Recording r) {
        return locks(s, r, Long.MAX_VALUE);
    }

    /** @param nextStart when the next statement started: the sampler's view of this one ends there */
    static List<Report.Lock> locks(ExecutedStatement s, Recording r, long nextStart) {
        List<Report.Lock> out = new ArrayList<>();
        // BEGIN and COMMIT take no lock: what the session holds meanwhile is the transaction's statements' to answer for
        if (s.statement().kind() == SqlStatement.Kind.TRANSACTION_CONTROL) return out;
        if (s.inTransaction() && s.facts() != null) {
            for (StatementProbe.HeldLock l : s.facts().locksAcquired()) {
                if (!r.tableRows().containsKey(l.relation())) continue;
                long acquired = s.startNanos();
                // If it queued for the lock, it holds it only from when the queue let it through.
                for (LockSample sample : between(r.samples(), s.startNanos(), s.endNanos())) {
                    for (LockSample.SessionLock sl : sample.locks()) {
                        if (sl.session() == r.session() && !sl.granted() && l.relation().equals(sl.relation())
                                && l.mode().equals(sl.mode())) {
                            acquired = Math.max(acquired, sample.atNanos() + r.intervalNanos() / 2);
                        }
                    }
                }
                acquired = Math.min(acquired, s.endNanos());
                out.add(new Report.Lock(l.relation(), l.mode(), r.blocks().apply(l.mode()),
                        ms(s.transactionEndNanos() - acquired)));
            }
            return out;
        }
        // Outside a transaction (or failed): what the sampler saw the session hold. A poll sent before the next
        // statement began may have read the server after it had: only a poll answered by then speaks for this one.
        Map<List<String>, long[]> seen = new LinkedHashMap<>();
        Set<List<String>> requested = new LinkedHashSet<>();
        for (LockSample sample : between(r.samples(), s.startNanos(),
                Math.min(s.transactionEndNanos() + r.intervalNanos(), nextStart))) {
            if (sample.untilNanos() > nextStart) continue;
            for (LockSample.SessionLock sl : sample.locks()) {
                if (sl.session() != r.session() || sl.relation() == null
                        || !r.tableRows().containsKey(sl.relation())) continue;
                if (!sl.granted()) {
                    requested.add(List.of(sl.relation(), sl.mode()));
                    continue;
                }
                long[] span = seen.computeIfAbsent(List.of(sl.relation(), sl.mode()),
                        k -> new long[]{sample.atNanos(), sample.atNanos()});
                span[1] = sample.atNanos();
            }
        }
        seen.forEach((k, span) -> out.add(new Report.Lock(k.get(0), k.get(1), r.blocks().apply(k.get(1)),
                ms(span[1] - span[0] + r.intervalNanos()))));
        // A lock it queued for and then took, too briefly for a sample to see it held (DROP INDEX behind a long
        // reader, outside a transaction): the request is what the workload queued behind, in the mode it asked for.
        // Not for a statement that failed: it may never have got it. Its hold time is not measured.
        if (s.error() == null) for (List<String> k : requested) addUnlessSeen(out, k.get(0), k.get(1), r);
        // What it must have held by what it changed, where the sampler saw nothing as strong on that table: a
        // statement faster than the interval is gone before the next sample. Its hold time is not measured
        // (null); it was at most the statement's duration.
        if (s.facts() != null) {
            for (StatementProbe.HeldLock l : s.facts().locksImplied()) {
                if (r.tableRows().containsKey(l.relation())) addUnlessSeen(out, l.relation(), l.mode(), r);
            }
        }
        return out;
    }

    /** A lock known to have been taken, unmeasured (null hold), unless one as strong on its table is listed already. */
    private static void addUnlessSeen(List<Report.Lock> out, String relation, String mode, Recording r) {
        int rank = r.rank().applyAsInt(mode);
        boolean seen = out.stream().anyMatch(o -> o.relation().equals(relation) && r.rank().applyAsInt(o.mode()) >= rank);
        if (!seen) out.add(new Report.Lock(relation, mode, r.blocks().apply(mode), null));
    }

    /**
     * How long the statement waited for locks (any of its session's requests the sampler saw not granted), in
     * nanos: each run of consecutive waiting samples counts from half an interval before its first to half an
     * interval after its last, within the statement. Waiting is not work: it does not grow with the table.
     */
    static long waitedNanos(ExecutedStatement s, Recording r) {
        long total = 0, half = r.intervalNanos() / 2;
        long first = -1, last = -1;
        for (LockSample sample : between(r.samples(), s.startNanos(), s.endNanos())) {
            boolean waiting = sample.locks().stream().anyMatch(sl -> sl.session() == r.session() && !sl.granted());
            if (waiting) {
                if (first < 0) first = sample.atNanos();
                last = sample.atNanos();
            } else if (first >= 0) {
                total += episode(s, first, last, half);
                first = -1;
            }
        }
        if (first >= 0) total += episode(s, first, last, half);
        return Math.min(total, s.endNanos() - s.startNanos());
    }

    private static long episode(ExecutedStatement s, long first, long last, long half) {
        return Math.max(0, Math.min(s.endNanos(), last + half) - Math.max(s.startNanos(), first - half));
    }

    /**
     * The part of a transaction a statement answers for, for the workload's latency: from its start to the next
     * statement's, or to the transaction's end when it holds the transaction's strongest lock on a table (the one
     * that took ACCESS EXCLUSIVE, not the slow UPDATE after it). Waits are attributed by {@link #attribute}.
     *
     * @param owners per relation, the index of the statement holding the transaction's strongest lock on it
     */
    record Window(int index, long transactionStart, long from, long to, long transactionEnd,
                  Map<String, Integer> owners) {}

    /**
     * Which statement each wait on the migration session belongs to: the one that held the conflicting lock when
     * the wait began. The sampler saw the waiter not granted a lock with the migration session among its blockers
     * at the episode's first sample {@code t}; the session then held (or queued for) a lock conflicting with the
     * request, so the wait belongs to
     * <ul>
     * <li>a transaction of the migration session open at that sample: not ended before {@code t} (a statement
     *     whose transaction had ended holds nothing) and begun no later than one interval after it (the poll
     *     reads the server a little after {@code t}); one open at {@code t} itself is preferred;</li>
     * <li>on a relation: within it, of the statements begun by then, the one holding the strongest lock on that
     *     relation that conflicts with the mode the waiter asked for (the engine's conflict table; the earliest on
     *     a tie). A lock that conflicts with nothing the waiter asked for is never blamed;</li>
     * <li>on a row (no relation): the DML statement of that transaction that last began by {@code t};</li>
     * <li>only when no open transaction is known to hold anything on the waiter's relation (a lock the sampler
     *     missed, an index's), or no DML ran for a row wait: the statement in flight at {@code t}.</li>
     * </ul>
     * Waits no open transaction accounts for belong to no statement.
     *
     * @param locks per statement (in the order given), the locks it is known to have held, as reported
     * @return per statement index, the waits it answers for
     */
    /**
     * When a statement first tried: a unit retried under lock_retries ran it before, and what queued behind those
     * attempts queued behind it.
     */
    static long firstStart(ExecutedStatement s) {
        long first = s.startNanos();
        for (ExecutedStatement.Attempt a : s.earlierAttempts()) first = Math.min(first, a.startNanos());
        return first;
    }

    private static long firstStart(List<ExecutedStatement> statements, int[] g) {
        long first = Long.MAX_VALUE;
        for (int j = g[0]; j <= g[1]; j++) first = Math.min(first, firstStart(statements.get(j)));
        return first;
    }

    static Map<Integer, List<LockWaits.Episode>> attribute(List<ExecutedStatement> statements,
                                                          List<List<Report.Lock>> locks, Recording r) {
        List<int[]> groups = new ArrayList<>(); // [first, last] positions of one transaction's statements
        for (int i = 0; i < statements.size(); i++) {
            if (!groups.isEmpty() && sameTransaction(statements.get(groups.get(groups.size() - 1)[1]), statements.get(i))) {
                groups.get(groups.size() - 1)[1] = i;
            } else {
                groups.add(new int[]{i, i});
            }
        }
        Map<Integer, List<LockWaits.Episode>> out = new LinkedHashMap<>();
        for (LockWaits.Episode ep : LockWaits.episodes(r.samples(),
                sl -> sl.session() != r.session() && sl.blockedBy().contains(r.session()))) {
            long t = ep.firstNanos();
            List<int[]> open = new ArrayList<>();
            for (int[] g : groups) {
                long start = firstStart(statements, g), end = end(statements, g);
                if (end >= t && start <= t + r.intervalNanos()) open.add(g);
            }
            // the one open at t first, then by start
            open.sort(java.util.Comparator.comparingInt((int[] g) -> statements.get(g[0]).startNanos() <= t ? 0 : 1)
                    .thenComparingLong(g -> statements.get(g[0]).startNanos()));
            int owner = -1;
            boolean known = false;
            for (int[] g : open) {
                int best = -1, bestRank = Integer.MIN_VALUE;
                for (int j = g[0]; j <= g[1]; j++) {
                    ExecutedStatement s = statements.get(j);
                    if (firstStart(s) > t + r.intervalNanos()) break;
                    if (ep.relation() == null) {
                        if (s.rowsAffected() != null && (best < 0 || s.startNanos() <= t)) best = j;
                        continue;
                    }
                    for (Report.Lock l : locks.get(j)) {
                        if (!ep.relation().equals(l.relation())) continue;
                        known = true;
                        if (!r.conflicts().test(l.mode(), ep.mode())) continue;
                        int rank = r.rank().applyAsInt(l.mode());
                        if (rank > bestRank) {
                            bestRank = rank;
                            best = j;
                        }
                    }
                }
                if (best >= 0) {
                    owner = best;
                    break;
                }
            }
            if (owner < 0 && !known && !open.isEmpty()) owner = inFlight(statements, open.get(0), t);
            if (owner >= 0) out.computeIfAbsent(statements.get(owner).index(), k -> new ArrayList<>()).add(ep);
        }
        return out;
    }

    private static long end(List<ExecutedStatement> statements, int[] g) {
        long end = Long.MIN_VALUE;
        for (int j = g[0]; j <= g[1]; j++) end = Math.max(end, statements.get(j).transactionEndNanos());
        return end;
    }

    /** The statement of the transaction that was running at {@code t} (its last begun by then), -1 if only COMMITs. */
    private static int inFlight(List<ExecutedStatement> statements, int[] g, long t) {
        int found = -1;
        for (int j = g[0]; j <= g[1]; j++) {
            ExecutedStatement s = statements.get(j);
            if (s.statement().kind() == SqlStatement.Kind.TRANSACTION_CONTROL) continue;
            if (found < 0 || s.startNanos() <= t) found = j;
        }
        return found;
    }

    static boolean sameTransaction(ExecutedStatement a, ExecutedStatement b) {
        return a.inTransaction() && b.inTransaction() && a.transactionEndNanos() == b.transactionEndNanos();
    }

    /**
     * Application queries a statement held up, as [count, longest ms]: the load's queries that waited on the
     * waits it answers for ({@link #attribute}), directly or queued behind a client that did (see {@link LockWaits}),
     * each waiting its latency from the timestamps. A wait the sampler saw of a session no load event accounts for
     * counts once, its span from the samples plus one interval.
     */
    static long[] blocked(List<LockWaits.Episode> mine, Recording r) {
        if (mine.isEmpty()) return new long[]{0, 0};
        LockWaits.Joined joined = LockWaits.join(r.events(), mine);
        long count = joined.count(), longest = joined.maxNanos();
        for (LockWaits.Episode ep : joined.unmatched()) {
            count++;
            longest = Math.max(longest, ep.lastNanos() - ep.firstNanos() + r.intervalNanos());
        }
        return new long[]{count, ms(longest)};
    }

    /** Tables the statement rewrote or read in full that existed with rows before the migrations. */
    static List<String> grew(ExecutedStatement s, Recording r) {
        if (s.facts() == null) return List.of();
        Set<String> tables = new java.util.LinkedHashSet<>(s.facts().rewrote());
        tables.addAll(s.facts().scanned());
        return tables.stream().filter(t -> r.tableRows().getOrDefault(t, 0L) > 0).toList();
    }

    private static List<LockSample> between(List<LockSample> samples, long from, long to) {
        List<LockSample> out = new ArrayList<>();
        for (LockSample s : samples) if (s.atNanos() >= from && s.atNanos() <= to) out.add(s);
        return out;
    }

    static long ms(long nanos) {
        return Math.max(0, Math.round(nanos / 1e6));
    }
}
