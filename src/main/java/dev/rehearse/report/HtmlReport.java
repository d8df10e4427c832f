package dev.rehearse.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.rehearse.model.Quantities;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Report.StatementReport;
import dev.rehearse.model.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rehearse.report.Format.list;
import static dev.rehearse.report.Format.or;

/**
 * {@code report.html}: one self-contained page that opens offline. The page is a Mustache template
 * ({@code report.html.mustache}, every {@code {{value}}} HTML-escaped) over a view of the report model; the charts are
 * uPlot's, its script and stylesheet read from the uPlot webjar on the class path and inlined, and the chart data is the
 * model's timeline as JSON in an escaped attribute, so nothing is fetched when the page opens.
 */
public final class HtmlReport {

    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/rehearse/report")
            .compile("report.html.mustache");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {}

    public static String render(Report r) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, view(r));
        return out.toString();
    }

    /** What the template reads; names are the template's. */
    static Map<String, Object> view(Report r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("verdict", r.verdict() == null ? Format.NONE : r.verdict().title());
        v.put("verdictClass", r.verdict() == null ? "none" : switch (r.verdict()) {
            case SAFE_TO_SHIP -> "pass";
            case SAFE_WITH_MODIFICATIONS -> "flag";
            case BLOCK -> "block";
        });
        v.put("verdictReason", r.verdictReason());
        v.put("engine", Format.engine(r));
        v.put("tool", Format.tool(r));
        v.put("wallTime", Format.wallTime(r));
        v.put("startedAt", r.run() == null ? null : r.run().startedAt());
        v.put("scenario", r.run() == null ? null : r.run().scenario());
        v.put("categories", list(r.categories()).stream().map(c -> Map.of(
                "title", c.category() == null ? Format.NONE : c.category().title(),
                "status", c.status() == null ? Format.NONE : c.status().name(),
                "statusClass", cls(c.status()),
                "issue", or(c.issue()),
                "action", or(c.action()))).toList());
        v.put("statements", statements(r));
        // lint numbers the statements it read but executes none: its findings are listed here, by file and line
        java.util.Set<Integer> executed = list(r.statements()).stream().map(StatementReport::index)
                .collect(java.util.stream.Collectors.toSet());
        List<Map<String, Object>> other = list(r.findings()).stream()
                .filter(f -> f.statementIndex() == null || !executed.contains(f.statementIndex()))
                .map(HtmlReport::finding).toList();
        v.put("otherFindings", other);
        v.put("hasOtherFindings", !other.isEmpty());
        v.put("otherTitle", executed.isEmpty() ? "Findings" : "Other findings");
        v.put("seed", r.seed() == null ? List.of() : list(r.seed().tables()).stream().map(t -> Map.of(
                "name", t.name(), "rows", Quantities.number(t.rows()),
                "seconds", Quantities.duration(Math.round(t.seconds() * 1000)),
                "production", production(r, t.name()))).toList());
        v.put("facts", Format.facts(r));
        v.put("thresholds", thresholds(r.thresholds()));
        v.put("hasThresholds", r.thresholds() != null);
        v.put("hasTimeline", r.timeline() != null && !list(r.timeline().windows()).isEmpty());
        v.put("hasReplica", r.replication() != null && r.replication().measured());
        v.put("traffic", Format.trafficRows(r).stream().map(row -> Map.of("migration", row.get(0), "before", row.get(1),
                "during", row.get(2), "after", row.get(3))).toList());
        v.put("hasTraffic", !((List<?>) v.get("traffic")).isEmpty());
        v.put("hasSeed", !((List<?>) v.get("seed")).isEmpty());
        v.put("chartJson", chartJson(r));
        v.put("uplotJs", resource(UPLOT + "uPlot.iife.min.js"));
        v.put("uplotCss", resource(UPLOT + "uPlot.min.css"));
        return v;
    }

    private static String cls(Status s) {
        return s == null ? "none" : s.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The production row count an estimate named for the table, or the dash. */
    private static String production(Report r, String table) {
        return list(r.statements()).stream().map(StatementReport::estimate)
                .filter(e -> e != null && e.productionRows() != null
                        && (table.equals(e.table()) || table.endsWith("." + e.table())))
                .map(e -> Quantities.number(e.productionRows())).findFirst().orElse(Format.NONE);
    }

    private static List<Map<String, Object>> statements(Report r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatementReport s : list(r.statements())) {
            List<Finding> fs = list(r.findings()).stream()
                    .filter(f -> f.statementIndex() != null && f.statementIndex() == s.index()).toList();
            Status worst = fs.stream().filter(Finding::counts).map(Finding::status).reduce(Status.PASS, Status::max);
            List<String> evidence = new ArrayList<>();
            evidence.add("Ran " + Quantities.duration(s.durationMs()) + " from " + Quantities.number(s.startedAtMs())
                    + " ms" + (s.inTransaction() ? ", in a transaction" : ", outside a transaction")
                    + (s.rowsAffected() == null ? "" : ", " + Quantities.number(s.rowsAffected()) + " rows affected"));
            Format.locks(s).forEach(l -> evidence.add("Lock " + l));
            Format.effects(s).forEach(e -> evidence.add(Character.toUpperCase(e.charAt(0)) + e.substring(1)));
            if (s.impact() != null && s.impact().blockedQueries() != null) {
                evidence.add("Blocked queries: " + Format.blocked(s.impact()));
            }
            if (s.impact() != null && s.impact().p99Ms() != null) evidence.add("p99 " + Format.p99(s.impact()));
            if (s.walBytes() != null) evidence.add("WAL " + Quantities.bytes(s.walBytes()));
            if (s.replicationLagMaxMs() != null) evidence.add("Replica lag up to " + Quantities.duration(s.replicationLagMaxMs()));
            evidence.addAll(Format.notes(List.of(s)).stream().map(n -> n.replaceFirst("^#\\d+ ", "")).toList());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", s.index());
            m.put("location", Format.location(s));
            m.put("duration", Quantities.duration(s.durationMs()));
            m.put("status", worst.name());
            m.put("statusClass", cls(worst));
            m.put("failed", s.error() != null);
            m.put("sql", or(s.sql()).strip());
            m.put("evidence", evidence);
            m.put("findings", fs.stream().map(HtmlReport::finding).toList());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", or(f.rule()));
        m.put("status", f.status() == null ? Format.NONE : f.status().name());
        m.put("statusClass", f.suppressed() != null ? "none" : cls(f.status()));
        m.put("category", f.category() == null ? "" : f.category().title());
        m.put("message", or(f.message()));
        m.put("suppressed", f.suppressed() == null ? null : f.suppressed().by() + ": " + or(f.suppressed().reason()));
        m.put("place", f.file() == null ? null : f.file() + (f.line() == null ? "" : ":" + f.line()));
        boolean sql = Format.isSql(f.action());
        m.put("rewrite", sql ? f.action().strip() : null);
        m.put("advice", !sql && f.action() != null ? f.action() : null);
        return m;
    }

    private static List<Map<String, String>> thresholds(Report.Thresholds t) {
        if (t == null) return List.of();
        return List.of(
                row("Application query waited (FLAG / BLOCK)", ms(t.queryWaitFlagMs()) + " / " + ms(t.queryWaitBlockMs())),
                row("Blocking lock held (FLAG / BLOCK)", ms(t.lockHoldFlagMs()) + " / " + ms(t.lockHoldBlockMs())),
                row("p99 during a statement vs baseline (FLAG)", Quantities.decimal(t.p99Factor()) + "× and +"
                        + ms(t.p99MinIncreaseMs())),
                row("Rows changed in one transaction (FLAG)", Quantities.number(t.backfillRowsFlag())),
                row("WAL written by one statement (FLAG)", Quantities.bytes(t.walBytesFlag())),
                row("Replica lag (FLAG / BLOCK)", ms(t.replicationLagFlagMs()) + " / " + ms(t.replicationLagBlockMs())));
    }

    private static Map<String, String> row(String what, String value) {
        return Map.of("what", what, "value", value);
    }

    private static String ms(long ms) {
        return Quantities.duration(ms);
    }

    /**
     * The charts' data, from the model alone: per timeline window its start, throughput, p99 and sessions waiting;
     * each statement's band; each lock hold (statement start to start + heldMs; a lock not observed, heldMs null, is
     * drawn over the statement's own duration and marked so); each statement's replica lag when a replica ran.
     */
    static String chartJson(Report r) {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Double> t = new ArrayList<>();
        List<Double> qps = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Integer> waiting = new ArrayList<>();
        long windowMs = r.timeline() == null ? 100 : r.timeline().windowMs();
        if (r.timeline() != null) {
            for (Report.Window w : list(r.timeline().windows())) {
                t.add(w.atMs() / 1000.0);
                qps.add(w.queries() * 1000.0 / windowMs);
                p99.add(w.p99Ms());
                waiting.add(w.sessionsWaiting());
            }
        }
        c.put("t", t);
        c.put("qps", qps);
        c.put("p99", p99);
        c.put("waiting", waiting);
        List<Map<String, Object>> bands = new ArrayList<>();
        List<Map<String, Object>> locks = new ArrayList<>();
        List<Map<String, Object>> lag = new ArrayList<>();
        for (StatementReport s : list(r.statements())) {
            double from = s.startedAtMs() / 1000.0, to = (s.startedAtMs() + s.durationMs()) / 1000.0;
            Status worst = list(r.findings()).stream().filter(f -> f.counts() && f.statementIndex() != null
                    && f.statementIndex() == s.index()).map(Finding::status).reduce(Status.PASS, Status::max);
            bands.add(ordered("index", s.index(), "from", from, "to", to, "status", worst.name(),
                    "label", "#" + s.index() + " " + Format.oneLine(s.sql(), 60)));
            for (Report.Lock l : list(s.locks())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("row", or(l.relation()) + " · " + or(l.mode()));
                m.put("statement", s.index());
                m.put("from", from);
                m.put("to", l.heldMs() == null ? to : (s.startedAtMs() + l.heldMs()) / 1000.0);
                m.put("blocks", or(l.blocks()));
                m.put("observed", l.heldMs() != null);
                locks.add(m);
            }
            if (s.replicationLagMaxMs() != null) {
                lag.add(ordered("from", from, "to", to, "lagMs", s.replicationLagMaxMs()));
            }
        }
        c.put("bands", bands);
        c.put("locks", locks);
        c.put("lag", lag);
        c.put("replica", r.replication() != null && r.replication().measured());
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // maps of numbers and strings: a bug
        }
    }

    /** A map in the order written (Map.of's order changes from one JVM to the next; the page's bytes must not). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

        private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the class path (the uPlot webjar)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
