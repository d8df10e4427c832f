package dev.rehearse.analyze;

import dev.rehearse.engine.Engines;
import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Category;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ScenarioPair;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/patterns/ is generated from the catalog and the example files, so the pages cannot drift from the rules:
 * this test renders every page and fails when a committed page differs. Regenerate with
 * {@code mvn -B test -Dtest=PatternPagesTest -Drehearse.writePatterns=true}.
 */
class PatternPagesTest {

    /** Rule id to the directory of its scenario pair in scenarios/ (rehearsed by ScenarioPairsTest). */
    static final Map<String, String> SCENARIO_PAIRS = ScenarioPair.discover().stream()
            .collect(java.util.stream.Collectors.toMap(ScenarioPair::rule, ScenarioPair::name));

    private static final List<String> PG_VERSIONS = List.of("10", "11", "12", "13", "14", "15", "16", "17", "18");
    private static final List<String> MY_VERSIONS = List.of("mysql:8.0.28", "mysql:8.0", "mysql:8.4", "mariadb:10.11");

    @Test
    void everyRuleHasAGeneratedPageAndThePagesAreCurrent() throws IOException {
        boolean write = Boolean.getBoolean("rehearse.writePatterns");
        List<String> stale = new ArrayList<>();
        StringBuilder index = new StringBuilder("""
                # Patterns

                One page per rule of the catalog shared by `rehearse lint` and `rehearse run`. Each page is generated
                from the rule's data (src/main/java/dev/rehearse/analyze/Rules.java) and its example files in
                this directory (`<rule-id>/<engine>-<version>/bad*`, `safe*`, `setup.sql`), which are also what the
                unit tests lint and what the rule-vs-measurement test rehearses on PostgreSQL 10, 16 and 18.
                Regenerate: `mvn -B test -Dtest=PatternPagesTest -Drehearse.writePatterns=true`.

                Suppress a finding with a reason: `-- rehearse:ignore RULE why` in the comment lines directly
                before the statement, `-- rehearse:ignore-file RULE why` anywhere in the file, or
                `exclude: [RULE]` in `.rehearse.yaml`.

                | rule | category | lint severity | engines | title |
                | --- | --- | --- | --- | --- |
                """);
        for (Rule r : Rules.ALL) {
            index.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | ")
                    .append(r.category().title()).append(" | ").append(r.severity()).append(" | ")
                    .append(engines(r)).append(" | ").append(r.title()).append(" |\n");
            Path page = PatternExamples.ROOT.resolve(r.id() + ".md");
            String text = render(r);
            if (write) Files.writeString(page, text);
            else if (!Files.exists(page) || !Files.readString(page).equals(text)) stale.add(page.toString());
        }
        Path readme = PatternExamples.ROOT.resolve("README.md");
        if (write) Files.writeString(readme, index.toString());
        else if (!Files.exists(readme) || !Files.readString(readme).equals(index.toString())) stale.add(readme.toString());
        assertThat(stale).as("stale pages; regenerate with -Drehearse.writePatterns=true").isEmpty();
        try (Stream<Path> pages = Files.list(PatternExamples.ROOT)) {
            assertThat(pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .map(n -> n.substring(0, n.length() - 3))).as("a page for every rule and no other")
                    .containsExactlyInAnyOrderElementsOf(Rules.ALL.stream().map(Rule::id).toList());
        }
    }

    private static String engines(Rule r) {
        return String.join(", ", r.engines().stream().map(EngineSpec.Kind::id).toList());
    }

    static String render(Rule r) throws IOException {
        List<PatternExamples> examples = PatternExamples.all().stream().filter(e -> e.rule().equals(r.id())).toList();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.id()).append("\n\n").append("**").append(r.title()).append("**\n\n");
        b.append("| | |\n| --- | --- |\n");
        b.append("| Category | ").append(r.category().title()).append(" (`").append(r.category()).append("`) |\n");
        b.append("| Severity in `lint` | ").append(r.severity()).append(" (in `run`, measurement decides) |\n");
        b.append("| Engines | ").append(engines(r)).append(" |\n");
        String pair = SCENARIO_PAIRS.get(r.id());
        b.append("| Scenario pair | ").append(pair == null ? "none (see below)" : "[scenarios/" + pair + "](../../scenarios/" + pair
                + "/): `unsafe.yaml` vs `safe.yaml`").append(" |\n\n");
        b.append("## Why it hurts\n\n").append(r.explanation()).append("\n\n");
        b.append("Recommended: ").append(r.advice()).append(".\n\n");

        b.append("## What lint claims, by engine version\n\n");
        b.append("What the bad and the safe example below do to their table, as the catalog states it at each version"
                + " (\"no finding\" where the rule finds nothing: the statement is harmless there).\n\n");
        b.append("| engine | bad example | safe example |\n| --- | --- | --- |\n");
        for (PatternExamples ex : examples) {
            List<String> versions = ex.engine().kind() == EngineSpec.Kind.POSTGRES
                    ? PG_VERSIONS.stream().map(v -> "postgres:" + v).toList()
                    : MY_VERSIONS.stream().filter(v -> v.startsWith(ex.engine().kind().id())).toList();
            if (ex.engine().kind() == EngineSpec.Kind.MYSQL && !versions.contains(ex.engine().toString())) {
                versions = new ArrayList<>(versions);
            }
            for (String v : versions) {
                EngineSpec at = EngineSpec.parse(v);
                b.append("| ").append(v).append(" (").append(ex.dir().getFileName()).append(" example) | ")
                        .append(claimAt(r, ex, ex.bad(), at)).append(" | ")
                        .append(PatternExamples.requiredMajor(ex.safe()) > at.major() && at.kind() == EngineSpec.Kind.POSTGRES
                                ? "not available before " + PatternExamples.requiredMajor(ex.safe())
                                : claimAt(r, ex, ex.safe(), at)).append(" |\n");
            }
        }
        b.append("\n## What the rehearsal measures\n\n");
        if (r.engines().contains(EngineSpec.Kind.POSTGRES)) {
            b.append("On PostgreSQL `run` records ").append(r.measures()).append(".");
            if (r.claim() != null) {
                b.append(" `RuleMeasurementTest` rehearses the examples below on PostgreSQL 10, 16 and 18 and checks that"
                        + " the lock, rewrite and scan this page claims are the ones measured.");
            }
            b.append("\n\n");
        }
        if (r.engines().contains(EngineSpec.Kind.MYSQL) || r.engines().contains(EngineSpec.Kind.MARIADB)) {
            b.append("On MySQL / MariaDB the claims are **unverified by rehearsal in this build**: no MySQL or MariaDB"
                    + " server runs in its CI, so `lint --engine mysql:… | mariadb:…` states what the MySQL 8.0/8.4 and"
                    + " MariaDB 10.11 online-DDL documentation says (INSTANT / INPLACE / COPY, and whether concurrent"
                    + " DML is allowed), and `run` cannot rehearse these engines yet.\n\n");
        }
        if (pair == null) b.append(noPair(r)).append("\n\n");

        for (PatternExamples ex : examples) {
            String engine = ex.dir().getFileName().toString();
            b.append("## Examples: ").append(engine).append("\n\n");
            if (ex.setup() != null) {
                b.append("Baseline (`").append(r.id()).append('/').append(engine).append("/setup.sql`, populated before the"
                        + " migration runs):\n\n```sql\n").append(Files.readString(ex.setup()).strip()).append("\n```\n\n");
            }
            b.append("### Bad\n\n").append(files(ex.bad()));
            List<Finding> found = ex.lint(ex.bad(), ex.engine()).counted().stream()
                    .filter(f -> f.rule().equals(r.id())).toList();
            if (!found.isEmpty()) {
                b.append("`rehearse lint --engine ").append(ex.engine()).append("` says:\n\n```\n")
                        .append(found.get(0).file()).append(':').append(found.get(0).line()).append("  ")
                        .append(found.get(0).status()).append("  ").append(r.id()).append("  ")
                        .append(found.get(0).message()).append("\n```\n\nand prints this rewrite:\n\n```sql\n")
                        .append(found.get(0).action().strip()).append("\n```\n\n");
            }
            b.append("### Safe\n\n").append(files(ex.safe()));
        }
        return b.toString();
    }

    private static String claimAt(Rule r, PatternExamples ex, Path form, EngineSpec at) {
        List<Migration> ms = ex.migrations(form, at);
        var result = new Linter(Linter.Options.of(at), Engines.dialect(at)).lint(ms);
        Finding f = result.counted().stream().filter(x -> x.rule().equals(r.id())).findFirst().orElse(null);
        if (f == null) return "no finding";
        if (r.claim() == null) return "flagged (" + r.severity() + ")";
        for (Migration m : ms) {
            for (SqlStatement s : m.statements()) {
                if (m.name().equals(f.file()) && s.line() == f.line()) {
                    Rule.Claim c = r.claim().apply(at, new Rule.Words(s.sql(), Engines.dialect(at).words(s.sql())));
                    return c == null ? "flagged" : c.describe();
                }
            }
        }
        return "flagged";
    }

    private static String noPair(Rule r) {
        if (r.category() == Category.DATA_LOSS) {
            return "No scenario pair: lost data does not show in locks or latency. `run` reports the finding with the"
                    + " row count the table held.";
        }
        if (r.id().equals("missing-lock-timeout")) {
            return "No scenario pair: the harm needs a long-running transaction ahead of the migration's lock request;"
                    + " `run` measures the queue (blocked-queries) when the workload holds one, and fails the statement"
                    + " with `lock-timeout` when the scenario sets `migrations.lock_timeout`.";
        }
        if (r.category() == Category.CONCURRENT_WRITE_HAZARDS || r.id().startsWith("backfill") || r.id().equals("fk-on-delete-cascade")) {
            return "No scenario pair: the hazard is in what the application or a re-run does, not in what the"
                    + " statement locks; the lint finding and the examples below are the whole story here.";
        }
        if (r.id().startsWith("mysql-")) return "No scenario pair: MySQL / MariaDB rehearsals are not in this build.";
        return "No scenario pair yet; the rule-vs-measurement test rehearses the examples below on PostgreSQL 10, 16 and 18.";
    }

    private static String files(Path form) throws IOException {
        List<Path> files = Files.isDirectory(form) ? Files.list(form).sorted().toList() : List.of(form);
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            Path rel = PatternExamples.ROOT.relativize(f);
            b.append("`").append(rel.toString().replace('\\', '/')).append("`").append(f.getFileName().toString()
                    .toLowerCase(Locale.ROOT).matches(".*\\.(down|undo)\\.sql") ? " (rollback script)" : "")
                    .append(":\n\n```sql\n").append(Files.readString(f).strip()).append("\n```\n\n");
        }
        return b.toString();
    }
}
