package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.model.Report;
import dev.rehearse.report.HtmlReport;
import dev.rehearse.report.JsonReport;
import dev.rehearse.report.JunitReport;
import dev.rehearse.report.MarkdownReport;
import dev.rehearse.report.ReportFormat;
import dev.rehearse.report.ReportFormats;
import dev.rehearse.report.RunbookReport;
import dev.rehearse.report.SarifReport;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse report render} and {@code report merge} through Main, from the stored report of a real rehearsal. */
class ReportCommandTest {

    static final Path QUICKSTART = Path.of("src/test/resources/reports/quickstart/report.json");

    @Test
    void rendersEveryFormatFromAStoredReportJson(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        // every format this build offers run, so a format added later is rendered here too
        java.util.List<String> formats = ReportFormats.offeredBy("run");
        assertThat(formats).containsAll(ReportFormats.CONTRACT);
        CliTest.Outcome r = rehearse("report", "render", QUICKSTART.toString(),
                "--report", String.join(",", formats), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1); // the stored quickstart is a BLOCK: exits as run did
        Report report = JsonReport.read(QUICKSTART);
        assertThat(r.out()).contains("BLOCK"); // the console table
        var context = new ReportFormat.Context("run", false, Scenario.FailOn.BLOCK);
        int files = 0;
        for (ReportFormat f : ReportFormats.resolve(formats, "run")) {
            if (f.fileName() == null) continue;
            files++;
            Path file = out.resolve(f.fileName());
            assertThat(r.err()).contains("report: " + file);
            assertThat(Files.readString(file)).as(f.id()).isEqualTo(f.render(report, context));
        }
        assertThat(files).isGreaterThanOrEqualTo(ReportFormats.CONTRACT.size() - 1); // the contract's all but the console
        assertThat(JsonReport.read(out.resolve("report.json"))).isEqualTo(report);
        assertThat(Files.readString(out.resolve("report.md"))).isEqualTo(MarkdownReport.render(report));
        assertThat(Files.readString(out.resolve("report.sarif"))).isEqualTo(SarifReport.render(report));
        assertThat(Files.readString(out.resolve("report.junit.xml")))
                .isEqualTo(JunitReport.render(report, Scenario.FailOn.BLOCK));
        assertThat(Files.readString(out.resolve("report.html"))).isEqualTo(HtmlReport.render(report));
        assertThat(Files.readString(out.resolve("runbook.md"))).isEqualTo(RunbookReport.render(report));
        dev.rehearse.report.JunitReportTest.validate(Files.readString(out.resolve("report.junit.xml")));
        dev.rehearse.report.SarifSchema.validate(Files.readString(out.resolve("report.sarif")));
    }

    @Test
    void renderDefaultsBesideTheInputAndFailOnDecidesTheExitAndTheJunitFailures(@TempDir Path tmp) throws Exception {
        Path json = Files.copy(QUICKSTART, tmp.resolve("report.json"));
        CliTest.Outcome never = rehearse("report", "render", json.toString(), "--fail-on", "never");
        assertThat(never.code()).as(never.err()).isZero();
        assertThat(tmp.resolve("report.html")).exists();
        assertThat(tmp.resolve("report.md")).exists();
        assertThat(tmp.resolve("report.sarif")).exists();
        assertThat(Files.readString(tmp.resolve("report.junit.xml"))).doesNotContain("<failure");
        assertThat(rehearse("report", "render", json.toString(), "--report", "junit").code()).isEqualTo(1);
        String block = Files.readString(tmp.resolve("report.junit.xml"));
        assertThat(rehearse("report", "render", json.toString(), "--report", "junit", "--fail-on", "flag").code())
                .isEqualTo(1);
        String flag = Files.readString(tmp.resolve("report.junit.xml"));
        // the quickstart's BLOCKs: statement 1, lock contention, constraint validation; it has no FLAG of its own
        // (JunitReportTest has the case where --fail-on flag adds failures)
        assertThat(failures(block)).isEqualTo(3);
        assertThat(failures(flag)).isEqualTo(3);
    }

    private static int failures(String junit) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<testsuites [^>]*failures=\"(\\d+)\"").matcher(junit);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void mergeJoinsShardsInOrderAndRecomputesTheCategories(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("shard-1"));
        Files.copy(QUICKSTART, a.resolve("report.json"));
        Path b = Files.createDirectories(tmp.resolve("shard-2"));
        Report one = JsonReport.read(QUICKSTART);
        // a second shard: the first migration's statement alone, with its findings (the rest are another shard's)
        Report second = new Report(one.tool(), one.engine(), one.verdict(), one.verdictReason(), one.categories(),
                one.statements().subList(5, 6), one.findings().stream()
                .filter(f -> f.statementIndex() == null || f.statementIndex() == 6).toList(), one.seed(), one.load(),
                one.replication(), one.run(), one.timeline(), one.rollbacks(), one.thresholds());
        Files.writeString(b.resolve("report.json"), JsonReport.render(second));
        Path out = tmp.resolve("merged");
        CliTest.Outcome r = rehearse("report", "merge", a.toString(), b.toString(), "--out", out.toString(),
                "--report", "json,html,junit");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode merged = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode statements = merged.get("statements");
        assertThat(statements).hasSize(7);
        for (int i = 0; i < 7; i++) assertThat(statements.get(i).get("index").asInt()).isEqualTo(i + 1);
        assertThat(statements.get(6).get("sql").asText()).isEqualTo(one.statements().get(5).sql());
        // the second shard follows the first on one timeline
        long firstEnd = one.timeline().windows().size() * one.timeline().windowMs();
        assertThat(statements.get(6).get("startedAtMs").asLong())
                .isEqualTo(firstEnd + one.statements().get(5).startedAtMs());
        assertThat(merged.get("timeline").get("windows")).hasSize(2 * one.timeline().windows().size());
        assertThat(merged.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(merged.get("categories")).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(merged.get("categories").get(i).get("status").asText()).as(one.categories().get(i).category().name())
                    .isEqualTo(one.categories().get(i).status().name());
        }
        // the first shard's set-not-null finding now counts one more in its category (the second shard's, none here)
        assertThat(merged.get("findings").size()).isEqualTo(one.findings().size() + second.findings().size());
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("report.junit.xml")).exists();
    }

    @Test
    void aRealRunWritesHtmlAndJunitAndItsJsonRendersThemAgain(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliTest.Outcome run = rehearse("run", "scenarios/set-not-null/unsafe.yaml", "--rows", "accounts=20000",
                "--report", "json,html,junit", "--fail-on", "flag", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id=\"chart-locks\"", "SET NOT NULL", "Lock contention");
        String junit = Files.readString(out.resolve("report.junit.xml"));
        dev.rehearse.report.JunitReportTest.validate(junit);
        assertThat(junit).contains("<failure", "<property name=\"failOn\" value=\"flag\"/>");
        Report report = JsonReport.read(out.resolve("report.json"));
        assertThat(report.thresholds()).isNotNull();
        assertThat(report.thresholds().lockHoldBlockMs()).isEqualTo(5_000);

        Path again = tmp.resolve("again");
        CliTest.Outcome render = rehearse("report", "render", out.resolve("report.json").toString(), "--fail-on", "flag",
                "--report", "html,junit", "--out", again.toString());
        assertThat(render.code()).as(render.err()).isEqualTo(1);
        assertThat(Files.readString(again.resolve("report.html"))).isEqualTo(html);
        assertThat(Files.readString(again.resolve("report.junit.xml"))).isEqualTo(junit);
    }

    @Test
    void lintWritesHtmlAndJunitToo(@TempDir Path tmp) throws Exception {
        Path m = Files.writeString(tmp.resolve("V1__index.sql"), "CREATE INDEX accounts_code ON accounts (code);\n");
        Path out = tmp.resolve("out");
        CliTest.Outcome r = rehearse("lint", m.toString(), "--report", "html,junit", "--fail-on", "flag",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("there is no timeline", "create-index");
        String junit = Files.readString(out.resolve("report.junit.xml"));
        dev.rehearse.report.JunitReportTest.validate(junit);
        assertThat(junit).contains("classname=\"V1__index.sql\" name=\"line 1\"", "<failure type=\"FLAG\"");
    }

    @Test
    void aBadReportIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path broken = Files.writeString(tmp.resolve("report.json"), "{\n  \"verdict\": \"MAYBE\"\n}\n");
        CliTest.Outcome r = rehearse("report", "render", broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains("report.json:2").doesNotContain("\n").doesNotContain("Exception");
        CliTest.Outcome missing = rehearse("report", "merge", tmp.resolve("nope").toString(), "--out", tmp.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("nope").doesNotContain("\n");
        assertThat(rehearse("report", "render", QUICKSTART.toString(), "--report", "pdf").code()).isEqualTo(2);
    }
}
