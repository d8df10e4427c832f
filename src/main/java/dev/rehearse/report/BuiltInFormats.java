package dev.rehearse.report;

import dev.rehearse.model.Report;

import java.util.Set;

/** The formats this build writes: one small adapter per renderer, each registered as a service. */
public final class BuiltInFormats {

    private BuiltInFormats() {}

    private static final Set<String> RUN_AND_LINT = Set.of("run", "lint");

    /** The category table (run) or file:line findings (lint), on standard output. */
    public static final class Console implements ReportFormat {
        public String id() { return "console"; }
        public String fileName() { return null; }
        public Set<String> commands() { return RUN_AND_LINT; }
        public String render(Report r, Context c) {
            return c.command().equals("lint") ? LintConsoleReport.render(r) : ConsoleReport.render(r, c.color());
        }
    }

    /** {@code report.json}, the machine contract. */
    public static final class Json implements ReportFormat {
        public String id() { return "json"; }
        public String fileName() { return "report.json"; }
        public Set<String> commands() { return RUN_AND_LINT; }
        public String render(Report r, Context c) { return JsonReport.render(r); }
    }

    /** {@code report.md}, a PR comment. */
    public static final class Markdown implements ReportFormat {
        public String id() { return "md"; }
        public String fileName() { return "report.md"; }
        public Set<String> commands() { return RUN_AND_LINT; }
        public String render(Report r, Context c) { return MarkdownReport.render(r); }
    }

    /** {@code report.sarif}, SARIF 2.1.0 for code-scanning UIs. */
    public static final class Sarif implements ReportFormat {
        public String id() { return "sarif"; }
        public String fileName() { return "report.sarif"; }
        public Set<String> commands() { return RUN_AND_LINT; }
        public String render(Report r, Context c) { return SarifReport.render(r); }
    }

    /** {@code runbook.md}: duration at production size, lock windows, alerts, rollback, what to do when it goes wrong. */
    public static final class Runbook implements ReportFormat {
        public String id() { return "runbook"; }
        public String fileName() { return "runbook.md"; }
        public Set<String> commands() { return Set.of("run"); }
        public String render(Report r, Context c) { return RunbookReport.render(r); }
    }

    /** {@code report.junit.xml}: a test case per statement and per category, failing at {@code --fail-on}. */
    public static final class Junit implements ReportFormat {
        public String id() { return "junit"; }
        public String fileName() { return "report.junit.xml"; }
        public Set<String> commands() { return RUN_AND_LINT; }
        public String render(Report r, Context c) { return JunitReport.render(r, c.failOn()); }
    }

    /** {@code report.html}: the timeline, lock Gantt chart, categories and statements on one offline page. */
    public static final class Html implements ReportFormat {
        public String id() { return "html"; }
        public String fileName() { return "report.html"; }
        public Set<String> commands() { return RUN_AND_LINT; }
        public String render(Report r, Context c) { return HtmlReport.render(r); }
    }
}
