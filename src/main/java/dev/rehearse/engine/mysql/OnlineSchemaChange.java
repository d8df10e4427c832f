package dev.rehearse.engine.mysql;

import dev.rehearse.dialect.Evidence;
import dev.rehearse.dialect.Rule;
import dev.rehearse.dialect.Rule.Words;

import java.util.Locale;
import java.util.function.Function;

/**
 * gh-ost and pt-online-schema-change for a change the server copies: the commands, with a chunk size and a lag
 * throttle. Lint gives the tools' defaults; {@code run} derives the chunk size from the rate at which the rehearsal's
 * own copy went through the seeded table. Defaults and flags as the tools document them (gh-ost
 * {@code go/cmd/gh-ost/main.go}: chunk-size 1000 within 10..100000, max-lag-millis 1500; pt-osc: --chunk-time 0.5 s,
 * --max-lag 1 s).
 */
public final class OnlineSchemaChange {

    private OnlineSchemaChange() {}

    /** pt-online-schema-change's default --chunk-time: a chunk that holds its row locks no longer than this. */
    static final double CHUNK_SECONDS = 0.5;
    static final long MIN_CHUNK = 100, MAX_CHUNK = 100_000, DEFAULT_CHUNK = 1_000;

    /**
     * How to run the copy online.
     *
     * @param chunkSize rows per chunk
     * @param maxLagMs the replica lag at which the tool pauses
     * @param basis where the chunk size comes from, one phrase
     */
    public record Plan(long chunkSize, long maxLagMs, String basis) {}

    /**
     * The plan for a copy of {@code rows} rows that took {@code workMs} on the rehearsal's server (nulls: not measured).
     * {@code replicaLagMs} is the replica's lag behind the rehearsed statement: the hook for the replica rehearsal, null
     * until it measures one; where it exceeded the threshold the chunk shrinks in proportion, since a chunk's row
     * events reach the replica as one transaction.
     */
    public static Plan plan(Long rows, Long workMs, Long replicaLagMs, long lagThresholdMs) {
        if (rows == null || workMs == null || rows <= 0 || workMs <= 0) {
            return new Plan(DEFAULT_CHUNK, lagThresholdMs, "gh-ost's default chunk; not measured");
        }
        double rowsPerSecond = rows * 1000.0 / workMs;
        long chunk = clamp(twoSignificant(rowsPerSecond * CHUNK_SECONDS));
        String basis = String.format(Locale.ROOT, "%.1f s of copying at the rehearsed %,.0f rows/s", CHUNK_SECONDS, rowsPerSecond);
        if (replicaLagMs != null && replicaLagMs > lagThresholdMs) {
            chunk = clamp(twoSignificant((double) chunk * lagThresholdMs / replicaLagMs));
            basis += String.format(Locale.ROOT, ", scaled down: the replica lagged %,d ms behind the copy", replicaLagMs);
        }
        return new Plan(chunk, lagThresholdMs, basis);
    }

    /** The commands for both tools, for the ALTER's clauses on its table. */
    public static String commands(String table, String alter, Plan p) {
        String quoted = alter.replace("\"", "\\\"");
        return String.format(Locale.ROOT, "gh-ost --table=%s --alter=\"%s\" --chunk-size=%d --max-lag-millis=%d"
                        + " --cut-over-lock-timeout-seconds=3 --execute\n"
                        + "pt-online-schema-change --alter \"%s\" D=<database>,t=%s --chunk-size %d --max-lag %s --execute\n"
                        + "-- chunk size: %s; lag threshold %d ms (thresholds.replication_lag_flag)",
                table, quoted, p.chunkSize(), p.maxLagMs(), quoted, table, p.chunkSize(), seconds(p.maxLagMs()),
                p.basis(), p.maxLagMs());
    }

    /**
     * A rule's rewrite: {@code head} (the in-server alternative, may be empty) and the tools' commands, sized by
     * measurement in {@code run} (the statement's table rows over its duration without lock waits, the replica's lag
     * against {@code replication_lag_flag}).
     */
    static Rule.MeasuredRewrite withTools(Function<Words, String> head) {
        return new Rule.MeasuredRewrite() {
            @Override
            public String apply(Words w) {
                return join(head.apply(w), commands(w.table(), alterClauses(w), plan(null, null, null, dev.rehearse.scenario.Scenario.Thresholds.DEFAULT.replicationLagFlagMs())));
            }

            @Override
            public String apply(Words w, Evidence e) {
                String table = w.table().replace("`", "");
                Long rows = e.tableRows().get(table);
                var r = e.report();
                Long work = r == null ? null : r.durationMs() - (r.lockWaitMs() == null ? 0 : r.lockWaitMs());
                Plan p = plan(rows, work, r == null ? null : r.replicationLagMaxMs(), e.thresholds().replicationLagFlagMs());
                return join(head.apply(w), commands(table, alterClauses(w), p));
            }
        };
    }

    /**
     * A rule's rewrite whose in-server alternative is mechanical ({@code fix} writes its steps, the statement with the
     * online-DDL clauses) followed in its text by the tools' commands, which stay advice: a copy by gh-ost or
     * pt-online-schema-change is a run of a tool, not a migration.
     */
    static Rule.MeasuredRewrite withTools(Function<Words, dev.rehearse.dialect.Rewrite> plan, boolean mechanical) {
        final class Online implements Rule.MeasuredRewrite, dev.rehearse.dialect.Rewrite.Mechanical {
            private final Rule.MeasuredRewrite text = withTools(w -> {
                dev.rehearse.dialect.Rewrite r = plan.apply(w);
                return r == null ? "" : r.text();
            });

            @Override
            public dev.rehearse.dialect.Rewrite plan(Words w) {
                return mechanical ? plan.apply(w) : null;
            }

            @Override
            public String otherwise(Words w) {
                return text.apply(w);
            }

            @Override
            public String apply(Words w) {
                return text.apply(w);
            }

            @Override
            public String apply(Words w, Evidence e) {
                return text.apply(w, e);
            }
        }
        return new Online();
    }

    private static String join(String head, String tools) {
        return head == null || head.isBlank() ? tools : head + "\n" + tools;
    }

    /**
     * What the tools take as {@code --alter}: the ALTER's clauses without {@code ALTER TABLE name} and without the
     * ALGORITHM / LOCK clauses (the tools run their own); a table rebuild (OPTIMIZE) is {@code ENGINE=InnoDB}.
     */
    static String alterClauses(Words w) {
        if (!w.startsWith("ALTER", "TABLE")) {
            if (w.startsWith("OPTIMIZE")) return "ENGINE=InnoDB";
            if (w.startsWith("CREATE")) {
                String sql = w.sql().strip().replaceFirst(";\\s*$", "");
                // CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON t (cols) -> ADD ... INDEX name (cols)
                return sql.replaceFirst("(?is)^CREATE\\s+((?:UNIQUE|FULLTEXT|SPATIAL)\\s+)?INDEX\\s+(\\S+)\\s+ON\\s+\\S+\\s*",
                        "ADD $1INDEX $2 ").replaceAll("(?i)\\s*\\b(ALGORITHM|LOCK)(\\s*=\\s*|\\s+)\\w+", "").strip();
            }
            return w.sql().strip();
        }
        String sql = w.sql().strip().replaceFirst(";\\s*$", "");
        String rest = sql.replaceFirst("(?is)^ALTER\\s+(ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(`[^`]+`|\\S+)\\s*", "");
        return rest.replaceAll("(?i),?\\s*(ALGORITHM|LOCK)\\s*=?\\s*\\w+", "").strip().replaceFirst("^,\\s*", "");
    }

    private static long clamp(long chunk) {
        return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, chunk));
    }

    /** 1234 -> 1200: a chunk size is a rough figure, printed as one. */
    private static long twoSignificant(double x) {
        if (x < 100) return Math.round(x);
        double scale = Math.pow(10, Math.floor(Math.log10(x)) - 1);
        return Math.round(Math.round(x / scale) * scale);
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
