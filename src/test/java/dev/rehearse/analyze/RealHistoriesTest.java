package dev.rehearse.analyze;

import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.model.Report.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static dev.rehearse.analyze.RealHistories.DIALECT;
import static dev.rehearse.analyze.RealHistories.ENGINE;
import static dev.rehearse.analyze.RealHistories.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint} over three real public histories (committed under src/test/resources/histories, see
 * {@link RealHistories}) with the newest {@value RealHistories#WINDOW} migrations pending: risky statements on tables
 * that existed before the window are flagged at their file and line, statements on tables the window creates are not.
 */
class RealHistoriesTest {

    // Files of the pending windows, as the fixtures name them.
    static final String CRATES_USERNAME_NOT_NULL = "2026-06-06-120000-0000_make_username_not_null/up.sql";
    static final String CRATES_DROP_CHECKSUM = "2026-06-17-112535-0000_drop_versions_checksum/up.sql";
    static final String CRATES_REVERSE_DEPENDENCIES = "2026-06-05-120000-0000_create_reverse_dependencies/up.sql";
    static final String CRATES_CREATE_BACKFILLS = "2026-06-26-110013-0000_create_cache_tags_backfills/up.sql";
    static final String CRATES_DROP_BACKFILLS = "2026-07-24-154000-0000_drop_cache_tags_backfills/up.sql";
    static final String CRATES_TIMEZONES = "2025-02-17-133723_timezones/up.sql";
    static final String CRATES_KEYWORDS_TEXT = "2019-06-14-175833_change_keywords_to_text/up.sql";
    static final String DOCUMENSO_INSIGHTS = "20251126053402_add_insights_indexes/migration.sql";
    static final String DOCUMENSO_AUDIT_LOG_FK = "20260408052212_add_set_null_for_audit_log_foreign_key/migration.sql";
    static final String DOCUMENSO_RATE_LIMIT = "20260219141233_add_rate_limit_table/migration.sql";
    static final String DOCUMENSO_CSC = "20260525103410_add_signature_level_and_csc_tables/migration.sql";
    static final String DOKPLOY_SCHEDULE_ORG = "0169_parched_johnny_storm.sql";
    static final String DOKPLOY_SSO_FK = "0171_lucky_echo.sql";
    static final String DOKPLOY_FORWARD_AUTH = "0170_amusing_spot.sql";
    static final String DOKPLOY_PASSKEY = "0177_glossy_brother_voodoo.sql";

    @Test
    void historiesReadThroughTheirToolsSourcesInTheOrderTheToolsApplyThem() {
        List<Migration> crates = RealHistories.read("crates-io");
        assertThat(crates).hasSize(285); // directories; their 285 down.sql files are downs, not migrations
        assertThat(crates).extracting(m -> m.file().getFileName().toString()).containsOnly("up.sql");
        assertThat(crates.get(0).name()).isEqualTo("00000000000000_diesel_initial_setup/up.sql");
        // Diesel's version order: the undashed 2017 names, then the dashed ones (natural order puts dashed first)
        assertThat(crates).extracting(Migration::name).containsSubsequence(
                "20170820180453_readme_rendering_tracking/up.sql", "2017-08-31-230457_invitations/up.sql");
        assertThat(crates.get(crates.size() - WINDOW).name())
                .isEqualTo("2026-05-27-120000_add_username_to_users/up.sql");
        assertThat(crates.get(crates.size() - 1).name())
                .isEqualTo("2026-07-30-140000-0000_add_users_username_index/up.sql");
        assertThat(crates).allSatisfy(m -> assertThat(m.rollback()).as(m.name()).isNotNull());
        // the seven metadata.toml files say run_in_transaction = false: each a lone CONCURRENTLY statement, outside
        // any transaction; every other migration runs in Diesel's transaction
        List<Migration> outside = crates.stream()
                .filter(m -> m.units().stream().anyMatch(u -> u.mode() == TransactionMode.AUTOCOMMIT)).toList();
        assertThat(outside).hasSize(7).allSatisfy(m -> assertThat(m.statements()).singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(SqlStatement.Kind.NON_TRANSACTIONAL)));

        List<Migration> documenso = RealHistories.read("documenso");
        assertThat(documenso).hasSize(163);
        assertThat(documenso.get(documenso.size() - WINDOW).name()).isEqualTo(DOCUMENSO_INSIGHTS);
        // Prisma 6 sends a script as one query: several statements are one implicit transaction
        Migration insights = documenso.get(documenso.size() - WINDOW);
        assertThat(insights.statements().size()).isGreaterThan(1);
        assertThat(insights.units()).extracting(Migration.Unit::mode).containsExactly(TransactionMode.TRANSACTION);

        List<Migration> dokploy = RealHistories.read("dokploy");
        // the journal's 186 entries; 0130_abandoned_dagger.sql is not one of them and Drizzle never applies it
        assertThat(dokploy).hasSize(186).extracting(Migration::name).doesNotContain("0130_abandoned_dagger.sql")
                .contains("0130_perpetual_screwball.sql");
        assertThat(dokploy.get(dokploy.size() - WINDOW).name()).isEqualTo("0166_nosy_slapstick.sql");
        assertThat(dokploy.get(dokploy.size() - 1).name()).isEqualTo("0185_needy_kingpin.sql");
        assertThat(dokploy).allSatisfy(m -> assertThat(m.units()).extracting(Migration.Unit::mode)
                .containsOnly(TransactionMode.TRANSACTION));

        for (String h : RealHistories.NAMES) {
            for (Migration m : RealHistories.read(h)) assertThat(m.statements()).as(h + " " + m.name()).isNotEmpty();
        }
    }

    /**
     * In Diesel's order the 2014 migrations that created crates.io's columns come before the 2025 ones that change
     * their types, so lint knows the old types: timestamp to timestamptz (UTC, PostgreSQL 12+) and varchar to text
     * rewrite nothing. Read in the names' natural order (plain SQL, as lint read the folder before it had the Diesel
     * source) the dashed 2025 names come before the 2014 ones and the same changes are "verify" findings.
     */
    @Test
    void dieselOrderKnowsTheOldTypes() {
        List<Finding> diesel = lintAll("crates-io");
        assertNotFlagged(diesel, "alter-column-type", CRATES_TIMEZONES, 3); // alter table api_tokens alter created_at type timestamptz;
        assertNotFlagged(diesel, "alter-column-type", CRATES_KEYWORDS_TEXT, 1); // ALTER TABLE keywords ALTER COLUMN keyword TYPE text;

        List<Migration> natural = new dev.rehearse.migrate.SqlMigrationSource(DIALECT.splitter())
                .read(List.of(RealHistories.dir("crates-io")));
        List<Finding> plain = new Linter(Linter.Options.of(ENGINE), DIALECT).lint(natural).findings();
        assertFlagged(plain, "alter-column-type", CRATES_TIMEZONES, 3);
        assertFlagged(plain, "alter-column-type", CRATES_KEYWORDS_TEXT, 1);
        assertThat(diesel.size()).isEqualTo(plain.size() - 9); // the nine type changes of those two files
    }

    /** Holds with or without a pending set: a table created earlier in the same file is new. */
    @Test
    void indexesOnATableCreatedInTheSameFileAreNoFindings() {
        List<Finding> crates = lintAll("crates-io");
        // CREATE INDEX IF NOT EXISTS reverse_dependencies_serve_idx ON reverse_dependencies (...), table created at :20
        assertNothingAt(crates, CRATES_REVERSE_DEPENDENCIES, 45);
        assertNothingAt(crates, CRATES_REVERSE_DEPENDENCIES, 48);
        assertNothingAt(crates, CRATES_REVERSE_DEPENDENCIES, 51);
        // CREATE UNIQUE INDEX idx_cache_tags_backfills_crate_id ON cache_tags_backfills (crate_id), table created at :1
        assertNothingAt(crates, CRATES_CREATE_BACKFILLS, 23);

        // CREATE INDEX "RateLimit_createdAt_idx" ON "RateLimit"("createdAt"), table created at :2
        assertNothingAt(lintAll("documenso"), DOCUMENSO_RATE_LIMIT, 13);

        // CREATE INDEX "passkey_userId_idx" ON "passkey" USING btree ("user_id"), table created at :1
        List<Finding> dokploy = lintAll("dokploy");
        assertNothingAt(dokploy, DOKPLOY_PASSKEY, 16);
        assertNothingAt(dokploy, DOKPLOY_PASSKEY, 17);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Needs the pending-set API (Linter.Options' fourth component, issue 8): everything below, and only this, calls
    // pendingOptions(...) or relies on a file not being pending. Merge together with that change.
    // ---------------------------------------------------------------------------------------------------------------

    static Linter.Options pendingOptions(Predicate<Migration> pending) {
        return new Linter.Options(ENGINE, Set.of(), false, pending);
    }

    @Test
    void cratesIoNewestTwentyPending() {
        List<Migration> all = RealHistories.read("crates-io");
        Set<String> window = RealHistories.newest(all, WINDOW);
        List<Finding> found = lintPending(all, window);
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(window).contains(f.file()));

        // versions and users date from 2014: risky on both
        // alter table users alter column username set not null;
        assertFlagged(found, "set-not-null", CRATES_USERNAME_NOT_NULL, 5);
        // ALTER TABLE versions DROP COLUMN checksum;
        assertFlagged(found, "drop-column", CRATES_DROP_CHECKSUM, 4);

        // reverse_dependencies is created in the same file, cache_tags_backfills in an earlier pending file
        assertNothingAt(found, CRATES_REVERSE_DEPENDENCIES, 45); // CREATE INDEX ... ON reverse_dependencies
        assertNothingAt(found, CRATES_CREATE_BACKFILLS, 23); // CREATE UNIQUE INDEX ... ON cache_tags_backfills
        assertNothingAt(found, CRATES_DROP_BACKFILLS, 2); // DROP TABLE IF EXISTS cache_tags_backfills RESTRICT;
    }

    @Test
    void documensoNewestTwentyPending() {
        List<Migration> all = RealHistories.read("documenso");
        Set<String> window = RealHistories.newest(all, WINDOW);
        List<Finding> found = lintPending(all, window);
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(window).contains(f.file()));

        // CREATE INDEX "Envelope_type_idx" ON "Envelope"("type");  (Envelope: 20250918070645_add_envelopes)
        assertFlagged(found, "create-index-non-concurrent", DOCUMENSO_INSIGHTS, 2);
        // ALTER TABLE "DocumentAuditLog" ADD CONSTRAINT "DocumentAuditLog_envelopeId_fkey" FOREIGN KEY ... (validated)
        assertFlagged(found, "add-foreign-key-validated", DOCUMENSO_AUDIT_LOG_FK, 8);

        // CREATE INDEX "RateLimit_createdAt_idx" ON "RateLimit"("createdAt");  (RateLimit created at :2)
        assertNothingAt(found, DOCUMENSO_RATE_LIMIT, 13);
        // CREATE UNIQUE INDEX "CscCredential_recipientId_key" ON "CscCredential"(...);  (created at :11)
        assertNothingAt(found, DOCUMENSO_CSC, 45);
        // ALTER TABLE "CscCredential" ADD CONSTRAINT ... FOREIGN KEY ("recipientId") REFERENCES "Recipient"("id")
        // ON DELETE CASCADE: the cascade is a design finding; the validation of a new table is none
        assertNotFlagged(found, "add-foreign-key-validated", DOCUMENSO_CSC, 51);
        assertNotFlagged(found, "missing-lock-timeout", DOCUMENSO_CSC, 51);
    }

    @Test
    void dokployNewestTwentyPending() {
        List<Migration> all = RealHistories.read("dokploy");
        Set<String> window = RealHistories.newest(all, WINDOW);
        List<Finding> found = lintPending(all, window);
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(window).contains(f.file()));

        // ALTER TABLE "schedule" ADD CONSTRAINT "schedule_organizationId_organization_id_fk" FOREIGN KEY ...
        assertFlagged(found, "add-foreign-key-validated", DOKPLOY_SCHEDULE_ORG, 4);
        // ALTER TABLE "schedule" DROP COLUMN "userId";
        assertFlagged(found, "drop-column", DOKPLOY_SCHEDULE_ORG, 11);
        // ALTER TABLE "sso_provider" ADD CONSTRAINT "sso_provider_user_id_user_id_fk" FOREIGN KEY ...
        assertFlagged(found, "add-foreign-key-validated", DOKPLOY_SSO_FK, 3);

        // ALTER TABLE "forward_auth_settings" ADD CONSTRAINT ... FOREIGN KEY ("providerId") ... ON DELETE set null
        // (forward_auth_settings created at :1)
        assertNothingAt(found, DOKPLOY_FORWARD_AUTH, 15);
        // CREATE INDEX "passkey_userId_idx" ON "passkey" USING btree ("user_id");  (passkey created at :1)
        assertNothingAt(found, DOKPLOY_PASSKEY, 16);
    }

    /**
     * Without a pending set each file is pending on its own: what earlier files created is deployed, so it is no
     * longer new.
     */
    @Test
    void withoutAPendingSetEachFileStandsAlone() {
        List<Finding> found = lintAll("crates-io");
        // DROP TABLE IF EXISTS cache_tags_backfills RESTRICT;  the table was created by an earlier file
        assertFlagged(found, "drop-table", CRATES_DROP_BACKFILLS, 2);
        // ALTER TABLE versions DROP COLUMN checksum;  versions was created in 2014
        assertFlagged(found, "drop-column", CRATES_DROP_CHECKSUM, 4);
        // same-file creates stay new
        assertNothingAt(found, CRATES_CREATE_BACKFILLS, 23);
    }

    private static List<Finding> lintPending(List<Migration> all, Set<String> window) {
        return new Linter(pendingOptions(RealHistories.pendingAmong(window)), DIALECT).lint(all).findings();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<Finding> lintAll(String history) {
        return new Linter(Linter.Options.of(ENGINE), DIALECT).lint(RealHistories.read(history)).findings();
    }

    private static List<Finding> at(List<Finding> found, String file, int line) {
        return found.stream().filter(f -> file.equals(f.file()) && Integer.valueOf(line).equals(f.line())).toList();
    }

    private static void assertFlagged(List<Finding> found, String rule, String file, int line) {
        assertThat(at(found, file, line)).as(file + ":" + line).extracting(Finding::rule).contains(rule);
    }

    private static void assertNotFlagged(List<Finding> found, String rule, String file, int line) {
        assertThat(at(found, file, line)).as(file + ":" + line).extracting(Finding::rule).doesNotContain(rule);
    }

    private static void assertNothingAt(List<Finding> found, String file, int line) {
        assertThat(at(found, file, line)).as(file + ":" + line).isEmpty();
    }
}
