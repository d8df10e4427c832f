package dev.rehearse.model;

import java.util.List;
import java.util.Map;

/**
 * One scenario rehearsed on several engine versions ({@code rehearse matrix}): {@code matrix.json} is its
 * serialisation. Each engine's own report is {@code <dir>/report.json} beside it.
 *
 * @param scenario the scenario file as given (null for a flags-only matrix)
 * @param scenarioSha256 what the reports' {@code run.scenarioSha256} say: shards of one matrix agree on it
 * @param units every engine of {@code --engines}, in the order given: what the shards slice and a merge expects
 * @param shard which slice this is; null for a whole matrix (unsharded, or merged)
 * @param engines the units this matrix ran (all of them, or a shard's), in {@code units} order
 * @param fields the statement fields compared, in the order differences list them
 * @param noise the noise model the measured figures were compared with
 * @param differences where the engines disagree, statement by statement, then the verdict
 */
public record Matrix(Report.Tool tool, String scenario, String scenarioSha256, List<String> units, Shard shard,
                     List<EngineResult> engines, List<String> fields, Report.Noise noise,
                     List<Difference> differences) {

    /** Shard {@code index} of {@code count}, both from 1. */
    public record Shard(int index, int count) {

        /** Unit {@code position} (from 0) belongs to shard {@code position mod count + 1}: round-robin, so a slow
         *  engine family is spread across machines rather than all on the last one. */
        public boolean owns(int position) {
            return position % count + 1 == index;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * One engine's outcome.
     *
     * @param engine as given in {@code --engines}, e.g. {@code postgres:12}
     * @param dir its report's directory, relative to matrix.json ({@code postgres-12}: no colon, which artifact
     *            stores and some file systems refuse)
     * @param version the server's own version, null when none started
     * @param status {@code rehearsed}; {@code incompatible} (the scenario's schema or migrations do not run on this
     *               engine: {@code error} says where; a report of what ran is kept when the migrations started);
     *               {@code failed} (the rehearsal could not run here: no server, a crash); {@code missing} (a merge
     *               found no shard that ran it)
     * @param verdict its report's verdict, null without a report
     * @param report the report's path relative to matrix.json, null without one
     * @param regressions with {@code --compare}, how many regressions its report lists; else null
     */
    public record EngineResult(String engine, String dir, String version, String status, Verdict verdict,
                               String error, String report, Integer regressions) {}

    /**
     * A field on which the engines disagree.
     *
     * @param statementIndex the statement (as numbered in each engine's report), null for an engine-wide field
     *                       ({@code verdict}, {@code status})
     * @param byEngine each engine's value, keyed by {@code engines[].engine}; {@code "not run"} where the engine did
     *                 not reach the statement, null where it was not measured
     */
    public record Difference(Integer statementIndex, String migration, String sql, String field,
                             Map<String, Object> byEngine) {}
}
