package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse lint} and {@code run} on a Rails app's db/migrate, through the CLI. */
class RailsCliTest {

    static final String MIGRATE = "src/test/resources/sources/rails/app/db/migrate";

    @Test
    void lintReadsTheRailsFolderAttributingFindingsToTheDslLines() {
        CliTest.Outcome o = rehearse("lint", MIGRATE); // detected from the layout
        assertThat(o.code()).as(o.err()).isZero();
        // the multi-line add_index (lines 8-10) is judged at its call's line: a plain index on an existing table
        assertThat(o.out()).contains("20240104120000_add_status_to_posts.rb:8  FLAG  create-index-non-concurrent")
                // the ActiveRecord model call cannot be translated: said at its line, not skipped
                .contains("20240105120000_backfill_post_titles.rb:10  FLAG  untranslated")
                .contains("Post.where.find_each");
        // disable_ddl_transaction! runs the CONCURRENTLY index outside a transaction: no concurrently-in-transaction
        assertThat(o.out()).doesNotContain("concurrently-in-transaction");
        CliTest.Outcome named = rehearse("lint", "--format", "rails", MIGRATE + "/20240103120000_add_index_to_users_email.rb");
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).doesNotContain("BLOCK");
    }

    @Test
    void runAppliesTheDeployedMigrationsThenRehearsesTheConcurrentIndexOutsideATransaction(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Outcome o = rehearse("run", "--migrations", MIGRATE, "--format", "rails", "--from", "20240102120000",
                "--rows", "users=2000", "--rows", "posts=2000", "--no-load", "--report", "json",
                "--out", out.toString(), "--fail-on", "never");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode concurrently = null;
        for (JsonNode s : report.get("statements")) {
            assertThat(s.get("error").isNull()).as(s.toString()).isTrue();
            if (s.get("sql").asText().startsWith("CREATE INDEX CONCURRENTLY \"index_users_on_email\"")) concurrently = s;
        }
        assertThat(concurrently).isNotNull();
        assertThat(concurrently.get("inTransaction").asBoolean()).isFalse();
        assertThat(concurrently.get("line").asInt()).isEqualTo(5);
        assertThat(report.toString()).contains("\"rule\":\"untranslated\"");
    }
}
