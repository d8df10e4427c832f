package dev.rehearse.fix;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the version-ordered tools have no room for the new migrations between the original and the next one: Diesel
 * (string versions) takes {@code <version>-<k>}, which sorts right after the original; dbmate and golang-migrate
 * (a version is a number, or a name's leading digits) have none, and the fix is refused in one line rather than
 * written out of order. The golden files cover the layouts with room.
 */
class SqlFileWritersTest {

    private static final EngineSpec PG = EngineSpec.parse("postgres:16");

    @TempDir
    Path tmp;

    @Test
    void dieselTakesVersionDashKWhenTheNextMigrationFollowsTheOriginalBySecond() throws IOException {
        Path dir = layout("diesel");
        List<Migration> ms = read("diesel", dir);
        Fixer.FileFix fix = fix(ms);
        MigrationWriter w = MigrationWriters.forFormat("diesel");
        assertThat(w.refuses(fix, ms)).isNull();
        for (FileChange c : w.write(fix, ms)) c.write();
        assertThat(read("diesel", dir).stream().map(Migration::name).toList()).containsExactly(
                "2026-01-01-000001_setup/up.sql", "2026-01-01-000002_required/up.sql",
                "2026-01-01-000002-2_validate_accounts_region_not_null/up.sql",
                "2026-01-01-000002-3_set_accounts_region_not_null/up.sql", "2026-01-01-000003_later/up.sql");
    }

    @Test
    void dbmateAndGolangMigrateRefuseWhenNoVersionIsFree() throws IOException {
        for (String format : List.of("dbmate", "golang-migrate")) {
            Path dir = layout(format);
            List<Migration> ms = read(format, dir);
            Fixer.Result refused = MigrationWriters.writable(
                    new Fixer(Linter.Options.of(PG).withPending(m -> !m.name().contains("setup")), Engines.dialect(PG)).fix(ms),
                    MigrationWriters.forFormat(format), ms);
            assertThat(refused.files()).as(format).isEmpty();
            assertThat(refused.notFixed()).as(format).anySatisfy(n -> {
                assertThat(n.rule()).isEqualTo("set-not-null");
                assertThat(n.why()).contains("new migrations; renumber the later migrations first");
            });
        }
    }

    @Test
    void dbmateKeepsTheOriginalsDownSectionInTheOriginalFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dbmate"));
        Files.writeString(dir.resolve("20260101000001_setup.sql"), "-- migrate:up\n"
                + "CREATE TABLE accounts (id bigint PRIMARY KEY, region text);\n-- migrate:down\nDROP TABLE accounts;\n");
        Path required = Files.writeString(dir.resolve("20260101000002_required.sql"), "-- migrate:up\n"
                + "ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;\n\n-- migrate:down\n"
                + "ALTER TABLE accounts ALTER COLUMN region DROP NOT NULL;\n");
        List<Migration> ms = read("dbmate", dir);
        Fixer.FileFix fix = fix(ms);
        List<FileChange> changes = MigrationWriters.forFormat("dbmate").write(fix, ms);
        for (FileChange c : changes) c.write();
        assertThat(Files.readString(required)).isEqualTo("-- migrate:up\nSET lock_timeout = '25ms';  -- a try that waits must not lift the p99; retry with backoff when it gives up\nSET statement_timeout = '15min';\n"
                + "ALTER TABLE accounts ADD CONSTRAINT accounts_region_not_null CHECK (region IS NOT NULL) NOT VALID;\n\n"
                + "-- migrate:down\nALTER TABLE accounts ALTER COLUMN region DROP NOT NULL;\n");
        String last = Files.readString(dir.resolve("20260101000004_set_accounts_region_not_null.sql"));
        assertThat(last).containsOnlyOnce("-- migrate:down").endsWith("-- migrate:down\n"
                + "ALTER TABLE accounts ALTER COLUMN region DROP NOT NULL;\n");
        assertThat(read("dbmate", dir)).hasSize(4).allSatisfy(m -> assertThat(m.refused()).isFalse());
    }

    /** setup, SET NOT NULL, then a later migration numbered right after it. */
    private Path layout(String format) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(format));
        Path setup = Files.writeString(tmp.resolve("setup.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, region text);\n");
        Path required = Files.writeString(tmp.resolve("required.sql"), "ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;\n");
        Path later = Files.writeString(tmp.resolve("later.sql"), "CREATE TABLE other (id bigint PRIMARY KEY);\n");
        SqlFileLayouts.place(format, setup, dir, "V1__setup.sql");
        SqlFileLayouts.place(format, required, dir, "V2__required.sql");
        SqlFileLayouts.place(format, later, dir, "V3__later.sql");
        return dir;
    }

    private static Fixer.FileFix fix(List<Migration> ms) {
        Fixer.Result r = new Fixer(Linter.Options.of(PG).withPending(m -> !m.name().contains("setup")), Engines.dialect(PG)).fix(ms);
        assertThat(r.files()).hasSize(1);
        return r.files().get(0);
    }

    private static List<Migration> read(String format, Path dir) {
        return MigrationSources.forFormat(format).read(List.of(dir), new MigrationSource.Context(
                Engines.dialect(PG).splitter(), Scenario.Transaction.AUTO, PG, null, null));
    }
}
