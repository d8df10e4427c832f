package dev.rehearse;

import dev.rehearse.model.Report;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock queue on a real server: a reader holds {@code accounts} open 2 s right before an ADD COLUMN, under the
 * default workload (8 clients, 200 q/s). Without a lock_timeout the DDL waits the 2 s and the workload piles up
 * behind it; with one it gives up at the timeout and the pile-up is bounded; lock_retries rehearses its attempts.
 */
class LockQueueEndToEndTest {

    private static Report run(Path dir, String extraMigrations) throws Exception {
        return run(dir, "", extraMigrations);
    }

    private static Report run(Path dir, String extraLoad, String extraMigrations) throws Exception {
        Files.writeString(dir.resolve("V1__add.sql"), "ALTER TABLE accounts ADD COLUMN c int;\n");
        Path migrations = dir.resolve("m");
        Files.createDirectories(migrations);
        Files.move(dir.resolve("V1__add.sql"), migrations.resolve("V1__add.sql"));
        Path yaml = dir.resolve("queue.yaml");
        Files.writeString(yaml, "engine: postgres:16\n"
                + "schema: " + Path.of("scenarios/set-not-null/schema.sql").toAbsolutePath() + "\n"
                + "data:\n  tables:\n    accounts: 20k\n"
                + "load:\n  baseline_seconds: 2\n  cooldown_seconds: 0.5\n  long_transaction: { hold: 2s }\n" + extraLoad
                + "migrations:\n  path: m\n" + extraMigrations);
        Scenario s = ScenarioLoader.load(yaml);
        return new Rehearsal(s, line -> { }).run().report();
    }

    private static Report.StatementReport alter(Report r) {
        return r.statements().stream().filter(st -> st.sql().contains("ADD COLUMN")).findFirst().orElseThrow();
    }

    private static String figures(Report.StatementReport a) {
        return String.format(Locale.ROOT, "duration %d ms, lockWait %s ms, error %s, behind %s, blocked %s, longest %s ms, attempts %s",
                a.durationMs(), a.lockWaitMs(), a.error(), a.queuedBehind(),
                a.impact() == null ? null : a.impact().blockedQueries(), a.impact() == null ? null : a.impact().maxBlockedMs(),
                a.attempts());
    }

    @Test
    void withoutLockTimeoutTheDdlWaitsBehindTheReaderAndTheWorkloadPilesUp(@TempDir Path dir) throws Exception {
        Report r = run(dir, "");
        Report.StatementReport a = alter(r);
        String f = figures(a);
        System.out.println("lock-queue, no lock_timeout: " + f);
        assertThat(a.error()).as(f).isNull();
        assertThat(a.queuedBehind()).as(f).contains("rehearse-long-transaction", "accounts");
        assertThat(a.durationMs()).as(f).isBetween(1_700L, 3_000L);
        assertThat(a.lockWaitMs()).as(f).isBetween(1_500L, 3_000L);
        assertThat(a.impact().blockedQueries()).as(f).isGreaterThan(150); // about 400 at 200 q/s
        assertThat(a.impact().maxBlockedMs()).as(f).isBetween(1_400L, 3_000L);
        assertThat(r.findings()).as(f).anySatisfy(x -> {
            assertThat(x.rule()).isEqualTo("missing-lock-timeout");
            assertThat(x.message()).contains("waited", "rehearse-long-transaction", "queued behind it");
            assertThat(x.action()).contains("lock_timeout");
        });
    }

    @Test
    void aLockTimeoutBoundsThePileUp(@TempDir Path dir) throws Exception {
        Report r = run(dir, "  lock_timeout: 300ms\n");
        Report.StatementReport a = alter(r);
        String f = figures(a);
        System.out.println("lock-queue, lock_timeout 300ms: " + f);
        assertThat(a.error()).as(f).containsIgnoringCase("lock timeout");
        assertThat(a.queuedBehind()).as(f).isNotNull();
        assertThat(a.durationMs()).as(f).isBetween(250L, 900L);
        assertThat(a.impact().maxBlockedMs()).as(f).isLessThan(1_000L);
        assertThat(r.findings()).as(f).noneSatisfy(x -> assertThat(x.rule()).isEqualTo("missing-lock-timeout"));
        assertThat(r.findings()).as(f).anySatisfy(x -> assertThat(x.rule()).isEqualTo("lock-timeout"));
    }

    @Test
    void lockRetriesAreRehearsedAttemptByAttempt(@TempDir Path dir) throws Exception {
        Report r = run(dir, "  lock_timeout: 300ms\n  lock_retries: { attempts: 3, backoff: 200ms }\n");
        Report.StatementReport a = alter(r);
        String f = figures(a);
        System.out.println("lock-queue, lock_timeout 300ms, 3 attempts: " + f);
        // 300 + 200 + 300 + 200 + 300 ms < the 2 s hold: every attempt times out
        assertThat(a.error()).as(f).containsIgnoringCase("lock timeout");
        assertThat(a.attempts()).as(f).hasSize(2);
        assertThat(a.queuedBehind()).as(f).contains("rehearse-long-transaction");
        assertThat(a.attempts()).as(f).allSatisfy(x -> {
            assertThat(x.error()).containsIgnoringCase("lock timeout");
            assertThat(x.durationMs()).isBetween(250L, 900L);
        });
        long span = a.startedAtMs() - a.attempts().get(0).startedAtMs();
        assertThat(span).as(f).isBetween(900L, 2_000L); // two timeouts and two backoffs
        assertThat(r.statements()).as("failed attempts are not statements of their own").hasSize(1);
        // what queued behind every attempt is the statement's: three 300 ms waits at 200 q/s, not the last one's 60
        assertThat(a.impact().blockedQueries()).as(f).isGreaterThan(120);
    }

    @Test
    void theApplicationsStatementTimeoutCancelsTheQueriesQueuedBehindTheDdlAndCountsThemAsTimeouts(@TempDir Path dir)
            throws Exception {
        Report r = run(dir, "  statement_timeout: 400ms\n", "");
        Report.StatementReport a = alter(r);
        Report.Traffic during = a.impact().during();
        String f = figures(a) + ", during " + during + ", before " + r.load().before();
        System.out.println("lock-queue, application statement_timeout 400ms: " + f);
        // queued behind the DDL past 400 ms, the application's queries were cancelled by the server
        assertThat(during.timeouts()).as(f).isGreaterThan(20);
        assertThat(during.errors()).as(f).isGreaterThanOrEqualTo(during.timeouts());
        assertThat(r.load().before().timeouts()).as(f).isZero();
        assertThat(r.load().migrations()).singleElement().satisfies(m -> {
            assertThat(m.during().timeouts()).as(f).isEqualTo(during.timeouts());
            assertThat(m.after().timeouts()).as(f).isZero();
        });
        // they failed while the statement ran: the workload's errors are the statement's finding
        assertThat(r.findings()).as(f).anySatisfy(x -> assertThat(x.rule()).isEqualTo("application-errors"));
    }

    /** DROP INDEX names no table: the reader holds the index's own, so the queue behind it is reproduced too. */
    @Test
    @Tag("slow")
    void aDropIndexQueuesBehindTheReaderOfItsTable(@TempDir Path dir) throws Exception {
        Path schema = dir.resolve("schema.sql");
        Files.writeString(schema, Files.readString(Path.of("scenarios/set-not-null/schema.sql"))
                + "\nCREATE INDEX accounts_email_idx ON accounts (email);\n");
        Path migrations = Files.createDirectories(dir.resolve("m"));
        Files.writeString(migrations.resolve("V1__drop.sql"), "DROP INDEX accounts_email_idx;\n");
        Path yaml = dir.resolve("queue.yaml");
        Files.writeString(yaml, "engine: postgres:16\nschema: " + schema.toAbsolutePath() + "\n"
                + "data:\n  tables:\n    accounts: 20k\n"
                + "load:\n  baseline_seconds: 2\n  cooldown_seconds: 0.5\n  long_transaction: { hold: 2s }\n"
                + "migrations:\n  path: m\n");
        Report r = new Rehearsal(ScenarioLoader.load(yaml), line -> { }).run().report();
        Report.StatementReport a = r.statements().stream().filter(st -> st.sql().startsWith("DROP INDEX")).findFirst().orElseThrow();
        String f = figures(a);
        System.out.println("lock-queue, DROP INDEX: " + f);
        assertThat(a.error()).as(f).isNull();
        assertThat(a.queuedBehind()).as(f).contains("rehearse-long-transaction", "accounts");
        assertThat(a.lockWaitMs()).as(f).isBetween(1_500L, 3_000L);
        assertThat(r.findings()).as(f).anySatisfy(x -> assertThat(x.rule()).isEqualTo("missing-lock-timeout"));
    }
}
