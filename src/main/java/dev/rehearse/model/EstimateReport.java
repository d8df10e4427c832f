package dev.rehearse.model;

import java.util.List;
import java.util.Map;

/**
 * {@code estimate.json}: each statement rehearsed at several row counts on one server, its cost fitted against the
 * rows, and predicted at the target row count with an interval, under the assumptions stated beside it.
 *
 * @param scales the reference table's row count at each scale, as asked ({@code --scales})
 * @param referenceTable the scenario's largest table: a scale is its row count, the others seeded in proportion
 * @param machine the machine's pace during the run: how busy it was, and how much that widened the intervals
 * @param calibrations the team's production data points ({@code --calibrate}) and the factor they give
 * @param warnings what the reader must know before trusting a figure (busy machine, tables outgrowing memory...)
 * @param thresholds the lock-hold thresholds the predictions are judged against
 */
public record EstimateReport(Report.Tool tool, Report.Engine engine, String scenario, String startedAt,
                             double seconds, List<Long> scales, int repeat, String referenceTable,
                             List<Target> targets, Machine machine, Assumptions assumptions,
                             List<Calibration> calibrations, List<Statement> statements, List<String> warnings,
                             LockThresholds thresholds, List<Run> runs) {

    /** @param from where the count came from: {@code --target}, {@code production_rows}, or {@code profile} */
    public record Target(String table, long rows, String from) {}

    /**
     * @param cpuShareMin the lowest share of the cores the pace probe got (1.0: the machine was ours)
     * @param paceFactor how much the machine's pace varied: the slowest probe's slowdown over the fastest's (≥ 1);
     *                   every interval is widened by it on both sides
     * @param busy whether others took a noticeable share of the machine (mean share below 0.8)
     */
    public record Machine(int cores, Long ramBytes, List<PaceSample> samples, double cpuShareMin, double cpuShareMean,
                          double cpuShareMax, double paceFactor, Double ioMBpsMin, Double ioMBpsMax, boolean busy,
                          String summary) {}

    /** One probe of the machine's pace; {@code label} says when (before or after which scale and repeat). */
    public record PaceSample(String label, long atMs, double cpuShare, double cpuMs, Double ioMBps, Double loadAverage) {}

    /**
     * What the predictions rest on, read from the server and the machine.
     *
     * @param hardware the machine class the figures are for (this one, or the team's after {@code --calibrate})
     * @param cacheSetting the server's own cache ({@code shared_buffers}), {@code cacheBytes} its size
     * @param ramBytes the machine's memory, null for a server elsewhere ({@code --provider external})
     * @param settings the server settings a rewrite's, an index build's and a scan's speed depend on
     * @param tables each seeded table's size at the largest scale and at the target, against that memory
     * @param notes the model's assumptions in words
     * @param sortSetting what bounds an index build's sort in memory ({@code maintenance_work_mem}), {@code sortBytes}
     *                    its size: a sort that fit in the rehearsal and spills at the target runs slower per row
     */
    public record Assumptions(String hardware, String cacheSetting, Long cacheBytes, Long ramBytes,
                              Map<String, String> settings, List<TableMemory> tables, List<String> notes,
                              String sortSetting, Long sortBytes) {}

    /**
     * A table at the largest scale rehearsed and at its target, beside the server's cache and the machine's memory
     * (null where not known).
     */
    public record TableMemory(String table, long rehearsedRows, Long rehearsedBytes, Long targetRows, Long targetBytes,
                              Boolean rehearsedFitsCache, Boolean targetFitsCache, Boolean rehearsedFitsRam,
                              Boolean targetFitsRam) {}

    /**
     * @param statement the statement's index as in {@code statements[]}
     * @param measuredMs what the team measured at {@code rows} on its machine
     * @param predictedMs what this machine's fit gives at those rows
     * @param factor {@code measuredMs / predictedMs}: what every duration here is multiplied by
     */
    public record Calibration(int statement, long rows, double measuredMs, double predictedMs, double factor) {}

    /**
     * @param table the table its cost follows: the one it rewrote or scanned, else the one it locked most strongly,
     *              else the reference table; its rows are each point's x
     * @param operation what the statement did to its table, from the measurement: {@code rewrite}, {@code scan},
     *                  {@code index build}, {@code rows written} or {@code catalog-only}
     * @param model the cost model chosen: {@code constant}, {@code n}, {@code n log n}
     * @param modelReason why: the operation's model and what the fit quality said
     * @param spread the repeats' spread at each scale
     * @param error the statement's error at some scale, when it failed (its points left out)
     */
    public record Statement(int index, String migration, String sql, String table, String operation, String model,
                            String modelReason, Fit fit, List<Spread> spread, List<Prediction> predictions,
                            String error) {}

    /**
     * @param r2 the chosen model's R² on the durations (null for constant, which explains no variance by definition)
     * @param rmseMs its residuals' root mean square
     * @param candidates every model's fit, for comparison
     * @param points every rehearsal's measurement of the statement
     */
    public record Fit(Double r2, Double rmseMs, List<Candidate> candidates, List<Point> points) {}

    public record Candidate(String model, Double r2, double rmseMs, Double slopePValue) {}

    /**
     * @param rows the statement's table's rows in that rehearsal
     * @param durationMs as measured; {@code workMs} is what was fitted: the duration less {@code lockWaitMs}, the
     *                   time it waited for others' locks (null when no lock samples were taken)
     * @param lockHoldMs the longest hold of a lock that blocks reads or writes (the statement's own duration when the
     *                   lock was implied, too short to sample); null when it took none
     * @param walBytes the WAL (binary log) it wrote; null when not measured
     * @param cpuShare the machine's pace around that rehearsal (the mean of the probes before and after it)
     */
    public record Point(long rows, int repeat, long durationMs, Long lockWaitMs, long workMs, Long lockHoldMs,
                        Long walBytes, Double cpuShare) {}

    /** @param relative {@code (max − min) / median} of the repeats at that scale */
    public record Spread(long rows, int repeats, long minMs, long medianMs, long maxMs, double relative) {}

    /**
     * The statement at a target.
     *
     * @param durationMs the fitted duration at {@code rows}; {@code lowMs}–{@code highMs} its 95 % prediction interval,
     *                   widened by the repeats' spread and the machine's pace (null with too few points)
     * @param lockHoldMs the blocking lock's predicted hold: the predicted duration plus the median time the lock
     *                   outlived the statement in the rehearsals (the rest of its transaction, which does not grow
     *                   with the table); {@code lockHoldHighMs} the same on the interval's upper bound; null when the
     *                   statement takes no blocking lock
     * @param status the lock hold judged against the thresholds: {@code PASS}, {@code FLAG} (lock_hold_flag), or
     *               {@code BLOCK} (lock_hold_block); FLAG at least when only the upper bound reaches lock_hold_block
     * @param warnings what weakens this prediction (memory, extrapolation distance, poor fit)
     */
    public record Prediction(String table, long rows, long durationMs, Long lowMs, Long highMs, Long lockHoldMs,
                             Long lockHoldHighMs, Long walBytes, String status, List<String> warnings) {}

    public record LockThresholds(long lockHoldFlagMs, long lockHoldBlockMs) {}

    /** One rehearsal of the run: a scale and a repeat, its report under {@code scales/}. */
    public record Run(long scale, int repeat, String report, double seedSeconds) {}
}
