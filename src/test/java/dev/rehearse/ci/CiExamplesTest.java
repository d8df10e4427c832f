package dev.rehearse.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rehearse.report.MarkdownReport;
import dev.rehearse.report.SarifSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.rehearse.ci.RehearsePrScriptTest.fixture;
import static dev.rehearse.ci.RehearsePrScriptTest.git;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub Action (action.yml, as docker/ci/examples/github-workflow.yml uses it) and the GitLab example
 * (docker/ci/examples/gitlab-ci.yml), their own commands run as each CI would run them, against a fixture repository
 * whose base commit holds V1 and whose head adds V2. Nothing of GitHub or GitLab is reached: the comment goes to a
 * local HTTP server standing for GitHub's REST API (GITHUB_API_URL, as runners set it).
 */
class CiExamplesTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, String body) {}

    @Test
    void theActionLintsRehearsesCommentsAndHandsTheUploadsTheirFiles(@TempDir Path tmp) throws Exception {
        Path repo = fixture(tmp);
        String base = Files.readString(repo.resolve(".base"));
        // the workflow example's own use of the action: its with: block, with run-args to keep the rehearsal small
        JsonNode workflow = new YAMLMapper().readTree(ROOT.resolve("docker/ci/examples/github-workflow.yml").toFile());
        JsonNode steps = workflow.get("jobs").get("rehearse").get("steps");
        assertThat(steps.get(0).get("uses").asText()).startsWith("actions/checkout@");
        assertThat(steps.get(0).get("with").get("fetch-depth").asInt()).as("--changed-since needs the base").isZero();
        Map<String, String> with = new HashMap<>();
        steps.get(1).get("with").properties().forEach(e -> with.put(e.getKey(), e.getValue().asText()));
        assertThat(with).containsEntry("migrations", "db/migrations");
        with.remove("scenario"); // the example's rehearse/scenario.yaml is the user's; this fixture describes itself by flags
        with.put("run-args", "--rows orders=20k --no-load");

        List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), body));
            boolean authorised = "Bearer test-token".equals(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = (ex.getRequestMethod().equals("GET") ? "[]" : "{\"id\": 1}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(!authorised ? 401 : ex.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        api.start();
        try {
            Path actionPath = actionCheckout(tmp);
            Path runnerTemp = Files.createDirectories(tmp.resolve("runner-temp"));
            Path event = Files.writeString(tmp.resolve("event.json"),
                    "{\"pull_request\": {\"number\": 7, \"base\": {\"sha\": \"" + base + "\"}}}");
            Map<String, String> context = Map.of("github.action_path", actionPath.toString(), "github.token", "test-token",
                    "github.event.pull_request.base.sha", base, "runner.temp", runnerTemp.toString());
            Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString(),
                    "GITHUB_ACTION_PATH", actionPath.toString(), "GITHUB_WORKSPACE", repo.toString(),
                    "GITHUB_REPOSITORY", "acme/shop", "GITHUB_EVENT_PATH", event.toString(),
                    "GITHUB_API_URL", "http://127.0.0.1:" + api.getAddress().getPort(),
                    "GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString(), "RUNNER_TEMP", runnerTemp.toString()));
            // "Build rehearse" runs ./mvnw package in the action's checkout: a test of this build cannot package it from
            // inside its own test phase, so actionCheckout's ./rehearse starts this build's classes instead
            CompositeAction action = new CompositeAction(ROOT.resolve("action.yml"), with, context, env,
                    Set.of("Build rehearse"));
            CompositeAction.Result r = action.run(repo, Files.createDirectories(tmp.resolve("scratch")));

            Map<String, String> out = r.steps().get("rehearse");
            assertThat(out).as(r.log()).containsEntry("changed", "true");
            Path reports = runnerTemp.resolve("rehearse-reports");
            assertThat(Files.readString(reports.resolve("changed.txt"))).isEqualTo("db/migrations/V2__orders_status_index.sql\n");
            // lint read V1 as deployed and judged V2 only; run rehearsed V2 on top of V1
            JsonNode lint = JSON.readTree(reports.resolve("lint/report.json").toFile());
            assertThat(lint.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.get("file").asText()).contains("V2__"));
            JsonNode run = JSON.readTree(reports.resolve("run/report.json").toFile());
            assertThat(run.get("statements")).hasSize(1);
            assertThat(run.get("statements").get(0).get("migration").asText()).isEqualTo("V2__orders_status_index.sql");
            assertThat(run.get("run").get("command").asText()).contains("--changed-since " + base);

            // setup-java is given the input's JDK; the SARIF upload gets run's report.sarif, valid SARIF 2.1.0
            assertThat(r.uses("actions/setup-java@").with()).containsEntry("java-version", "17");
            CompositeAction.Uses sarif = r.uses("github/codeql-action/upload-sarif@");
            assertThat(sarif.with()).containsEntry("sarif_file", reports.resolve("run/report.sarif").toString());
            SarifSchema.validate(Files.readString(reports.resolve("run/report.sarif")));
            // the artifact holds every report, report.html among them
            CompositeAction.Uses artifact = r.uses("actions/upload-artifact@");
            assertThat(Path.of(artifact.with().get("path"))).isEqualTo(reports);
            assertThat(reports.resolve("run/report.html")).isNotEmptyFile();
            assertThat(reports.resolve("run/runbook.md")).isNotEmptyFile();

            // one comment, created through the API with report.md as its body and the token the input gave
            assertThat(requests).extracting(Request::method, Request::path).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("GET", "/repos/acme/shop/issues/7/comments?per_page=100"),
                    org.assertj.core.groups.Tuple.tuple("POST", "/repos/acme/shop/issues/7/comments"));
            String md = Files.readString(reports.resolve("run/report.md"));
            assertThat(JSON.readTree(requests.get(1).body()).get("body").asText()).isEqualTo(md).startsWith(MarkdownReport.MARKER);
            assertThat(Files.readString(tmp.resolve("summary.md"))).isEqualTo(md);

            // the verdict step ends the action with run's exit code; the action's outputs say what happened
            int runCode = Integer.parseInt(out.get("run-exit-code"));
            assertThat(runCode).isIn(0, 1);
            assertThat(r.exitCode()).as(r.log()).isEqualTo(runCode);
            assertThat(r.ran().get(r.ran().size() - 1).name()).isEqualTo("Verdict");
            assertThat(r.outputs()).containsEntry("changed", "true").containsEntry("exit-code", String.valueOf(runCode))
                    .containsEntry("comment", reports.resolve("run/report.md").toString());
        } finally {
            api.stop(0);
        }
    }

    @Test
    void theGitLabJobRunsItsScriptInAMergeRequestClone(@TempDir Path tmp) throws Exception {
        Path origin = fixture(tmp);
        // GitLab's clone of the merge request: the source branch checked out, the target branch on the remote
        git(origin, "branch", "-q", "-f", "feature");
        git(origin, "reset", "-q", "--hard", Files.readString(origin.resolve(".base")));
        Path clone = tmp.resolve("clone");
        git(tmp, "clone", "-q", "-b", "feature", origin.toString(), clone.toString());

        JsonNode job = new YAMLMapper().readTree(ROOT.resolve("docker/ci/examples/gitlab-ci.yml").toFile())
                .get("rehearse-migrations");
        assertThat(job.get("variables").get("GIT_DEPTH").asInt()).as("--changed-since needs the base").isZero();
        StringBuilder script = new StringBuilder("set -eo pipefail\nexport CI_PIPELINE_SOURCE=merge_request_event"
                + " CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main\n");
        job.get("variables").properties().forEach(e -> script.append("export ").append(e.getKey()).append("=\"")
                .append(e.getValue().asText()).append("\"\n"));
        // a pipeline variable overrides the job's: lint only (the Action's test rehearses)
        script.append("export REHEARSE_RUN=false\n");
        for (JsonNode line : job.get("script")) {
            // the image's paths (docker/Dockerfile: COPY docker/ci /opt/rehearse/ci, rehearse linked onto PATH)
            script.append(line.asText().replace("/opt/rehearse/ci/", ROOT.resolve("docker/ci") + "/")).append('\n');
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        launcher(bin.resolve("rehearse"));
        Path file = Files.writeString(tmp.resolve("gitlab-job.sh"), script.toString());
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(clone.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("REHEARSE_"));
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        Path reports = clone.resolve(job.get("artifacts").get("paths").get(0).asText());
        assertThat(reports).isEqualTo(clone.resolve("rehearse-reports/"));
        assertThat(Files.readString(reports.resolve("changed.txt"))).as(log).isEqualTo("db/migrations/V2__orders_status_index.sql\n");
        JsonNode lint = JSON.readTree(reports.resolve("lint/report.json").toFile());
        assertThat(lint.get("run").get("command").asText()).contains("--changed-since origin/main");
        assertThat(lint.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.get("file").asText()).contains("V2__"));
        assertThat(reports.resolve("lint/report.md")).isNotEmptyFile();
        SarifSchema.validate(Files.readString(reports.resolve("lint/report.sarif")));
        assertThat(reports.resolve("github-api.log")).doesNotExist(); // REHEARSE_POST=none: no comment attempted
        assertThat(p.exitValue()).as(log).isEqualTo(lint.get("verdict").asText().equals("BLOCK") ? 1 : 0);
    }

    /** The action's checkout as the Build step leaves it: ./rehearse (this build's classes) and docker/ci. */
    private static Path actionCheckout(Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("action"));
        launcher(dir.resolve("rehearse"));
        Files.createSymbolicLink(dir.resolve("docker"), ROOT.resolve("docker"));
        return dir;
    }

    private static void launcher(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\nexec '" + RehearsePrScriptTest.javaBin() + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.rehearse.cli.Main \"$@\"\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
    }
}
