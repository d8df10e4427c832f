package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Estimate;
import dev.rehearse.model.Report.Impact;
import dev.rehearse.model.Report.Lock;
import dev.rehearse.model.Report.StatementReport;

import static dev.rehearse.model.Quantities.bytes;
import static dev.rehearse.model.Quantities.decimal;
import static dev.rehearse.model.Quantities.duration;
import static dev.rehearse.model.Quantities.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Wording and number formats shared by the renderers, so the console and Markdown say the same thing the same way. */
public final class Format {

    /** Shown where the run could not measure a value (the model's null). */
    static final String NONE = "-";

    // The catalog writes SQL in upper case and prose in sentence case ("Use ...", "Add ..."), which tells them apart.
    private static final Pattern SQL = Pattern.compile(
            "^(--|(ALTER|CREATE|DROP|REINDEX|VACUUM|CLUSTER|ANALYZE|UPDATE|DELETE|INSERT|TRUNCATE|SELECT|WITH|SET|BEGIN|COMMIT|COMMENT|GRANT)\\b)");

    private Format() {}

    static String or(Object value) {
        return value == null ? NONE : value.toString();
    }

    /** Greedy word wrap; explicit newlines are kept and a word wider than the column is cut rather than overflow. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String paragraph : or(text).split("\\R", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                while (word.length() > width) {
                    if (!line.isEmpty()) out.add(line.toString());
                    line.setLength(0);
                    out.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (!word.isEmpty()) line.append(line.isEmpty() ? "" : " ").append(word);
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The statement on one line (whitespace collapsed, so a leading line break hides nothing), cut at max chars. */
    static String oneLine(String sql, int max) {
        String s = or(sql).strip().replaceAll("\\s+", " ");
        return s.length() <= max ? s : s.substring(0, max - 3).stripTrailing() + "...";
    }

    static boolean isSql(String action) {
        return action != null && SQL.matcher(action.strip()).find();
    }

    static String location(StatementReport s) {
        return or(s.migration()) + (s.line() == null ? "" : ":" + s.line());
    }

    /** {mode} on orders 1,204 ms */
    static String lock(Lock l) {
        return or(l.mode()) + (l.relation() == null ? "" : " on " + l.relation())
                + (l.heldMs() == null ? "" : " " + number(l.heldMs()) + " ms");
    }

    static List<String> locks(StatementReport s) {
        return s.locks() == null ? List.of() : s.locks().stream().map(Format::lock).toList();
    }

    /** The rewrote / rebuilt / scanned markers, one per relation. */
    static List<String> effects(StatementReport s) {
        List<String> out = new ArrayList<>();
        if (s.algorithm() != null) out.add(algorithm(s));
        marks(out, "rewrote", s.rewrote());
        marks(out, "rebuilt", s.indexesRebuilt());
        marks(out, "scanned", s.scanned());
        return out;
    }

    /** ALTER COPY (rebuild, writes blocked); ALTER INPLACE (online); ALTER INSTANT */
    static String algorithm(StatementReport s) {
        List<String> how = new ArrayList<>();
        if (Boolean.TRUE.equals(s.rebuild())) how.add("rebuild");
        if (!"INSTANT".equals(s.algorithm()) && s.concurrentDml() != null) how.add(s.concurrentDml() ? "online" : "writes blocked");
        return "ALTER " + s.algorithm() + (how.isEmpty() ? "" : " (" + String.join(", ", how) + ")");
    }

    private static void marks(List<String> out, String verb, List<String> relations) {
        if (relations != null) relations.forEach(r -> out.add(verb + " " + r));
    }

    /** 12 queries, max 790 ms */
    static String blocked(Impact i) {
        if (i == null || i.blockedQueries() == null) return NONE;
        if (i.blockedQueries() == 0) return "none";
        return number(i.blockedQueries()) + (i.blockedQueries() == 1 ? " query" : " queries")
                + (i.maxBlockedMs() == null ? "" : ", max " + number(i.maxBlockedMs()) + " ms");
    }

    /** 812.4 ms vs 4.1 ms */
    static String p99(Impact i) {
        if (i == null || i.p99Ms() == null) return NONE;
        return decimal(i.p99Ms()) + " ms" + (i.baselineP99Ms() == null ? "" : " vs " + decimal(i.baselineP99Ms()) + " ms");
    }

    /** ~38.2 ms per million rows of orders (rehearsed at 1,000,000); at 2,000,000,000 rows ≈ 1 min 16 s */
    static String estimate(Estimate e) {
        String s = "~" + decimal(e.msPerMillionRows()) + " ms per million rows of " + e.table() + " (rehearsed at "
                + number(e.rehearsedRows()) + ")";
        return e.productionRows() == null || e.productionMs() == null ? s
                : s + "; at " + number(e.productionRows()) + " rows ≈ " + duration(e.productionMs());
    }

    /** What a reader needs beside the statement tables: failures and production-size estimates. */
    static List<String> notes(List<StatementReport> statements) {
        List<String> out = new ArrayList<>();
        for (StatementReport s : list(statements)) {
            if (s.error() != null) out.add("#" + s.index() + " failed: " + s.error().strip());
            if (s.lockWaitMs() != null && s.lockWaitMs() >= 1) {
                // waiting is not work: said apart from the duration, and never scaled by an estimate
                out.add("#" + s.index() + " waited " + duration(s.lockWaitMs()) + " for its lock"
                        + (s.queuedBehind() == null ? "" : " behind " + s.queuedBehind()));
            }
            for (Report.Attempt a : list(s.attempts())) {
                out.add("#" + s.index() + " earlier attempt at " + number(a.startedAtMs()) + " ms failed after "
                        + duration(a.durationMs()) + ": " + or(a.error()).strip());
            }
            if (s.estimate() != null) out.add("#" + s.index() + " estimate: " + estimate(s.estimate()));
        }
        return out;
    }

    static String engine(Report r) {
        Report.Engine e = r.engine();
        if (e == null) return "unknown engine";
        return or(e.kind()) + " " + or(e.version()) + (e.provider() == null ? "" : " (" + e.provider() + ")");
    }

    static String tool(Report r) {
        return r.tool() == null ? "rehearse" : or(r.tool().name()) + " " + or(r.tool().version());
    }

    static String wallTime(Report r) {
        return r.run() == null ? NONE : duration(Math.round(r.run().wallSeconds() * 1000));
    }

    /** Seed, load, replica and run facts, one line each. */
    static List<String> facts(Report r) {
        List<String> out = new ArrayList<>();
        if (r.seed() != null && r.seed().tables() != null && !r.seed().tables().isEmpty()) {
            out.add("Seed: " + r.seed().tables().stream()
                    .map(t -> t.name() + " " + number(t.rows()) + " rows in " + duration(Math.round(t.seconds() * 1000)))
                    .collect(Collectors.joining(", ")));
        }
        Report.Load l = r.load();
        if (l == null || !l.enabled()) {
            out.add("Load: none");
        } else {
            out.add("Load: " + or(l.clients()) + " clients at " + (l.targetRate() == null ? NONE : decimal(l.targetRate()))
                    + " queries/s, " + (l.queries() == null ? NONE : number(l.queries())) + " queries, "
                    + (l.errors() == null ? NONE : number(l.errors())) + " errors; p50/p99 baseline "
                    + ms(l.baselineP50Ms()) + " / " + ms(l.baselineP99Ms()) + ", p99 during migration "
                    + ms(l.migrationP99Ms()) + ", max " + ms(l.maxMs())
                    + (l.lockWaitedQueries() == null ? "" : "; " + number(l.lockWaitedQueries())
                    + (l.lockWaitedQueries() == 1 ? " query" : " queries") + " waited on a lock (longest " + (l.maxLockWaitMs() == null ? NONE : duration(l.maxLockWaitMs())) + ")"));
            String plans = planChanges(l.plans());
            if (!plans.isEmpty()) out.add("Plans: " + plans);
        }
        if (r.rollbacks() != null && !r.rollbacks().isEmpty()) {
            boolean none = r.rollbacks().stream().allMatch(b -> "no-down".equals(b.outcome()));
            out.add("Rollback: " + (none ? "no migration has a down (" + r.rollbacks().size() + " rehearsed without one)"
                    : r.rollbacks().stream().map(Format::rollback).collect(Collectors.joining("; "))));
        }
        Report.Replication rep = r.replication();
        if (rep != null && rep.measured()) {
            out.add("Replica: max lag " + (rep.maxLagMs() == null ? NONE : duration(rep.maxLagMs()))
                    + (rep.maxLagBytes() == null ? "" : " (" + dev.rehearse.model.Quantities.bytes(rep.maxLagBytes()) + " behind at most)")
                    + (rep.timeOverThresholdMs() == null || rep.thresholdMs() == null ? ""
                    : ", " + duration(rep.timeOverThresholdMs()) + " at or over " + duration(rep.thresholdMs()))
                    + ", WAL " + (rep.walBytes() == null ? NONE : number(rep.walBytes()) + " bytes")
                    + (rep.cancelledQueries() == null ? "" : ", " + number(rep.cancelledQueries()) + " replica queries cancelled")
                    + (rep.replicaQueries() == null ? "" : ", " + number(rep.replicaQueries()) + " replica reads ("
                    + number(rep.staleReads() == null ? 0 : rep.staleReads()) + " stale)")
                    + (rep.model() == null || rep.model().description() == null ? "" : "; " + rep.model().description()));
        }
        Report.Run run = r.run();
        if (run != null) {
            out.add("Run: started " + or(run.startedAt()) + (run.scenario() == null ? "" : ", scenario " + run.scenario())
                    + ", wall time " + wallTime(r) + ", lock sampling every " + or(run.sampleIntervalMs()) + " ms (achieved "
                    + ms(run.achievedSampleIntervalMs()) + ")"
                    + (run.probeMs() == null ? "" : ", statement probe " + ms(run.probeMs()) + " (at most "
                    + ms(run.probeMaxMs()) + " around one statement, " + ms(run.probeInTransactionMs())
                    + " inside transactions)"));
        }
        String reproduce = reproduce(r);
        if (reproduce != null) out.add(reproduce);
        return out;
    }

    /**
     * What reproduces the report: the command, the scenario's SHA-256, the tool and engine versions, the machine;
     * null before the CLI stamped it (a report built in a test, or by an older version).
     */
    static String reproduce(Report r) {
        Report.Run run = r.run();
        if (run == null || run.command() == null) return null;
        Report.Machine m = run.machine();
        return "Reproduce: " + run.command() + " (scenario sha256 " + or(run.scenarioSha256()) + "); " + tool(r) + ", "
                + (r.engine() == null ? "unknown engine" : or(r.engine().kind()) + " " + or(r.engine().version()))
                + (m == null ? "" : "; " + m.cores() + (m.cores() == 1 ? " core, " : " cores, ")
                + (m.memoryBytes() == null ? NONE : bytes(m.memoryBytes())) + " memory, " + or(m.os())
                + ", Java " + or(m.java()));
    }

    /** {@code V2__note.sql rolled back in 12 ms (AccessExclusiveLock on accounts), removing accounts.note (...)}. */
    private static String rollback(Report.Rollback b) {
        String head = or(b.migration()) + " ";
        return switch (or(b.outcome())) {
            case "no-down" -> head + "has no down";
            case "not-reached" -> head + "not reached (an earlier down failed)";
            case "failed" -> head + "down failed: " + or(b.error());
            default -> head + "rolled back in " + (b.durationMs() == null ? NONE : duration(b.durationMs()))
                    + (b.locks() == null || b.locks().isEmpty() ? "" : " (" + b.locks().stream()
                    .map(l -> l.mode() + " on " + l.relation()).collect(Collectors.joining(", ")) + ")")
                    + (b.lost() == null || b.lost().isEmpty() ? "" : ", removing " + String.join(", ", b.lost()));
        };
    }

    /** {@code 199 q/s, p50 1.1 / p99 3.4 ms (max 9.0), 0 errors}: one window of the workload. */
    static String traffic(Report.Traffic t) {
        if (t == null) return NONE;
        if (t.queries() == 0) return (t.perSecond() == null ? "" : decimal(t.perSecond()) + " q/s, ") + "no query due";
        return (t.perSecond() == null ? "" : decimal(t.perSecond()) + " q/s, ") + "p50 " + decimal(t.p50Ms())
                + " / p99 " + ms(t.p99Ms()) + " (max " + decimal(t.maxMs()) + "), " + number(t.errors())
                + (t.errors() == 1 ? " error" : " errors") + (t.timeouts() == 0 ? "" : " (" + number(t.timeouts())
                + (t.timeouts() == 1 ? " timeout)" : " timeouts)")) + " of " + number(t.queries());
    }

    /** Per migration: its name, then the workload before, during and after it; empty without load. */
    static List<List<String>> trafficRows(Report r) {
        List<List<String>> rows = new ArrayList<>();
        if (r.load() == null || r.load().migrations() == null) return rows;
        for (Report.MigrationTraffic m : r.load().migrations()) {
            rows.add(List.of(or(m.migration()), traffic(m.before()), traffic(m.during()), traffic(m.after())));
        }
        return rows;
    }

    private static String ms(Double ms) {
        return ms == null ? NONE : decimal(ms) + " ms";
    }

    /** The model's lists are never null when the pipeline builds it; a hand-written report.json may omit them. */
    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /**
     * How the migrations changed the workload queries' plans: {@code orders_by_total now uses orders_total_idx;
     * orders_by_customer no longer uses orders_customer_idx}; empty when no query's indexes changed.
     */
    static String planChanges(List<Report.Plan> plans) {
        if (plans == null) return "";
        List<String> out = new java.util.ArrayList<>();
        for (Report.Plan p : plans) {
            List<String> gone = p.before().stream().filter(i -> !p.after().contains(i)).toList();
            List<String> change = new java.util.ArrayList<>();
            if (!p.newlyUsed().isEmpty()) change.add("now uses " + String.join(", ", p.newlyUsed()));
            if (!gone.isEmpty()) change.add("no longer uses " + String.join(", ", gone));
            if (p.error() != null) change.add("cannot be planned: " + p.error());
            if (!change.isEmpty()) out.add(p.query() + " " + String.join(" and ", change));
        }
        return String.join("; ", out);
    }
}
