package dev.rehearse.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.analyze.Linter;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drizzle's layout of a fix of several migrations: refused on PostgreSQL (one transaction for every pending migration),
 * and, written all the same, laid out as drizzle-kit would: the new files in the journal right after the original, in
 * the order the migrator runs them, the journal as {@code JSON.stringify(journal, null, 2)} writes it.
 */
class DrizzleWriterTest {

    private static final EngineSpec PG = EngineSpec.parse("postgres:16");

    @TempDir
    Path tmp;

    @Test
    void aFixOfSeveralMigrationsIsRefusedAndWouldBeJournaledRightAfterTheOriginal() throws IOException {
        Path dir = layout(true);
        List<Migration> ms = read(dir);
        Fixer.FileFix fix = fix(ms);
        MigrationWriter w = MigrationWriters.forFormat("drizzle");
        assertThat(w.refuses(fix, ms)).startsWith("not a fix under drizzle-kit migrate: Drizzle's migrator runs every"
                + " pending migration in one transaction");

        List<FileChange> changes = w.write(fix, ms);
        for (FileChange c : changes) c.write();
        assertThat(read(dir).stream().map(Migration::name).toList()).containsExactly("0000_setup.sql", "0001_required.sql",
                "0001_required_2_validate_accounts_region_not_null.sql", "0001_required_3_set_accounts_region_not_null.sql",
                "0002_later.sql");
        JsonNode entries = new ObjectMapper().readTree(dir.resolve("meta/_journal.json").toFile()).get("entries");
        List<Long> whens = new ArrayList<>();
        for (JsonNode e : entries) whens.add(e.get("when").asLong());
        assertThat(whens).as("the migrator applies an entry whose when is after the last it recorded").isSorted()
                .doesNotHaveDuplicates();
        assertThat(entries.get(2).get("idx").asInt()).isEqualTo(3); // unique: the last idx plus one
        assertThat(entries.get(3).get("idx").asInt()).isEqualTo(4);
        assertThat(entries.get(2).get("breakpoints").asBoolean()).isTrue();
        assertThat(entries.get(2).get("version").asText()).isEqualTo("7");
    }

    @Test
    void afterTheLastEntryTheTagsAreNumberedAsDrizzleKitNumbersThem() throws IOException {
        Path dir = layout(false);
        List<Migration> ms = read(dir);
        List<FileChange> changes = MigrationWriters.forFormat("drizzle").write(fix(ms), ms);
        for (FileChange c : changes) c.write();
        assertThat(read(dir).stream().map(Migration::name).toList()).containsExactly("0000_setup.sql", "0001_required.sql",
                "0002_validate_accounts_region_not_null.sql", "0003_set_accounts_region_not_null.sql");
        String journal = Files.readString(dir.resolve("meta/_journal.json"));
        assertThat(journal).startsWith("{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n    {\n"
                + "      \"idx\": 0,\n      \"version\": \"7\",\n      \"when\": 1767225601000,\n").endsWith("\n  ]\n}");
        assertThat(journal).contains("\"idx\": 2,\n      \"version\": \"7\",\n      \"when\": 1767225602001,\n"
                + "      \"tag\": \"0002_validate_accounts_region_not_null\",\n      \"breakpoints\": true\n");
    }

    private Path layout(boolean later) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("drizzle"));
        Path setup = Files.writeString(tmp.resolve("setup.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, region text);\n");
        Path required = Files.writeString(tmp.resolve("required.sql"), "ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;\n");
        SqlFileLayouts.place("drizzle", setup, dir, "V1__setup.sql");
        SqlFileLayouts.place("drizzle", required, dir, "V2__required.sql");
        if (later) {
            Path other = Files.writeString(tmp.resolve("later.sql"), "CREATE TABLE other (id bigint PRIMARY KEY);\n");
            SqlFileLayouts.place("drizzle", other, dir, "V3__later.sql");
        }
        return dir;
    }

    private static Fixer.FileFix fix(List<Migration> ms) {
        Fixer.Result r = new Fixer(Linter.Options.of(PG).withPending(m -> !m.name().contains("setup")), Engines.dialect(PG)).fix(ms);
        assertThat(r.files()).hasSize(1);
        assertThat(r.files().get(0).segments()).hasSize(3);
        return r.files().get(0);
    }

    private static List<Migration> read(Path dir) {
        return MigrationSources.forFormat("drizzle").read(List.of(dir), new MigrationSource.Context(
                Engines.dialect(PG).splitter(), Scenario.Transaction.AUTO, PG, null, null));
    }
}
