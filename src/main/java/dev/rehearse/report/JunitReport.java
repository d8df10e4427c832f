package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.model.Report.CategoryResult;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Report.StatementReport;
import dev.rehearse.model.Status;
import dev.rehearse.scenario.Scenario;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.rehearse.report.Format.list;
import static dev.rehearse.report.Format.or;

/**
 * {@code report.junit.xml}: the report as the JUnit XML that CI systems read (Jenkins, GitLab, GitHub test reporters):
 * one test case per migration statement and one per category, a {@code <failure>} where the status reaches
 * {@code --fail-on} (BLOCK; FLAG too with {@code --fail-on flag}; nothing with {@code never}). The JDK's StAX writer
 * escapes the text, so SQL and error messages cannot break the document.
 */
public final class JunitReport {

    private JunitReport() {}

    public static String render(Report r, Scenario.FailOn failOn) {
        List<Case> statements = statementCases(r);
        List<Case> categories = categoryCases(r);
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            nl(x, 0);
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "rehearse");
            x.writeAttribute("tests", String.valueOf(statements.size() + categories.size()));
            x.writeAttribute("failures", String.valueOf(failures(statements, failOn) + failures(categories, failOn)));
            x.writeAttribute("errors", "0");
            if (r.run() != null) x.writeAttribute("time", seconds(Math.round(r.run().wallSeconds() * 1000)));
            suite(x, r, "rehearse.statements", statements, failOn, true);
            suite(x, r, "rehearse.categories", categories, failOn, false);
            nl(x, 0);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out.append('\n').toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JUnit report could not be written", e); // a bug: StAX to a string
        }
    }

    /**
     * One test case: where it belongs, its name, its time, its status and what explains it.
     *
     * @param facts what the case always prints (a statement's SQL and measurements)
     * @param details why it has its status: the failure's text, or printed beside the facts when it does not fail
     */
    private record Case(String classname, String name, Long ms, Status status, String message, String details,
                        String facts) {

        String out(boolean failing) {
            if (failing || details.isEmpty()) return facts;
            return facts.isEmpty() ? details : facts + "\n\n" + details;
        }
    }

    private static void suite(XMLStreamWriter x, Report r, String name, List<Case> cases, Scenario.FailOn failOn,
                              boolean properties) throws XMLStreamException {
        nl(x, 1);
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", String.valueOf(cases.size()));
        x.writeAttribute("failures", String.valueOf(failures(cases, failOn)));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", "0");
        long ms = cases.stream().mapToLong(c -> c.ms() == null ? 0 : c.ms()).sum();
        x.writeAttribute("time", seconds(ms));
        if (r.run() != null && r.run().startedAt() != null) x.writeAttribute("timestamp", r.run().startedAt());
        if (properties) {
            nl(x, 2);
            x.writeStartElement("properties");
            property(x, "verdict", r.verdict() == null ? Format.NONE : r.verdict().name());
            property(x, "verdictReason", or(r.verdictReason()));
            property(x, "engine", Format.engine(r));
            property(x, "tool", Format.tool(r));
            property(x, "failOn", failOn.name().toLowerCase(Locale.ROOT));
            nl(x, 2);
            x.writeEndElement();
        }
        for (Case c : cases) {
            nl(x, 2);
            x.writeStartElement("testcase");
            x.writeAttribute("classname", xml(c.classname()));
            x.writeAttribute("name", xml(c.name()));
            x.writeAttribute("time", seconds(c.ms() == null ? 0 : c.ms()));
            boolean failing = fails(c.status(), failOn);
            if (failing) {
                nl(x, 3);
                x.writeStartElement("failure");
                x.writeAttribute("type", c.status().name());
                x.writeAttribute("message", xml(c.message()));
                x.writeCharacters(xml(c.details()));
                x.writeEndElement();
            }
            if (!c.out(failing).isEmpty()) {
                nl(x, 3);
                x.writeStartElement("system-out");
                x.writeCharacters(xml(c.out(failing)));
                x.writeEndElement();
            }
            nl(x, 2);
            x.writeEndElement();
        }
        nl(x, 1);
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        nl(x, 3);
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", xml(value));
    }

    /** Indentation as characters between elements: StAX has none of its own, and stable bytes make golden files. */
    private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** StAX escapes markup but writes any character; XML 1.0 has no NUL or other C0 controls but tab and newlines. */
    private static String xml(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "\uFFFD");
    }

    static boolean fails(Status s, Scenario.FailOn failOn) {
        return switch (failOn) {
            case NEVER -> false;
            case BLOCK -> s == Status.BLOCK;
            case FLAG -> s == Status.BLOCK || s == Status.FLAG;
        };
    }

    private static long failures(List<Case> cases, Scenario.FailOn failOn) {
        return cases.stream().filter(c -> fails(c.status(), failOn)).count();
    }

    /** JUnit's time is seconds with a decimal point, whatever the locale. */
    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /**
     * A run's executed statements; for lint (nothing executed) each statement a finding names, by file and line.
     * Each is as bad as the worst finding that counts against it.
     */
    private static List<Case> statementCases(Report r) {
        List<Finding> counted = list(r.findings()).stream().filter(Finding::counts).toList();
        List<Case> out = new ArrayList<>();
        if (!list(r.statements()).isEmpty()) {
            for (StatementReport s : r.statements()) {
                List<Finding> fs = counted.stream().filter(f -> f.statementIndex() != null && f.statementIndex() == s.index())
                        .toList();
                List<String> facts = new ArrayList<>();
                facts.add(s.sql() == null ? "" : s.sql().strip());
                facts.add("duration " + s.durationMs() + " ms, started at " + s.startedAtMs() + " ms");
                Format.locks(s).forEach(l -> facts.add("lock " + l));
                facts.addAll(Format.effects(s));
                if (s.impact() != null) facts.add("blocked queries: " + Format.blocked(s.impact()) + "; p99 " + Format.p99(s.impact()));
                if (s.error() != null) facts.add("failed: " + s.error().strip());
                out.add(statementCase(or(s.migration()), "#" + s.index() + (s.line() == null ? "" : " line " + s.line())
                        + ": " + Format.oneLine(s.sql(), 80), s.durationMs(), fs, facts));
            }
            return out;
        }
        Map<String, List<Finding>> byPlace = new LinkedHashMap<>();
        for (Finding f : counted) {
            if (f.file() == null) continue;
            byPlace.computeIfAbsent(f.file() + "\u0000" + (f.line() == null ? "" : f.line()), k -> new ArrayList<>()).add(f);
        }
        for (List<Finding> fs : byPlace.values()) {
            Finding first = fs.get(0);
            out.add(statementCase(first.file(), "line " + or(first.line()), null, fs, List.of()));
        }
        return out;
    }

    private static Case statementCase(String classname, String name, Long ms, List<Finding> fs, List<String> facts) {
        Status worst = fs.stream().map(Finding::status).reduce(Status.PASS, Status::max);
        StringBuilder details = new StringBuilder();
        for (Finding f : fs) {
            if (!details.isEmpty()) details.append("\n\n");
            details.append(f.status()).append(' ').append(or(f.rule())).append(": ").append(or(f.message()));
            if (Format.isSql(f.action())) details.append("\nSafe rewrite:\n").append(f.action().strip());
            else if (f.action() != null) details.append("\nRecommended: ").append(f.action().strip());
        }
        Finding head = fs.stream().filter(f -> f.status() == worst).findFirst().orElse(null);
        String message = head == null ? "" : or(head.rule()) + ": " + or(head.message())
                + (fs.size() > 1 ? " (+" + (fs.size() - 1) + " more)" : "");
        return new Case(classname, name, ms, worst, message, details.toString(), String.join("\n", facts));
    }

    private static List<Case> categoryCases(Report r) {
        List<Case> out = new ArrayList<>();
        for (CategoryResult c : list(r.categories())) {
            Status s = c.status() == null ? Status.PASS : c.status();
            String issue = or(c.issue());
            String details = s + ": " + issue + (c.action() == null || c.action().isBlank() || c.action().equals("None")
                    ? "" : "\nRecommended: " + c.action());
            out.add(new Case("rehearse.categories", c.category() == null ? Format.NONE : c.category().title(), null, s,
                    issue, details, ""));
        }
        return out;
    }
}
