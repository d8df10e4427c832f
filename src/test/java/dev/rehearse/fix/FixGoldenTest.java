package dev.rehearse.fix;

import dev.rehearse.analyze.Linter;
import dev.rehearse.analyze.PatternExamples;
import dev.rehearse.analyze.Rules;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PostgreSQL rule with a mechanical rewrite, in every format {@code fix} writes: the pattern page's bad example
 * (docs/patterns/&lt;rule&gt;/postgres-16/bad.sql) shipped onto its setup as the deployed state, fixed, and the
 * files compared with {@code src/test/resources/golden/fix/<rule>.<format>.txt}; the rule must be among those the fix
 * rewrote, and the fixed set must lint without the rule. Rules without one (DROP COLUMN, RENAME) get the checklist.
 * {@code -Drehearse.golden.update=true} rewrites the golden files.
 */
class FixGoldenTest {

    static final List<String> MECHANICAL = List.of("set-not-null", "create-index-non-concurrent",
            "drop-index-non-concurrent", "add-foreign-key-validated", "add-check-validated", "add-unique-without-index",
            "add-column-rewrite", "unbatched-backfill", "missing-lock-timeout", "concurrently-in-transaction",
            // the MySQL family's online-DDL clauses, at the example's engine
            "mysql-modify-column-copy@mariadb-10.11", "mysql-add-column-rebuild@mysql-8.0.28",
            "mysql-copy-or-blocking-lock@mariadb-10.11", "missing-lock-timeout@mariadb-10.11");

    static final java.util.Set<String> MYSQL_TOO = java.util.Set.of("prisma", "rails", "liquibase");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String rule : MECHANICAL) {
            for (String format : MigrationWriters.names()) {
                // the MySQL family's examples as plain SQL, Flyway (flyway-mysql's parsers) and the SQL-file formats
                // whose tools run on MySQL; Prisma, Rails and Liquibase writers are checked on PostgreSQL only
                if (rule.contains("@") && !format.equals("sql") && !format.equals("flyway")
                        && !SqlFileLayouts.MYSQL_FAMILY.contains(format) && !MYSQL_TOO.contains(format)) continue;
                out.add(Arguments.of(rule, format));
            }
        }
        return out.stream();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void theBadExampleIsFixedInTheFormatsOwnFiles(String example, String format) throws IOException {
        String rule = example.contains("@") ? example.substring(0, example.indexOf('@')) : example;
        String engine = example.contains("@") ? example.substring(example.indexOf('@') + 1) : "postgres-16";
        Fixed f = fix(rule, engine, format);
        StringBuilder golden = new StringBuilder();
        for (FileChange c : f.changes()) {
            golden.append("=== ").append(f.dir().relativize(c.path())).append(c.before() == null ? " (new)" : " (changed)")
                    .append('\n').append(c.after());
        }
        // a rewrite the format's tool cannot run as intended is refused in one line, and the line is reviewed too
        for (Fixer.NotFixed n : f.refused()) golden.append("=== not fixed: ").append(n.rule()).append(": ").append(n.why()).append('\n');
        assertGolden("fix/" + example.replace('@', '.') + "." + format + ".txt", golden.toString());
        if (f.result().files().isEmpty() && !f.refused().isEmpty()) {
            assertThat(f.refused()).as("refused").anySatisfy(n -> assertThat(n.rule()).isEqualTo(rule));
            assertThat(f.changes()).as("nothing written for a refused fix").isEmpty();
            return;
        }
        assertThat(f.result().files()).as("files fixed").isNotEmpty();
        assertThat(f.result().files().stream().flatMap(x -> x.rules().stream())).contains(rule);

        // the fixed set, read back by the same source, no longer draws the rule
        for (FileChange c : f.changes()) c.write();
        List<Migration> again = read(format, f.dir(), f.spec());
        Linter.Result lint = new Linter(Linter.Options.of(f.spec()).withPending(m -> !m.name().contains("setup")),
                Engines.dialect(f.spec())).lint(again);
        assertThat(lint.counted()).as("findings on the fixed set").noneMatch(x -> x.rule().equals(rule));
        assertThat(lint.counted()).as("blocking findings on the fixed set").noneMatch(x -> x.status() == dev.rehearse.model.Status.BLOCK);
        if (ROUND_TRIP.contains(format)) assertReadBackAsFixed(f, again);
    }

    /** Formats whose source is not SQL files: their reader reads what was written back to the fix's statements. */
    static final java.util.Set<String> ROUND_TRIP = java.util.Set.of("rails", "liquibase");

    /** A statement as compared after the round trip: quoting, spacing and comments (Liquibase strips them) aside. */
    private static String normal(String sql) {
        return RailsDsl.normal(sql.replaceAll("--[^\n]*", " "));
    }

    /** Every migration the fix wrote, read back, is one of its segments: the same statements, the same transaction mode. */
    private static void assertReadBackAsFixed(Fixed f, List<Migration> again) {
        java.util.Set<Path> written = new java.util.HashSet<>();
        for (FileChange c : f.changes()) written.add(c.path().toAbsolutePath().normalize());
        List<Migration> back = again.stream().filter(m -> written.contains(m.file().toAbsolutePath().normalize())).toList();
        List<Fixer.Segment> segments = f.result().files().stream().flatMap(x -> x.segments().stream()).toList();
        assertThat(back.stream().map(m -> m.statements().stream().map(s -> normal(s.sql())).toList()).toList())
                .as("the statements read back, migration by migration")
                .isEqualTo(segments.stream().map(g -> g.statements().stream().map(FixGoldenTest::normal).toList()).toList());
        // the MySQL family commits every DDL on its own, so its tools (Rails' MySQL adapter among them) wrap nothing
        if (f.spec().kind() == dev.rehearse.scenario.EngineSpec.Kind.POSTGRES) assertThat(back.stream()
                .map(m -> m.units().get(0).mode() == dev.rehearse.migrate.TransactionMode.AUTOCOMMIT).toList())
                .as("outside a transaction, migration by migration")
                .isEqualTo(segments.stream().map(Fixer.Segment::outsideTransaction).toList());
        assertThat(back.stream().map(m -> m.down().stream().flatMap(u -> u.statements().stream()).map(s -> normal(s.sql())).toList())
                .toList().subList(1, back.size()))
                .as("the downs read back, for each new migration")
                .isEqualTo(segments.subList(1, segments.size()).stream().map(g -> g.down().stream().map(FixGoldenTest::normal).toList()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checklistRules")
    void aRuleWithoutAMechanicalRewriteGetsTheExpandContractChecklist(String rule) throws IOException {
        Fixed f = fix(rule, "postgres-16", "sql");
        assertThat(f.result().checklists()).as("checklists").anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo(rule);
            assertThat(c.items()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(c.items().get(c.items().size() - 1)).startsWith("Contract");
        });
        assertThat(f.result().files().stream().flatMap(x -> x.rules().stream())).doesNotContain(rule);
    }

    static Stream<String> checklistRules() {
        return Stream.of("drop-column", "rename");
    }

    record Fixed(Path dir, Fixer.Result result, List<FileChange> changes, EngineSpec spec, List<Fixer.NotFixed> refused) {}

    private Fixed fix(String rule, String engine, String format) throws IOException {
        PatternExamples ex = PatternExamples.all().stream()
                .filter(e -> e.rule().equals(rule) && e.dir().getFileName().toString().equals(engine)).findFirst().orElseThrow();
        Path dir = tmp.resolve("migrations");
        Files.createDirectories(dir);
        if (ex.setup() != null) place(format, ex.setup(), dir, "V1__setup.sql");
        if (Files.isDirectory(ex.bad())) {
            int v = 2;
            for (Path f : PatternExamples.files(ex.bad())) {
                place(format, f, dir, "V" + v++ + "__" + f.getFileName().toString().replaceFirst("^V\\d+__", ""));
            }
        } else {
            place(format, ex.bad(), dir, "V2__" + rule.replace('-', '_') + ".sql");
        }
        EngineSpec spec = ex.engine();
        List<Migration> ms = read(format, dir, spec);
        Fixer.Result r = new Fixer(Linter.Options.of(spec).withPending(m -> !m.name().contains("setup")),
                Engines.dialect(spec)).fix(ms);
        List<FileChange> changes = new ArrayList<>();
        MigrationWriter w = MigrationWriters.forFormat(format);
        Fixer.Result writable = MigrationWriters.writable(r, w, ms);
        changes.addAll(w.write(writable.files(), ms));
        changes.sort(Comparator.comparing(c -> c.path().toString()));
        assertThat(Rules.byId(rule)).isNotNull();
        return new Fixed(dir, writable, changes, spec, writable.notFixed().subList(r.notFixed().size(), writable.notFixed().size()));
    }

    /** A file as the format lays it out: Prisma's V2__x.sql is 20260101000002_x/migration.sql. */
    static void place(String format, Path from, Path dir, String name) throws IOException {
        if (format.equals("rails")) {
            RailsTestLayout.place(from, dir, name);
            return;
        }
        if (format.equals("liquibase")) {
            LiquibaseTestLayout.place(from, dir, name);
            return;
        }
        if (SqlFileLayouts.place(format, from, dir, name)) return; // diesel, drizzle, dbmate, golang-migrate
        if (!format.equals("prisma")) {
            Files.copy(from, dir.resolve(name));
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^V(\\d+)__(.*)\\.sql$").matcher(name);
        if (!m.matches()) throw new IllegalArgumentException(name);
        Path d = Files.createDirectories(dir.resolve(String.format("202601010000%02d_%s", Integer.parseInt(m.group(1)), m.group(2))));
        Files.copy(from, d.resolve("migration.sql"));
    }

    private static List<Migration> read(String format, Path dir, EngineSpec spec) {
        return MigrationSources.forFormat(format).read(List.of(dir), new MigrationSource.Context(
                Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO, spec, null, null));
    }

    static void assertGolden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden").resolve(name);
        if (Boolean.getBoolean("rehearse.golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -Drehearse.golden.update=true)", file).exists();
        assertThat(actual).as("%s differs from the golden file; regenerate with -Drehearse.golden.update=true and review", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
