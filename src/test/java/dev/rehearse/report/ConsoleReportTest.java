package dev.rehearse.report;

import dev.rehearse.model.Report;
import dev.rehearse.model.Status;
import dev.rehearse.model.Category;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    final Report report = ReportFixture.blocked();
    final String plain = ConsoleReport.render(report, false);

    @Test
    void showsTheCategoryTableWithEveryCategory() {
        assertThat(plain).containsPattern("\\| Category +\\| Status \\| Issue +\\| Recommended Action +\\|");
        for (Category c : Category.values()) assertThat(plain).contains("| " + c.title() + " ");
    }

    @Test
    void endsWithTheVerdict() {
        assertThat(plain).endsWith("\nVERDICT: BLOCK — SET NOT NULL on orders blocked 12 queries for up to 790 ms\n");
    }

    @Test
    void headerNamesTheEngineAndWallTime() {
        assertThat(plain.lines().findFirst().orElseThrow())
                .isEqualTo("rehearse 0.1.0 | postgres 16.15 (embedded) | wall time 3 min 5 s");
    }

    @Test
    void statementTableShowsLocksEffectsAndImpact() {
        assertThat(plain).contains("V2__orders_customer_not_null.sql:1", "AccessExclusiveLock on orders 840 ms",
                "scanned orders", "blocked: 12 queries, max", "p99: 812.4 ms vs 4.1 ms", "blocked: -", "p99: -",
                "CREATE INDEX CONCURRENTLY", "orders_created_at_idx ON orders...", "FAILED");
        assertThat(plain).contains("#3 failed: ERROR: insert or update on table \"order_items\"",
                "#1 estimate: ~840.0 ms per million rows of orders (rehearsed at 1,000,000); at 400,000,000 rows ≈ 5 min 36 s");
    }

    @Test
    void wrapsLongCellsWithinTheColumnWidth() {
        List<String> tableLines = plain.lines().filter(l -> l.startsWith("|") || l.startsWith("+")).toList();
        assertThat(tableLines).isNotEmpty();
        for (String line : tableLines) {
            if (!line.startsWith("|")) continue;
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                assertThat(cell.length() - 2).as(line).isLessThanOrEqualTo(ConsoleReport.MAX_CELL);
            }
        }
        // each table is a rectangle, and the long issue is wrapped rather than lost
        List<String> categoryTable = plain.lines().dropWhile(l -> !l.contains("| Category")).takeWhile(l -> !l.isEmpty()).toList();
        assertThat(categoryTable).extracting(String::length).containsOnly(categoryTable.get(0).length());
        String issueText = String.join(" ", categoryTable.stream().filter(l -> l.contains("| BLOCK ") || l.startsWith("|  "))
                .map(l -> l.split("\\|")[3].strip()).toList());
        assertThat(issueText).contains(ReportFixture.LONG_ISSUE);
    }

    @Test
    void indentsMultiLineRewritesUnderTheirFinding() {
        assertThat(plain).contains("  [BLOCK] set-not-null, statement #1 (Constraint validation)\n",
                "  [FLAG] add-foreign-key-validated, statement #3 (Foreign keys)\n", "      Safe rewrite:\n");
        for (String line : ReportFixture.NOT_NULL_REWRITE.lines().toList()) assertThat(plain).contains("\n        " + line + "\n");
        for (String line : ReportFixture.FK_REWRITE.lines().toList()) assertThat(plain).contains("\n        " + line + "\n");
    }

    @Test
    void colourOnlyWhenAskedFor() {
        assertThat(plain).doesNotContain("\u001B[");
        String color = ConsoleReport.render(report, true);
        assertThat(color).contains("\u001B[32mPASS", "\u001B[33mFLAG", "\u001B[31mBLOCK", "VERDICT: \u001B[31mBLOCK\u001B[0m");
        // colour codes wrap padded text, so stripping them gives back the plain layout
        assertThat(color.replaceAll("\u001B\\[\\d+m", "")).isEqualTo(plain);
    }

    @Test
    void rendersAReportWithNothingMeasured() {
        Report empty = new Report(null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(ConsoleReport.render(empty, true)).contains("VERDICT: -").doesNotContain("null");
    }

    @Test
    void proseActionsAreRecommendationsNotRewrites() {
        String text = ConsoleReport.render(ReportFixture.withProseAction(report), false);
        assertThat(text).contains("      Recommended:\n        Use pg_repack (or pg_squeeze), which rebuilds online");
    }
}
