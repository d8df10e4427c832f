package dev.rehearse.report;

import dev.rehearse.model.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    final Report report = ReportFixture.blocked();

    @Test
    void writesEachFileFormatIntoANewDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("reports/2025-01-14");
        var written = ReportWriter.write(report, out, Set.of("md", "console", "json", "junit", "sarif", "html", "bogus"));
        assertThat(written).containsExactly(out.resolve("report.json"), out.resolve("report.md"), out.resolve("report.sarif"),
                out.resolve("report.junit.xml"), out.resolve("report.html"));
        assertThat(JsonReport.read(written.get(0))).isEqualTo(report);
        assertThat(Files.readString(written.get(1))).isEqualTo(MarkdownReport.render(report));
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(5);
        }
    }

    @Test
    void consoleAloneWritesNothing(@TempDir Path tmp) throws Exception {
        assertThat(ReportWriter.write(report, tmp.resolve("out"), Set.of("console"))).isEmpty();
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
