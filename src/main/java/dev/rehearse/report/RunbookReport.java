package dev.rehearse.report;

import dev.rehearse.dialect.CommonRules;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Lock;
import dev.rehearse.model.Report.StatementReport;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rehearse.model.Quantities.duration;
import static dev.rehearse.model.Quantities.number;
import static dev.rehearse.report.Format.list;
import static dev.rehearse.report.Format.or;

/**
 * {@code runbook.md}: what the deploy of this migration set takes, from its rehearsal: how long at production size,
 * the lock windows and what they block, when to page, how to roll back, and what to do when it goes sideways. The
 * people to call are placeholders the team fills in.
 */
public final class RunbookReport {

    static final String FILL_IN = "_(fill in)_";

    private RunbookReport() {}

    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        List<String> migrations = migrations(r);
        out.append("# Deploy runbook: ").append(migrations.isEmpty() ? "no migration ran" : String.join(", ", migrations))
                .append("\n\n");
        out.append("Rehearsed").append(r.run() == null || r.run().startedAt() == null ? "" : " " + r.run().startedAt())
                .append(" on ").append(Format.engine(r)).append(": **")
                .append(r.verdict() == null ? Format.NONE : r.verdict().title()).append("**")
                .append(r.verdictReason() == null ? "" : ". " + r.verdictReason()).append("\n");
        String reproduce = Format.reproduce(r);
        if (reproduce != null) out.append("\n").append(reproduce).append("\n");

        out.append("\n## Who to call\n\n| Role | Who |\n| --- | --- |\n")
                .append("| Deploy owner | ").append(FILL_IN).append(" |\n")
                .append("| Database on call | ").append(FILL_IN).append(" |\n")
                .append("| Application on call | ").append(FILL_IN).append(" |\n")
                .append("| Incident channel | ").append(FILL_IN).append(" |\n");

        timing(out, r);
        locks(out, r);
        Dialect.Operations ops = operations(r);
        monitoring(out, r, ops);
        sideways(out, r, ops);
        rollback(out, r);
        return out.toString();
    }

    private static void timing(StringBuilder out, Report r) {
        out.append("\n## Expected duration\n\n");
        List<StatementReport> statements = list(r.statements());
        if (statements.isEmpty()) {
            out.append("No statement ran in the rehearsal.\n");
            return;
        }
        out.append("| # | Migration | Statement | Rehearsed | At production size | Blocks |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        long rehearsed = 0, production = 0;
        int unknown = 0;
        for (StatementReport s : statements) {
            rehearsed += s.durationMs();
            Long at = productionMs(s);
            if (at != null) production += at;
            else unknown++;
            out.append("| ").append(s.index()).append(" | ").append(MarkdownReport.cell(Format.location(s))).append(" | `")
                    .append(Format.oneLine(s.sql(), 60).replace("|", "\\|").replace("`", "'")).append("` | ")
                    .append(duration(s.durationMs())).append(s.error() == null ? "" : " (failed)").append(" | ")
                    .append(MarkdownReport.cell(atProduction(s))).append(" | ").append(MarkdownReport.cell(blocks(s)))
                    .append(" |\n");
        }
        out.append("\nTotal: ").append(duration(rehearsed)).append(" rehearsed");
        if (unknown < statements.size()) {
            out.append("; about ").append(duration(production)).append(" at production size");
        }
        if (unknown > 0) {
            out.append(" (").append(unknown).append(unknown == 1 ? " statement grows" : " statements grow")
                    .append(" with a table whose production row count the scenario does not give: unknown there;"
                            + " set `production_rows`)");
        }
        out.append(".\n");
    }

    /** The statement's time at production size: its estimate, or as rehearsed when it does not grow with a table. */
    private static Long productionMs(StatementReport s) {
        if (s.estimate() == null) return s.durationMs();
        return s.estimate().productionMs();
    }

    private static String atProduction(StatementReport s) {
        Report.Estimate e = s.estimate();
        if (e == null) return "as rehearsed (does not grow with a table)";
        if (e.productionMs() == null || e.productionRows() == null) {
            return "unknown: grows with " + e.table() + " (" + number(e.rehearsedRows()) + " rows rehearsed)";
        }
        return "≈ " + duration(e.productionMs()) + " (" + number(e.productionRows()) + " rows of " + e.table() + ")";
    }

    private static String blocks(StatementReport s) {
        List<String> out = new ArrayList<>();
        for (Lock l : blocking(s)) out.add(what(l.blocks()) + " of " + l.relation() + " (" + l.mode() + ")");
        return out.isEmpty() ? "nothing the application does" : String.join("\n", out);
    }

    private static List<Lock> blocking(StatementReport s) {
        return list(s.locks()).stream().filter(l -> l.blocks() != null && !"none".equals(l.blocks())).toList();
    }

    private static String what(String blocks) {
        return "reads_writes".equals(blocks) ? "reads and writes" : "writes".equals(blocks) ? "writes" : or(blocks);
    }

    private static void locks(StringBuilder out, Report r) {
        out.append("\n## Lock windows to expect\n\n");
        boolean any = false;
        for (StatementReport s : list(r.statements())) {
            for (Lock l : blocking(s)) {
                any = true;
                out.append("- #").append(s.index()).append(' ').append(Format.location(s)).append(": ").append(l.mode())
                        .append(" on ").append(l.relation()).append(" blocks ").append(what(l.blocks())).append(", held ")
                        .append(l.heldMs() == null ? "too briefly to sample" : duration(l.heldMs())).append(" rehearsed");
                Report.Estimate e = s.estimate();
                if (e != null && e.productionMs() != null) {
                    out.append(", about ").append(duration(e.productionMs() + Math.max(0, heldBeyond(s, l))))
                            .append(" at production size");
                } else if (e != null) {
                    out.append(", longer at production size (grows with ").append(e.table()).append(')');
                }
                Report.Impact i = s.impact();
                if (i != null && i.blockedQueries() != null && i.blockedQueries() > 0) {
                    out.append("; ").append(Format.blocked(i)).append(" waited in the rehearsal");
                }
                out.append(".\n");
            }
        }
        if (!any) out.append("No statement took a lock that blocks the application's reads or writes.\n");
    }

    /** How long the lock outlived the statement (the rest of its transaction), which does not grow with the table. */
    private static long heldBeyond(StatementReport s, Lock l) {
        return l.heldMs() == null ? 0 : l.heldMs() - s.durationMs();
    }

    private static void monitoring(StringBuilder out, Report r, Dialect.Operations ops) {
        Report.Alerts a = r.run() == null || r.run().alerts() == null
                ? new Report.Alerts(30_000, 60_000, "default") : r.run().alerts();
        out.append("\n## Monitoring\n\nAlert when (").append("scenario".equals(a.from())
                ? "from the scenario's block thresholds" : "defaults; set `thresholds` in the scenario to change them")
                .append("):\n\n")
                .append("- a lock is held, or a query waits for one, longer than ").append(duration(a.lockWaitMs())).append(";\n")
                .append("- a replica lags more than ").append(duration(a.replicaLagMs())).append(";\n");
        Report.Load l = r.load();
        if (l != null && l.enabled() && l.baselineP99Ms() != null) {
            out.append("- application p99 rises well above its baseline: ").append(ms(l.baselineP99Ms()))
                    .append(" before the migrations in the rehearsal, ")
                    .append(l.migrationP99Ms() == null ? Format.NONE : ms(l.migrationP99Ms()))
                    .append(" while they ran.\n");
        }
        if (ops != null) {
            out.append("\nSessions waiting on a lock, and who blocks them:\n\n```sql\n").append(ops.waitingSessionsSql())
                    .append("\n```\n");
        }
    }

    private static String ms(double ms) {
        return dev.rehearse.model.Quantities.decimal(ms) + " ms";
    }

    private static void sideways(StringBuilder out, Report r, Dialect.Operations ops) {
        long alert = r.run() == null || r.run().alerts() == null ? 30_000 : r.run().alerts().lockWaitMs();
        out.append("\n## If it goes sideways\n\n");
        out.append("1. **A statement waits on its lock longer than ").append(duration(alert))
                .append("**, or application queries queue behind it: cancel it")
                .append(ops == null ? " from another session" : " (`" + ops.cancelSql() + "` with the migration's session)")
                .append(". ");
        List<String> partial = new ArrayList<>();
        for (Map.Entry<String, List<StatementReport>> m : byMigration(r).entrySet()) {
            if (m.getValue().stream().anyMatch(s -> !s.inTransaction())) partial.add(m.getKey());
        }
        out.append(partial.isEmpty() ? "Every statement ran in a transaction: a cancelled migration rolls back whole."
                : "Not in one transaction, so what ran before the cancelled statement stays applied: "
                + String.join(", ", partial) + "; check which statements ran before retrying.").append('\n');
        out.append("2. **Retry with a lock timeout**, so the migration gives up instead of queueing the application behind"
                        + " it")
                .append(ops == null ? "" : " (`" + lockTimeout(ops, r) + "` before it)")
                .append(", a few times with a pause between tries, at a quieter hour if it keeps failing."
                        + " `migrations.lock_retries` rehearses exactly that.\n");
        out.append("3. **The application errors, or it is still failing**: stop, roll back (below) and call the database"
                + " on call (").append(FILL_IN).append(").\n");
        out.append("4. Afterwards: keep the error, the time and what was waiting; rehearse again before the next try.\n");
    }

    /** The lock timeout fix writes, from the thresholds the run judged by (the defaults for a report without them). */
    private static String lockTimeout(Dialect.Operations ops, Report r) {
        Report.Thresholds t = r.thresholds();
        long ms = t == null ? CommonRules.lockTimeoutMs(Scenario.Thresholds.DEFAULT)
                : CommonRules.lockTimeoutMs(t.queryWaitFlagMs(), t.p99MinIncreaseMs());
        return ops.lockTimeoutSql().replace("<ms>", Long.toString(ms))
                .replace("<seconds>", Long.toString(CommonRules.wholeSeconds(ms)));
    }

    private static void rollback(StringBuilder out, Report r) {
        out.append("\n## Rollback\n\n");
        Map<String, Report.Rollback> downs = new LinkedHashMap<>();
        for (Report.Rollback b : list(r.rollbacks())) downs.put(b.migration(), b);
        Map<String, List<StatementReport>> ups = byMigration(r);
        if (ups.isEmpty()) {
            out.append("Nothing ran, nothing to roll back.\n");
            return;
        }
        out.append("Last migration first:\n\n");
        List<String> order = new ArrayList<>(ups.keySet());
        java.util.Collections.reverse(order);
        for (String migration : order) {
            Report.Rollback b = downs.get(migration);
            out.append("- **").append(migration).append("**: ");
            if (b != null && !"no-down".equals(b.outcome())) {
                out.append("run its down").append(b.file() == null ? "" : " `" + b.file() + "`")
                        .append(" with the migration tool. Rehearsed: ").append(rehearsedDown(b)).append(".\n");
                continue;
            }
            out.append(b == null ? "its down was not rehearsed" : "it has no down")
                    .append("; the inverse statements, last first (review before running):\n\n```sql\n");
            List<StatementReport> statements = new ArrayList<>(ups.get(migration));
            java.util.Collections.reverse(statements);
            for (StatementReport s : statements) {
                if (s.error() != null) continue; // it did not apply
                out.append(inverse(s.sql(), r.engine() == null ? null : r.engine().kind())).append('\n');
            }
            out.append("```\n\n");
        }
    }

    private static String rehearsedDown(Report.Rollback b) {
        return switch (or(b.outcome())) {
            case "failed" -> "it **failed**: " + or(b.error()).strip() + "; fix the down before the deploy";
            case "not-reached" -> "not reached (an earlier down failed)";
            default -> "rolled back in " + (b.durationMs() == null ? Format.NONE : duration(b.durationMs()))
                    + (list(b.locks()).isEmpty() ? "" : ", taking " + String.join(", ", list(b.locks()).stream()
                    .map(l -> l.mode() + " on " + l.relation()).toList()))
                    + (list(b.lost()).isEmpty() ? "" : "; it **removes** " + String.join(", ", b.lost()));
        };
    }

    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)\\s+ON\\s+(?:ONLY\\s+)?(\\S+).*");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)^CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([^\\s(]+).*");
    private static final Pattern ALTER = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(\\S+)\\s+(.*)");
    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)\\s+.*");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("(?is)^ADD\\s+CONSTRAINT\\s+(\\S+)\\s+.*");
    private static final Pattern SET_NOT_NULL = Pattern.compile("(?is)^ALTER\\s+(?:COLUMN\\s+)?(\\S+)\\s+SET\\s+NOT\\s+NULL\\s*;?\\s*$");

    /**
     * The statement that undoes {@code sql}, for the few shapes whose inverse is certain (an index, a table, one added
     * column or constraint, SET NOT NULL); otherwise a comment asking for one. Dropping an added column drops what
     * was written to it since.
     */
    static String inverse(String sql, String engineKind) {
        String s = sql.strip().replaceAll(";\\s*$", "");
        Matcher m = CREATE_INDEX.matcher(s);
        if (m.matches()) {
            boolean postgres = engineKind == null || engineKind.equals("postgres"); // MySQL names the table
            return "DROP INDEX " + (m.group(1) == null || !postgres ? "" : "CONCURRENTLY ") + m.group(2)
                    + (postgres ? "" : " ON " + m.group(3)) + ";";
        }
        m = CREATE_TABLE.matcher(s);
        if (m.matches()) return "DROP TABLE " + m.group(1) + ";";
        m = ALTER.matcher(s);
        if (m.matches() && !topLevelComma(m.group(2))) {
            String table = m.group(1), action = m.group(2).strip();
            Matcher a = ADD_CONSTRAINT.matcher(action);
            if (a.matches()) return "ALTER TABLE " + table + " DROP CONSTRAINT " + a.group(1) + ";";
            a = ADD_COLUMN.matcher(action);
            if (a.matches() && !a.group(1).equalsIgnoreCase("CONSTRAINT")) {
                return "ALTER TABLE " + table + " DROP COLUMN " + a.group(1) + ";  -- drops what was written to it since";
            }
            a = SET_NOT_NULL.matcher(action);
            if (a.matches()) return "ALTER TABLE " + table + " ALTER COLUMN " + a.group(1) + " DROP NOT NULL;";
        }
        return "-- no certain inverse: write one by hand for: " + Format.oneLine(sql, 100);
    }

    /** Whether an ALTER holds several actions (a comma outside parentheses and quotes). */
    private static boolean topLevelComma(String actions) {
        int depth = 0;
        boolean quoted = false;
        for (char c : actions.toCharArray()) {
            if (c == '\'') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
            else if (!quoted && depth == 0 && c == ',') return true;
        }
        return false;
    }

    private static Map<String, List<StatementReport>> byMigration(Report r) {
        Map<String, List<StatementReport>> out = new LinkedHashMap<>();
        for (StatementReport s : list(r.statements())) {
            out.computeIfAbsent(or(s.migration()), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    private static List<String> migrations(Report r) {
        return new ArrayList<>(byMigration(r).keySet());
    }

    /** The engine's operator statements, when the report names an engine this build knows. */
    private static Dialect.Operations operations(Report r) {
        if (r.engine() == null || r.engine().kind() == null) return null;
        try {
            String version = r.engine().version() == null ? "" : r.engine().version().replaceAll("[^0-9.].*$", "");
            return Engines.dialect(EngineSpec.parse(r.engine().kind() + (version.isEmpty() ? "" : ":" + version))).operations();
        } catch (RuntimeException unknown) {
            return null; // a report from an engine this build lacks: the runbook says it in words
        }
    }
}
