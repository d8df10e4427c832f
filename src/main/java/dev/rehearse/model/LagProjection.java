package dev.rehearse.model;

/**
 * A statement's replica lag at production size, from what it wrote: its WAL scaled linearly in rows to the table's
 * production row count (as {@link Report.Estimate} scales its time), applied at the replica's apply rate. The replica
 * applies while the primary still writes, so what it has left when the statement commits, and so how long after the
 * commit the change shows there, is the time applying takes less the time writing took: {@code WAL / rate - duration}
 * (both at production rows), never below zero. A primary that writes slower than the replica applies leaves no lag (an
 * index build, usually); one that writes faster (a one-statement backfill) leaves the difference. Assumes the apply
 * cost is proportional to log bytes and the primary as fast per row as the rehearsal's.
 */
public final class LagProjection {

    private LagProjection() {}

    /** The statement's WAL at production rows; null without a WAL figure or a production row count. */
    public static Long productionWal(Report.StatementReport r) {
        Report.Estimate e = r.estimate();
        if (r.walBytes() == null || e == null || e.productionRows() == null || e.rehearsedRows() == 0) return null;
        return Math.round(r.walBytes() * ((double) e.productionRows() / e.rehearsedRows()));
    }

    /** Whether {@link #lagMs} projects to production rows (rather than the rehearsed ones). */
    public static boolean atProduction(Report.StatementReport r) {
        return productionWal(r) != null;
    }

    /**
     * How long after its commit the replica would show the statement's change, at production rows (as rehearsed
     * without production rows), at {@code bytesPerSecond}; null without a WAL figure.
     */
    public static Long lagMs(Report.StatementReport r, long bytesPerSecond) {
        Long wal = productionWal(r);
        long writingMs = r.durationMs();
        if (wal != null) {
            Long production = r.estimate().productionMs();
            writingMs = production != null ? production : writingMs;
        } else {
            wal = r.walBytes();
        }
        return wal == null ? null : Math.max(0, Math.round(wal * 1000.0 / bytesPerSecond) - writingMs);
    }

    /** The time applying the statement's WAL (at production rows when known) takes at {@code bytesPerSecond}. */
    public static Long applyMs(Report.StatementReport r, long bytesPerSecond) {
        Long wal = productionWal(r);
        if (wal == null) wal = r.walBytes();
        return wal == null ? null : Math.round(wal * 1000.0 / bytesPerSecond);
    }

    /** Batch sizes advised, in rows: round figures, the largest that keeps the lag under the threshold wins. */
    private static final long[] BATCHES = {1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000};

    /**
     * For a one-statement UPDATE or DELETE whose lag (measured, {@code replicationLagMaxMs}, or projected) reached {@code thresholdMs}: the batch
     * size and pause that keep the replica under half the threshold. Each batch of n rows writes n times the WAL per
     * row it wrote here and takes n times its time per row; the replica, starting caught up, falls behind by what
     * applying that at {@code rate} takes beyond writing it, and the pause after the batch is that long, so that it
     * catches up before the next. Null when the statement is no backfill or the replica keeps up with it anyway.
     */
    public static Report.BatchAdvice batchAdvice(Report.StatementReport r, long rate, long thresholdMs) {
        String head = r.sql().stripLeading().toLowerCase(java.util.Locale.ROOT);
        if (!(head.startsWith("update") || head.startsWith("delete")) || r.error() != null) return null;
        Long rows = r.rowsAffected();
        if (rows == null || rows < BATCHES[0] || r.walBytes() == null) return null;
        Long projected = LagProjection.lagMs(r, rate);
        Long measured = r.replicationLagMaxMs();
        boolean lagging = (measured != null && measured >= thresholdMs) || (projected != null && projected >= thresholdMs);
        if (!lagging) return null;
        double behindPerRowMs = r.walBytes() * 1000.0 / rate / rows - (double) r.durationMs() / rows;
        if (behindPerRowMs <= 0) return null; // the replica applies faster than the primary writes: no batch falls behind
        long batch = BATCHES[0];
        for (long b : BATCHES) if (b <= rows && b * behindPerRowMs <= thresholdMs / 2.0) batch = b;
        long lag = Math.round(batch * behindPerRowMs);
        long pause = Math.max(100, (lag + 99) / 100 * 100);
        return new Report.BatchAdvice(r.index(), batch, pause, lag, false);
    }

}
