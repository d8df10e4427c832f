package dev.rehearse.migrate.source;

import dev.rehearse.Rehearsal;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.scenario.CliOverrides;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.rehearse.migrate.source.DirectorySourcesTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint} and {@code run} see the same statements, in the same order, with the same transaction modes: what
 * lint reads (the source detected from the layout, as {@code LintCommand} picks it) against what
 * {@link Rehearsal#read()} gives a run with no format named.
 */
class LintRunEquivalenceTest {

    /** What RunCommand accepts: the contract's formats and every source on the class path. */
    private static final ScenarioLoader.Vocabulary NAMES =
            new ScenarioLoader.Vocabulary(MigrationSources.names(), dev.rehearse.report.ReportFormats.names());

    /** A migration as both commands must see it: name, file, and per unit its mode and statements' text, line, kind. */
    private static List<String> shape(List<Migration> migrations) {
        return migrations.stream().flatMap(m -> java.util.stream.Stream.concat(
                java.util.stream.Stream.of("migration " + m.name() + " @ " + m.file() + " down " + m.rollback()),
                m.units().stream().map(u -> "  " + u.mode() + (u.spansMigrations() ? " spanning " : " ") + u.statements().stream()
                        .map(s -> s.line() + ":" + s.kind() + ":" + s.sql()).toList()))).toList();
    }

    private static List<Migration> asLint(Path path) {
        EngineSpec spec = EngineSpec.DEFAULT;
        MigrationSource source = MigrationSources.detect(List.of(path));
        return source.read(List.of(path), new MigrationSource.Context(Engines.dialect(spec).splitter(),
                Scenario.Transaction.AUTO, spec));
    }

    private static List<Migration> asRun(Scenario scenario) {
        return new Rehearsal(scenario, s -> {}).read().all();
    }

    private static Scenario flags(Path path, String format) {
        return ScenarioLoader.applyOverrides(ScenarioLoader.defaults(),
                CliOverrides.NONE.withMigrations(List.of(path)).withFormat(format), NAMES);
    }

    @ParameterizedTest
    @CsvSource({"prisma/concurrently, prisma", "prisma/prisma-7.4, prisma", "drizzle/concurrently, drizzle",
            "diesel/no-transaction, diesel", "golang-migrate/migrations, golang-migrate", "dbmate, dbmate"})
    void runWithoutAFormatReadsWhatLintReads(String fixture, String format) {
        Path path = fixture(fixture);
        List<Migration> lint = asLint(path);
        assertThat(MigrationSources.detect(List.of(path)).format()).isEqualTo(format);
        assertThat(lint).isNotEmpty();
        assertThat(shape(asRun(flags(path, null)))).isEqualTo(shape(lint));
        // naming the format is the same as detecting it
        assertThat(shape(asRun(flags(path, format)))).isEqualTo(shape(lint));
    }

    @Test
    void aScenarioWithoutFormatDetectsAndFormatSqlStillReadsPlainSql(@TempDir Path dir) throws Exception {
        Path diesel = fixture("diesel/no-transaction");
        Files.writeString(dir.resolve("detect.yaml"), "migrations: { path: " + diesel + " }\n");
        Scenario detected = ScenarioLoader.load(dir.resolve("detect.yaml"), NAMES);
        assertThat(detected.migrations().format()).isNull();
        assertThat(shape(asRun(detected))).isEqualTo(shape(asLint(diesel)));

        Files.writeString(dir.resolve("sql.yaml"), "migrations: { path: " + diesel + ", format: sql }\n");
        List<Migration> plain = asRun(ScenarioLoader.load(dir.resolve("sql.yaml"), NAMES));
        // plain SQL: natural order of the paths, as before there was a Diesel source
        assertThat(plain).extracting(Migration::name).containsExactly(
                "migrations/2025-01-01-000000_create_accounts/up.sql",
                "migrations/2025-03-01-000000_index_email_concurrently/up.sql",
                "migrations/20250201000000_add_email/up.sql");
        assertThat(shape(asRun(flags(diesel, "sql")))).isEqualTo(shape(plain));

        Path sqlDir = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(sqlDir.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        assertThat(asRun(flags(sqlDir, null))).extracting(Migration::name).containsExactly("V1__a.sql");
    }
}
