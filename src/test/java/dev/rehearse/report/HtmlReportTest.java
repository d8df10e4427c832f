package dev.rehearse.report;

import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html as text: self-contained, escaped, verdict first; HtmlReportBrowserTest opens it in Chromium. */
class HtmlReportTest {

    @Test
    void oneSelfContainedPageWithTheVerdictFirstAndUplotInlined() {
        String html = HtmlReport.render(ReportFixture.blocked());
        assertThat(html).startsWith("<!DOCTYPE html>");
        int verdict = html.indexOf("Migration rehearsal: BLOCK</h1>");
        assertThat(verdict).isPositive().isLessThan(html.indexOf("id=\"categories\""));
        assertThat(html.indexOf("id=\"categories\"")).isLessThan(html.indexOf("id=\"chart-locks\""));
        // nothing is fetched when the page opens: no src/href to anything, uPlot's own code is in the page
        assertThat(html).doesNotContainPattern("(src|href)=\"?(https?:)?//").doesNotContain("<link ");
        assertThat(html).contains("uPlot", "@media print");
        assertThat(html).contains("Constraint validation", "SET NOT NULL", "Safe rewrite:",
                "VALIDATE CONSTRAINT orders_customer_id_not_null", "orders_created_at_idx");
    }

    @Test
    void everyValueIsHtmlEscaped() {
        Report r = ReportFixture.blocked();
        var s = r.statements().get(0);
        var evil = new Report.StatementReport(s.index(), "<b>V9</b>.sql", s.line(), "SELECT '<script>alert(1)</script>'",
                s.inTransaction(), s.startedAtMs(), s.durationMs(), null, null, s.locks(), s.rewrote(), s.indexesRebuilt(),
                s.scanned(), null, null, s.impact(), null);
        Report withEvil = new Report(r.tool(), r.engine(), r.verdict(), "reason with <img src=x onerror=alert(1)>",
                r.categories(), List.of(evil), r.findings(), r.seed(), r.load(), r.replication(), r.run(), r.timeline());
        String html = HtmlReport.render(withEvil);
        assertThat(html).doesNotContain("<script>alert(1)</script>", "<img src=x", "<b>V9</b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src");
    }

    @Test
    void theChartDataIsTheTimelineTheStatementsAndTheirLocks() throws Exception {
        Report r = JsonReport.read(Path.of("src/test/resources/reports/quickstart/report.json"));
        var chart = new com.fasterxml.jackson.databind.ObjectMapper().readTree(HtmlReport.chartJson(r));
        assertThat(chart.get("t")).hasSize(r.timeline().windows().size());
        assertThat(chart.get("bands")).hasSize(r.statements().size());
        long locks = r.statements().stream().mapToLong(s -> s.locks().size()).sum();
        assertThat(chart.get("locks")).hasSize((int) locks);
        assertThat(chart.get("replica").asBoolean()).isFalse();
        String html = HtmlReport.render(r);
        assertThat(html).contains("No replica ran", "<td>public.orders</td>", "<td>500,000,000</td>"); // production rows beside seeded
    }

    @Test
    void theSameReportGivesTheSameBytesInEveryJvm() throws Exception {
        // a golden file written by an earlier JVM: nothing in the page may depend on hash order
        JunitReportTest.golden("report.chart.json", HtmlReport.chartJson(ReportFixture.blocked()) + "\n");
    }

    @Test
    void aLintReportHasNoTimelineAndSaysSo() {
        Report r = ReportFixture.blocked();
        Report lint = new Report(r.tool(), r.engine(), r.verdict(), r.verdictReason(), r.categories(), List.of(),
                r.findings(), null, null, null, null, null);
        String html = HtmlReport.render(lint);
        assertThat(html).contains("there is no timeline", "No statement was executed").doesNotContain("id=\"chart-p99\"");
    }
}
