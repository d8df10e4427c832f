package dev.rehearse.plugin;

import dev.rehearse.model.Report;
import dev.rehearse.report.ReportFormat;

import java.util.Set;

/**
 * A report format that lives in the test tree alone: one CSV line per finding. Registered by one line in
 * src/test/resources/META-INF/services/dev.rehearse.report.ReportFormat.
 */
public final class FindingsCsvFormat implements ReportFormat {

    @Override
    public String id() {
        return "findings-csv";
    }

    @Override
    public String fileName() {
        return "findings.csv";
    }

    @Override
    public Set<String> commands() {
        return Set.of("run", "lint");
    }

    @Override
    public String render(Report report, Context context) {
        StringBuilder b = new StringBuilder("rule,status,migration,line,counts\n");
        for (Report.Finding f : report.findings()) {
            b.append(f.rule()).append(',').append(f.status()).append(',').append(f.file()).append(',')
                    .append(f.line()).append(',').append(f.counts()).append('\n');
        }
        return b.toString();
    }
}
