package dev.rehearse.report;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.PatternExamples;
import dev.rehearse.analyze.Rules;
import dev.rehearse.dialect.Rule;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.model.Category;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ScenarioPair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * docs/patterns/: one page per rule of the catalog and an index, generated from the rules' data, their example files
 * and the scenario pairs, so the pages cannot drift from the rules. Written by the hidden {@code rehearse docs patterns};
 * {@code PatternPagesTest} fails when a committed page differs from what this renders.
 */
public final class PatternPages {

    public static final String REGENERATE = "./rehearse docs patterns";

    private static final List<String> PG_VERSIONS = List.of("10", "11", "12", "13", "14", "15", "16", "17", "18");
    private static final List<String> MY_VERSIONS = List.of("mysql:8.0.28", "mysql:8.0", "mysql:8.4", "mariadb:10.11", "mariadb:11.4");

    private final Path dir;
    private final List<PatternExamples> examples;
    /** Rule id to the name of its scenario pair's directory. */
    private final Map<String, String> pairs;
    private Map<Path, String> rendered;

    /** {@code dir} holds the examples and receives the pages; {@code pairs} are the scenario pairs the pages link to. */
    public PatternPages(Path dir, List<ScenarioPair> pairs) {
        this.dir = dir;
        this.examples = PatternExamples.all(dir);
        this.pairs = pairs.stream().collect(Collectors.toMap(ScenarioPair::rule, ScenarioPair::name, (a, b) -> a));
    }

    /** Every page, in catalog order, then the index README.md, each by the path it is written to. */
    public Map<Path, String> render() {
        // Rendering lints every example at every version; check-then-write should not do it twice.
        if (rendered == null) {
            Map<Path, String> pages = new LinkedHashMap<>();
            for (Rule r : Rules.ALL) pages.put(dir.resolve(r.id() + ".md"), page(r));
            pages.put(dir.resolve("README.md"), index());
            rendered = java.util.Collections.unmodifiableMap(pages);
        }
        return rendered;
    }

    /** The pages that are missing or differ from what {@link #render()} gives. */
    public List<Path> stale() {
        List<Path> stale = new ArrayList<>();
        for (Map.Entry<Path, String> e : render().entrySet()) {
            if (!Files.isRegularFile(e.getKey()) || !read(e.getKey()).equals(e.getValue())) stale.add(e.getKey());
        }
        return stale;
    }

    /** Pages in the directory that no rule renders (a renamed or removed rule's), which no regeneration replaces. */
    public List<Path> orphans() {
        Set<Path> rendered = render().keySet();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md") && !rendered.contains(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the pages that are stale; returns them. */
    public List<Path> write() {
        List<Path> stale = stale();
        Map<Path, String> pages = render();
        try {
            for (Path p : stale) Files.writeString(p, pages.get(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stale;
    }

    private String index() {
        StringBuilder index = new StringBuilder("""
                # Patterns

                One page per rule of the catalog shared by `rehearse lint` and `rehearse run`. Each page is generated
                from the rule's data (src/main/java/dev/rehearse/analyze/Rules.java) and its example files in
                this directory (`<rule-id>/<engine>-<version>/bad*`, `safe*`, `setup.sql`), which are also what the
                unit tests lint and what the rule-vs-measurement tests rehearse: on PostgreSQL 10, 16 and 18, and the
                MySQL family's MariaDB examples on MariaDB 10.11 and 11.4 (seeded from `setup.sql`, shaped by an optional
                `profile.yaml`, under a workload).
                A rule's scenario pair is the `scenarios/<name>/` whose `unsafe.yaml` names it in a `# rule:` line.
                Regenerate: `%s` (`--check` lists stale pages).

                Suppress a finding with a reason: `-- rehearse:ignore RULE why` in the comment lines directly
                before the statement, `-- rehearse:ignore-file RULE why` anywhere in the file, or
                `exclude: [RULE]` in `.rehearse.yaml`.

                | rule | category | lint severity | engines | title |
                | --- | --- | --- | --- | --- |
                """.formatted(REGENERATE));
        for (Rule r : Rules.ALL) {
            index.append("| [").append(r.id()).append("](").append(r.id()).append(".md) | ")
                    .append(r.category().title()).append(" | ").append(r.severity()).append(" | ")
                    .append(engines(r)).append(" | ").append(r.title()).append(" |\n");
        }
        return index.toString();
    }

    private static String engines(Rule r) {
        return String.join(", ", r.engines().stream().map(EngineSpec.Kind::id).toList());
    }

    private String page(Rule r) {
        List<PatternExamples> mine = examples.stream().filter(e -> e.rule().equals(r.id())).toList();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.id()).append("\n\n").append("**").append(r.title()).append("**\n\n");
        b.append("| | |\n| --- | --- |\n");
        b.append("| Category | ").append(r.category().title()).append(" (`").append(r.category()).append("`)");
        for (Category also : r.facts().alsoIn()) b.append("; also ").append(also.title()).append(" (`").append(also).append("`)");
        b.append(" |\n");
        b.append("| Severity in `lint` | ").append(r.severity()).append(" (in `run`, measurement decides) |\n");
        b.append("| Engines | ").append(engines(r)).append(" |\n");
        String pair = pairs.get(r.id());
        b.append("| Scenario pair | ").append(pair == null ? "none (see below)" : "[scenarios/" + pair + "](../../scenarios/" + pair
                + "/): `unsafe.yaml` vs `safe.yaml`").append(" |\n\n");
        b.append("## Why it hurts\n\n").append(r.explanation()).append("\n\n");
        b.append("Recommended: ").append(r.advice()).append(".\n\n");

        b.append("## What lint claims, by engine version\n\n");
        b.append("What the bad and the safe example below do to their table, as the catalog states it at each version"
                + " (\"no finding\" where the rule finds nothing: the statement is harmless there).\n\n");
        b.append("| engine | bad example | safe example |\n| --- | --- | --- |\n");
        for (PatternExamples ex : mine) {
            List<String> versions = ex.engine().kind() == EngineSpec.Kind.POSTGRES
                    ? PG_VERSIONS.stream().map(v -> "postgres:" + v).toList()
                    : MY_VERSIONS.stream().filter(v -> v.startsWith(ex.engine().kind().id())).toList();
            int safeNeeds = PatternExamples.requiredMajor(ex.safe());
            for (String v : versions) {
                EngineSpec at = EngineSpec.parse(v);
                b.append("| ").append(v).append(" (").append(ex.dir().getFileName()).append(" example) | ")
                        .append(claimAt(r, ex, ex.bad(), at)).append(" | ")
                        .append(safeNeeds > at.major() && at.kind() == EngineSpec.Kind.POSTGRES
                                ? "not available before " + safeNeeds
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
        if (r.id().startsWith("mysql-")) {
            if (r.engines().contains(EngineSpec.Kind.MARIADB)) {
                b.append("On MariaDB `run` records ").append(r.measures()).append(". `MariaDbRuleMeasurementTest`"
                        + " rehearses the MariaDB examples below on embedded MariaDB 10.11 and 11.4 with a workload running"
                        + " and checks that the rebuild and what the workload could not do (reads or writes waiting on the"
                        + " migration's metadata lock, or held back by InnoDB, as the workload timed them) are the ones"
                        + " this page claims at each version.");
            } else {
                b.append("A MySQL-only rule: `run` measures ").append(r.measures()).append(".");
            }
            b.append(" The mysql rows above are the MySQL 8.0/8.4 manual's (innodb-online-ddl-operations.html):"
                    + " documented, not measured here.\n\n");
        } else if (r.engines().contains(EngineSpec.Kind.MYSQL) || r.engines().contains(EngineSpec.Kind.MARIADB)) {
            b.append("On MySQL / MariaDB `run` rehearses the statement like any other (locks, rebuilds, blocked"
                    + " queries); this rule makes no engine-specific lock claim there.\n\n");
        }
        if (pair == null) b.append(noPair(r)).append("\n\n");

        for (PatternExamples ex : mine) {
            String engine = ex.dir().getFileName().toString();
            b.append("## Examples: ").append(engine).append("\n\n");
            if (ex.setup() != null) {
                b.append("Baseline (`").append(r.id()).append('/').append(engine).append("/setup.sql`, populated before the"
                        + " migration runs):\n\n```sql\n").append(read(ex.setup()).strip()).append("\n```\n\n");
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

    /** What the rule claims the form's flagged statement does at this version, or "no finding". */
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
        if (r.id().startsWith("mysql-")) {
            return r.engines().contains(EngineSpec.Kind.MARIADB)
                    ? "No scenario pair: the MariaDB examples below are rehearsed on MariaDB 10.11 and 11.4 by the"
                    + " rule-vs-measurement test."
                    : "No scenario pair: a MySQL-only rule, and no MySQL server runs in this build's tests.";
        }
        return "No scenario pair yet; the rule-vs-measurement test rehearses the examples below on PostgreSQL 10, 16 and 18.";
    }

    private String files(Path form) {
        StringBuilder b = new StringBuilder();
        try {
            for (Path f : PatternExamples.files(form)) {
                Path rel = dir.relativize(f);
                b.append("`").append(rel.toString().replace('\\', '/')).append("`").append(f.getFileName().toString()
                        .toLowerCase(Locale.ROOT).matches(".*\\.(down|undo)\\.sql") ? " (rollback script)" : "")
                        .append(":\n\n```sql\n").append(read(f).strip()).append("\n```\n\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
