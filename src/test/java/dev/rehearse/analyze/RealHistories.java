package dev.rehearse.analyze;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.scenario.EngineSpec;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Three public PostgreSQL migration histories committed under {@code src/test/resources/histories/} (each
 * directory's SOURCE.md names the repository, commit and license): crates.io's Diesel migrations, documenso's
 * Prisma migrations and Dokploy's Drizzle migrations, read as plain SQL.
 */
public final class RealHistories {

    public static final EngineSpec ENGINE = EngineSpec.parse("postgres:16");
    public static final Dialect DIALECT = Engines.dialect(ENGINE);
    public static final List<String> NAMES = List.of("crates-io", "documenso", "dokploy");
    /** How many of the newest migrations form the pending set. */
    public static final int WINDOW = 20;

    private RealHistories() {}

    public static Path dir(String history) {
        URL url = RealHistories.class.getResource("/histories/" + history);
        if (url == null) throw new IllegalArgumentException("no history " + history + " on the test classpath");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A history's migrations in the order its tool applies them. */
    public static List<Migration> read(String history) {
        List<Migration> all = new SqlMigrationSource(DIALECT.splitter()).read(List.of(dir(history)));
        List<Migration> out = new ArrayList<>();
        for (Migration m : all) {
            // TODO(issue 8): SqlMigrationSource is being taught that a file named exactly down.sql is the rollback
            //  of its sibling up.sql; until that lands Diesel's down.sql files are read as migrations of their own.
            //  Drop this filter once it has.
            if (m.file().getFileName().toString().equals("down.sql")) continue;
            out.add(m);
        }
        // Diesel applies migrations in the order of the version before the first '_' in the directory name.
        // crates.io's directories are named 20170820180453_x until August 2017 and 2017-08-31-230457_x (lately
        // 2026-06-17-094708-0000_x) since, and natural order sorts every dashed name before the undashed ones; with
        // the dashes dropped all are YYYYMMDDHHMMSS..., so string order of the version is chronological. Prisma's
        // and Drizzle's names are fixed-width already (the sort is stable: Dokploy's two 0130_ files keep their order).
        out.sort(Comparator.comparing(RealHistories::version));
        return out;
    }

    static String version(Migration m) {
        return m.name().split("_", 2)[0].replace("-", "");
    }

    /** The names of the newest {@code n} migrations. */
    public static Set<String> newest(List<Migration> migrations, int n) {
        Set<String> names = new LinkedHashSet<>();
        for (Migration m : migrations.subList(Math.max(0, migrations.size() - n), migrations.size())) {
            names.add(m.name());
        }
        return names;
    }

    public static Predicate<Migration> pendingAmong(Set<String> names) {
        return m -> names.contains(m.name());
    }
}
