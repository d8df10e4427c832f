package dev.rehearse.analyze;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Three public PostgreSQL migration histories committed under {@code src/test/resources/histories/} (each
 * directory's SOURCE.md names the repository, commit and license): crates.io's Diesel migrations, documenso's
 * Prisma migrations and Dokploy's Drizzle migrations, each read through its tool's source.
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

    /** The tool each history is kept for, as {@code lint} and {@code run} detect it from the layout. */
    public static final Map<String, String> FORMATS = Map.of("crates-io", "diesel", "documenso", "prisma", "dokploy", "drizzle");

    /**
     * A history's migrations as its tool applies them, read through the source {@code lint} and {@code run} detect
     * from the layout: Diesel's version order with down.sql as the down, Prisma's directory order, Drizzle's journal.
     */
    public static List<Migration> read(String history) {
        List<Path> paths = List.of(dir(history));
        MigrationSource source = MigrationSources.detect(paths);
        if (!source.format().equals(FORMATS.get(history))) {
            throw new IllegalStateException(history + " detected as " + source.format() + ", not " + FORMATS.get(history));
        }
        return source.read(paths, new MigrationSource.Context(DIALECT.splitter(), Scenario.Transaction.AUTO, ENGINE));
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
