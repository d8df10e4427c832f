package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.model.Category;
import dev.rehearse.model.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    final Report report = ReportFixture.blocked();
    final String md = MarkdownReport.render(report);

    @Test
    void titleCarriesTheVerdictInBold() {
        assertThat(md).startsWith(MarkdownReport.MARKER + "\n## Migration rehearsal: **BLOCK**\n\nSET NOT NULL on orders blocked 12 queries");
    }

    @Test
    void matchesTheGoldenFile() throws Exception {
        Golden.assertMatches("report.md", MarkdownReport.render(ReportFixture.stamped(report)));
    }

    @Test
    void verdictAndCategoryTableComeFirstAndEverythingElseIsFolded() {
        String head = md.substring(0, md.indexOf("<details>"));
        assertThat(head).contains("| Category | Status | Issue | Recommended Action |",
                "1 BLOCK, 1 FLAG · 3 statements · postgres 16.15 (embedded) · wall time 3 min 5 s · rehearse 0.1.0")
                .doesNotContain("### ", "```");
        // every <details> closes, and nothing but blank lines sits between one fold and the next
        assertThat(md.split("<details>", -1)).hasSize(md.split("</details>", -1).length);
        String rest = md.substring(md.indexOf("<details>")).replaceAll("(?s)<details>.*?</details>", "");
        assertThat(rest.strip()).isEmpty();
        assertThat(md).contains("<summary>Findings (2)</summary>", "<summary>Statements (3)</summary>",
                "<summary>Seed, load and run</summary>");
    }

    @Test
    void theMarkerIsTheSameWhateverTheVerdict() {
        Report safe = new Report(report.tool(), report.engine(), dev.rehearse.model.Verdict.SAFE_TO_SHIP, null,
                report.categories(), List.of(), List.of(), null, null, null, null, null);
        assertThat(MarkdownReport.render(safe)).startsWith(MarkdownReport.MARKER + "\n").contains("no findings");
    }

    @Test
    void showsWhatReproducesTheRun() {
        String text = MarkdownReport.render(ReportFixture.stamped(report));
        assertThat(text).contains("- Reproduce: rehearse run scenarios/orders.yaml --url "
                + "'jdbc:postgresql://db/app?password=***' (scenario sha256 " + ReportFixture.SHA + "); rehearse 0.1.0,"
                + " postgres 16.15; 2 cores, 25.2 GB memory, Linux 6.1 amd64, Java Debian 17.0.15+6");
    }

    @Test
    void tablesHaveTheSameColumnCountInEveryRow() {
        List<List<String>> tables = tables(md);
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).get(0)).isEqualTo("| Category | Status | Issue | Recommended Action |");
        assertThat(tables.get(0)).hasSize(2 + 8);
        assertThat(tables.get(1)).hasSize(2 + 3);
        for (List<String> table : tables) {
            int columns = columns(table.get(0));
            assertThat(table.get(1)).matches("\\|( --- \\|)+");
            for (String row : table) assertThat(columns(row)).as(row).isEqualTo(columns);
        }
    }

    @Test
    void escapesPipesAndLineBreaksInCells() {
        List<Report.CategoryResult> categories = new ArrayList<>(report.categories());
        categories.set(0, new Report.CategoryResult(Category.LOCK_CONTENTION, Status.FLAG,
                "UPDATE orders SET ref = 'ORD-' || id\nheld RowExclusiveLock", "a | b"));
        Report piped = new Report(report.tool(), report.engine(), report.verdict(), report.verdictReason(), categories,
                report.statements(), report.findings(), report.seed(), report.load(), report.replication(), report.run(),
                report.timeline());
        String text = MarkdownReport.render(piped);
        assertThat(text).contains("| Lock contention | **FLAG** | UPDATE orders SET ref = 'ORD-' \\|\\| id<br>held RowExclusiveLock | a \\| b |");
        for (List<String> table : tables(text)) {
            for (String row : table) assertThat(columns(row)).isEqualTo(columns(table.get(0)));
        }
    }

    @Test
    void statementsTableShowsWhatEachStatementDid() {
        assertThat(md).contains("| 1 | V2__orders_customer_not_null.sql:1 | `ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL` | 840 "
                + "| AccessExclusiveLock on orders 840 ms | scanned orders | 12 queries, max 790 ms | 812.4 ms vs 4.1 ms |");
        assertThat(md).contains("| 95 **failed** |", "- #3 failed: ERROR: insert or update", "- #1 estimate: ~840.0 ms per million rows of orders");
    }

    @Test
    void findingsCarryTheirRewriteInSqlFences() {
        assertThat(md).contains("**BLOCK** `set-not-null`, statement #1 (Constraint validation): SET NOT NULL held",
                "```sql\n" + ReportFixture.NOT_NULL_REWRITE + "\n```\n", "```sql\n" + ReportFixture.FK_REWRITE + "\n```\n");
        assertThat(Pattern.compile("^```", Pattern.MULTILINE).matcher(md).results().count()).isEqualTo(4);
    }

    @Test
    void seedAndLoadFactsAreCollapsed() {
        String details = md.substring(md.indexOf("<summary>Seed, load and run"));
        assertThat(details).endsWith("</details>\n")
                .contains("- Seed: customers 50,000 rows in 900 ms, orders 1,000,000 rows in 41.8 s",
                        "- Load: 16 clients at 200.0 queries/s, 24,000 queries, 12 errors", "- Run: started 2025-01-14T09:30:00Z");
    }

    @Test
    void proseActionsAreRecommendationsNotFenced() {
        String text = MarkdownReport.render(ReportFixture.withProseAction(report));
        assertThat(text).contains("\nRecommended: Use pg_repack (or pg_squeeze)");
        assertThat(Pattern.compile("^```", Pattern.MULTILINE).matcher(text).results().count()).isEqualTo(2);
    }

    /** Consecutive lines starting with a pipe. */
    private static List<List<String>> tables(String md) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : md.lines().toList()) {
            if (line.startsWith("|")) {
                if (current == null) tables.add(current = new ArrayList<>());
                current.add(line);
            } else {
                current = null;
            }
        }
        return tables;
    }

    /** Cells of a GitHub table row: pipes not escaped with a backslash. */
    private static int columns(String row) {
        return row.split("(?<!\\\\)\\|", -1).length - 2;
    }
}
