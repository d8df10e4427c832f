package dev.rehearse.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.report.MarkdownReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub Action's shell steps ({@code docker/ci/rehearse-pr.sh}, which action.yml and the GitLab example call;
 * CiExamplesTest runs those two themselves), run as CI runs them: in a real git repository with a base and a head
 * commit, with GitHub's environment faked and only the network call of the comment skipped ({@code REHEARSE_POST=dry-run} logs each request instead).
 */
class RehearsePrScriptTest {

    static final Path SCRIPT = Path.of("docker/ci/rehearse-pr.sh").toAbsolutePath();

    record Result(int code, String log, Map<String, String> outputs, Path out) {}

    @Test
    void lintsWhatThePrChangedAndADryRunLogsTheFirstComment(@TempDir Path tmp) throws Exception {
        // lint only: the rehearsal, the uploads and the comment through HTTP are CiExamplesTest's, through action.yml
        Path repo = fixture(tmp);
        Result r = script(repo, tmp, Map.of("REHEARSE_RUN", "false"));

        assertThat(r.outputs()).containsEntry("changed", "true").containsKey("lint-exit-code").doesNotContainKey("run-exit-code");
        assertThat(Files.readString(r.out().resolve("changed.txt"))).isEqualTo("db/migrations/V2__orders_status_index.sql\n");
        // lint read V1 as deployed and judged V2 only
        JsonNode lint = json(r.out().resolve("lint/report.json"));
        assertThat(lint.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.get("file").asText()).contains("V2__"));
        assertThat(lint.get("findings").toString()).contains("create-index");
        dev.rehearse.report.SarifSchema.validate(Files.readString(r.out().resolve("lint/report.sarif")));
        assertThat(r.outputs()).containsEntry("sarif", r.out().resolve("lint/report.sarif").toString())
                .containsEntry("comment", r.out().resolve("lint/report.md").toString());
        assertThat(r.code()).as(r.log()).isEqualTo(Integer.parseInt(r.outputs().get("lint-exit-code"))).isIn(0, 1);

        // no comment yet: it is created, with report.md as its body
        List<String> api = Files.readAllLines(r.out().resolve("github-api.log"));
        assertThat(api.get(0)).isEqualTo("GET /repos/acme/shop/issues/7/comments?per_page=100");
        assertThat(api).contains("POST /repos/acme/shop/issues/7/comments").noneMatch(l -> l.startsWith("PATCH"));
        JsonNode body = new ObjectMapper().readTree(api.get(api.indexOf("POST /repos/acme/shop/issues/7/comments") + 1));
        assertThat(body.get("body").asText()).isEqualTo(Files.readString(r.out().resolve("lint/report.md")))
                .startsWith(MarkdownReport.MARKER);
        assertThat(Files.readString(tmp.resolve("summary.md"))).startsWith(MarkdownReport.MARKER);
    }

    @Test
    void updatesItsOwnCommentFoundByTheMarker(@TempDir Path tmp) throws Exception {
        Path repo = fixture(tmp);
        Path comments = Files.writeString(tmp.resolve("comments.json"), """
                [{"id": 5, "body": "looks good"},
                 {"id": 42, "body": "<!-- rehearse:report -->\\n## Migration rehearsal: **BLOCK**"},
                 {"id": 9, "body": "mentions <!-- rehearse:report --> later"}]""");
        Result r = script(repo, tmp, Map.of("REHEARSE_RUN", "false", "REHEARSE_DRY_RUN_COMMENTS", comments.toString()));
        List<String> api = Files.readAllLines(r.out().resolve("github-api.log"));
        assertThat(api).contains("PATCH /repos/acme/shop/issues/comments/42").noneMatch(l -> l.startsWith("POST"));
        assertThat(r.outputs()).containsEntry("comment", r.out().resolve("lint/report.md").toString())
                .doesNotContainKey("run-exit-code");
        assertThat(r.code()).isEqualTo(Integer.parseInt(r.outputs().get("lint-exit-code")));
    }

    @Test
    void aPrThatTouchesNoMigrationPassesWithoutRunning(@TempDir Path tmp) throws Exception {
        Path repo = fixture(tmp);
        Result r = script(repo, tmp, Map.of("REHEARSE_BASE", "HEAD"));
        assertThat(r.code()).isZero();
        assertThat(r.outputs()).containsEntry("changed", "false");
        assertThat(r.out().resolve("lint")).doesNotExist();
        assertThat(r.log()).contains("no migration under db/migrations changed since HEAD");
    }

    @Test
    void aBaseMissingFromTheCloneIsSaidInOneLine(@TempDir Path tmp) throws Exception {
        Path repo = fixture(tmp);
        Result r = script(repo, tmp, Map.of("REHEARSE_BASE", "0123456789abcdef0123456789abcdef01234567"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.log()).contains("is not in this clone (fetch it: actions/checkout with fetch-depth: 0)");
    }

    /** A repository whose base commit holds V1 and whose head adds V2; returns it with the base's sha in BASE. */
    static Path fixture(Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path mig = Files.createDirectories(repo.resolve("db/migrations"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(mig.resolve("V1__create_orders.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, total_cents integer NOT NULL);\n");
        Files.writeString(repo.resolve("README.md"), "shop\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        Files.writeString(repo.resolve(".base"), git(repo, "rev-parse", "HEAD").strip());
        Files.writeString(mig.resolve("V2__orders_status_index.sql"), "CREATE INDEX orders_status_idx ON orders (status);\n");
        git(repo, "add", "db");
        git(repo, "commit", "-q", "-m", "head: index orders by status");
        return repo;
    }

    private static Result script(Path repo, Path tmp, Map<String, String> extra) throws Exception {
        Path launcher = tmp.resolve("rehearse");
        // this build's classes, as the Action's ./rehearse would run the jar
        Files.writeString(launcher, "#!/bin/sh\nexec '" + javaBin() + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.rehearse.cli.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        Path event = Files.writeString(tmp.resolve("event.json"), "{\"pull_request\": {\"number\": 7}}");
        Path outputs = tmp.resolve("github-output.txt");
        Files.deleteIfExists(outputs);
        Path out = tmp.resolve("reports-" + System.nanoTime());
        Map<String, String> env = new HashMap<>(Map.of(
                "REHEARSE_CMD", launcher.toString(), "REHEARSE_MIGRATIONS", "db/migrations",
                "REHEARSE_BASE", Files.readString(repo.resolve(".base")), "REHEARSE_OUT", out.toString(),
                "REHEARSE_POST", "dry-run", "GITHUB_REPOSITORY", "acme/shop", "GITHUB_EVENT_PATH", event.toString(),
                "GITHUB_OUTPUT", outputs.toString(), "GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString()));
        env.put("GITHUB_TOKEN", "not-a-token"); // dry-run: never sent
        env.putAll(extra);
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        Map<String, String> o = new HashMap<>();
        if (Files.exists(outputs)) {
            for (String line : Files.readAllLines(outputs)) o.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return new Result(p.exitValue(), log, o, out);
    }

    static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(text).isZero();
        return text;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
