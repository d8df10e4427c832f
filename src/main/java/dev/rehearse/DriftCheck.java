package dev.rehearse;

import dev.rehearse.analyze.CatalogDiff;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.CatalogReader;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Bookkeeping;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.migrate.flyway.FlywayMigrationSource;
import dev.rehearse.model.Catalog;
import dev.rehearse.model.Drift;
import dev.rehearse.model.Report;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.Secrets;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ServerVersion;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code rehearse drift}: reads the target's catalog (read only, no table rows but the migration tool's bookkeeping),
 * applies the migration history on an embedded server of the target's engine and version, reads that catalog the same
 * way, and reports the differences and what the bookkeeping says production applied.
 */
public final class DriftCheck {

    /** The database compared, and how to log in; it is only read. */
    public record Target(String url, String user, String password) {}

    /**
     * @param schemaOnly     compare the schemas only: the bookkeeping table's rows are not read either
     * @param withPrivileges owners and grants are compared too ({@code --include-privileges})
     */
    public record Options(List<Path> paths, String format, boolean schemaOnly, boolean withPrivileges) {}

    private final Consumer<String> progress;

    public DriftCheck(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * What a rehearsal needs of production to start from it ({@code run --from-production}): its engine and version,
     * its schema as statements, what its migration tool says it applied, and its statistics as a data profile.
     */
    public record Production(EngineSpec engine, List<String> schema, Bookkeeping.Applied applied,
                             dev.rehearse.seed.Profile profile, List<String> warnings) {}

    /** What was read from the target, in one read-only session. */
    private record Reading(EngineSpec spec, CatalogReader reader, Catalog catalog, Set<String> bookkeeping,
                           Bookkeeping.Applied applied, Production production) {}

    /** Production's schema, bookkeeping and statistics for a rehearsal that starts from it. */
    public Production production(Target target, String format) {
        return read(target, false, true, format, true).production();
    }

    private Reading read(Target target, boolean withPrivileges, boolean readApplied, String format, boolean forRehearsal) {
        Engine engine = Engines.ofUrl(target.url());
        Dialect dialect = engine.dialect(ServerVersion.LATEST);
        Properties props = dialect.connectionProperties("rehearse-drift");
        if (target.user() != null) props.setProperty("user", target.user());
        String password = target.password() != null ? target.password()
                : dialect.passwordVariable() == null ? null : System.getenv(dialect.passwordVariable());
        if (password != null) props.setProperty("password", password);
        String shownUrl = Secrets.mask(target.url());
        try (Connection c = DriverManager.getConnection(target.url(), props)) {
            String version = c.getMetaData().getDatabaseProductVersion();
            // a MariaDB server behind a jdbc:mysql URL is rehearsed as MariaDB
            EngineSpec.Kind kind = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb")
                    ? EngineSpec.Kind.MARIADB : engine.kind();
            ServerVersion v = ServerVersion.parse(version.replaceFirst("^5\\.5\\.5-", ""));
            EngineSpec spec = EngineSpec.parse(kind.id() + ":" + (kind == EngineSpec.Kind.POSTGRES ? v.major() : v.major() + "." + v.minor()));
            EngineRuntime runtime = Engines.runtime(kind);
            CatalogReader reader = runtime.catalogReader().orElseThrow(() -> new RehearsalFailedException("drift: reading a "
                    + kind.id() + " catalog is not available in this build"));
            progress.accept("drift: reading " + shownUrl + " (" + kind.id() + " " + version + "), read only");
            Catalog raw = reader.read(c, Set.of(), withPrivileges);
            Map<String, String> tables = bookkeepingTables(raw);
            Set<String> bookkeeping = new java.util.TreeSet<>(tables.keySet());
            Bookkeeping.Applied applied = null;
            if (readApplied && !tables.isEmpty()) {
                CatalogReader.readOnly(c);
                applied = Bookkeeping.read(c, tables, columns(raw, tables.keySet()), n -> quoteQualified(dialect, n), format);
                c.rollback();
            }
            Production production = null;
            if (forRehearsal) {
                List<String> warnings = new ArrayList<>();
                List<String> schema = reader.schemaStatements(c, bookkeeping, warnings::add);
                c.setAutoCommit(true);
                dev.rehearse.seed.Profile profile = null;
                try {
                    dev.rehearse.seed.Profile captured = runtime.profileCapture().capture(c, false, warnings::add);
                    Map<String, dev.rehearse.seed.Profile.TableSpec> kept = new LinkedHashMap<>(captured.tables());
                    kept.keySet().removeIf(t -> Bookkeeping.isBookkeeping(t.substring(t.lastIndexOf('.') + 1)));
                    profile = new dev.rehearse.seed.Profile(captured.file(), captured.scale(), kept);
                } catch (RehearsalFailedException noCapture) {
                    // the engine cannot read statistics yet: the schema alone is still production's
                    warnings.add(noCapture.getMessage() + ": no statistics read; tables are seeded as the scenario or --rows say");
                }
                production = new Production(spec, schema, applied, profile, warnings);
            }
            return new Reading(spec, reader, without(raw, bookkeeping), bookkeeping, applied, production);
        } catch (SQLException e) {
            throw new RehearsalFailedException("drift: cannot read " + shownUrl + ": " + Secrets.mask(e.getMessage(), password), e);
        }
    }

    public Drift check(Target target, Options options) {
        String shownUrl = Secrets.mask(target.url());
        MigrationSource source = options.format() == null ? MigrationSources.detect(options.paths())
                : MigrationSources.forFormat(options.format());
        Reading reading = read(target, options.withPrivileges(), !options.schemaOnly(), source.format(), false);
        EngineSpec spec = reading.spec();
        CatalogReader reader = reading.reader();
        Catalog production = reading.catalog();
        Set<String> bookkeeping = reading.bookkeeping();
        Bookkeeping.Applied applied = reading.applied();

        List<Migration> history = source.read(options.paths(),
                new MigrationSource.Context(Engines.dialect(spec).splitter(), Scenario.Transaction.AUTO, spec));
        if (history.isEmpty()) {
            throw new InvalidInputException("drift: no migration under " + options.paths() + ": nothing to compare with");
        }

        EngineRuntime runtime = Engines.runtime(spec.kind());
        Catalog built;
        String builtOn;
        progress.accept("drift: applying " + history.size() + " migrations on an embedded " + spec);
        try (Database db = runtime.provisioner(Provider.EMBEDDED, null).start(spec)) {
            builtOn = spec.kind().id() + ":" + db.serverVersion();
            for (Migration m : history) Rehearsal.applyStatements(db, m.statements(), m.file(), line -> { });
            try (Connection c = db.connect("rehearse-drift")) {
                Catalog raw = reader.read(c, Set.of(), options.withPrivileges());
                Set<String> theirs = new HashSet<>(bookkeeping);
                theirs.addAll(bookkeepingTables(raw).keySet());
                built = without(raw, theirs);
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("drift: cannot read the history's catalog: " + e.getMessage(), e);
        }

        CatalogDiff.Result diff = CatalogDiff.compare(production, built);
        Drift.Migrations migrations = null;
        if (applied != null) {
            Bookkeeping.Applied a = applied;
            List<String> versions = history.stream().filter(m -> !FlywayMigrationSource.createsHistoryTable(m)).map(m -> Bookkeeping.version(a, m)).toList();
            List<List<String>> cmp = Bookkeeping.compare(applied, versions);
            migrations = new Drift.Migrations(applied.tool(), applied.table(), applied.versions(), cmp.get(0), cmp.get(1));
        }
        List<Drift.Ignored> ignored = new ArrayList<>();
        ignored.add(new Drift.Ignored("the migration tools' bookkeeping tables (" + String.join(", ", bookkeeping) + ")", bookkeeping.size()));
        ignored.add(new Drift.Ignored("equivalent objects under names the server generated", diff.equivalentUnderGeneratedNames()));
        ignored.add(new Drift.Ignored("object order, statistics and row counts (not read)", null));
        if (!options.withPrivileges()) ignored.add(new Drift.Ignored("owners and grants (--include-privileges compares them)", null));
        return new Drift(new Report.Tool("rehearse", Version.get()),
                new Drift.Target(shownUrl, production.engine(), production.version(), production.items().size()),
                new Drift.History(options.paths().stream().map(Path::toString).toList(), source.format(), history.size(),
                        builtOn, built.items().size()),
                diff.differences(), migrations, ignored);
    }

    /** The catalog's tables that a migration tool keeps, qualified name to unqualified. */
    private static Map<String, String> bookkeepingTables(Catalog c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Catalog.Item i : c.items()) {
            if (!i.kind().equals("table")) continue;
            String bare = i.name().substring(i.name().lastIndexOf('.') + 1);
            if (Bookkeeping.isBookkeeping(bare)) out.put(i.name(), bare);
        }
        return out;
    }

    private static Map<String, Set<String>> columns(Catalog c, Set<String> tables) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Catalog.Item i : c.items()) {
            if (i.kind().equals("column") && tables.contains(i.table())) {
                out.computeIfAbsent(i.table(), k -> new HashSet<>()).add(i.name().substring(i.name().lastIndexOf('.') + 1));
            }
        }
        return out;
    }

    /** Leaves out the tables named and everything that belongs to them. */
    private static Catalog without(Catalog c, Set<String> tables) {
        if (tables.isEmpty()) return c;
        return new Catalog(c.engine(), c.version(), c.items().stream()
                .filter(i -> !(i.kind().equals("table") && tables.contains(i.name())))
                .filter(i -> i.table() == null || !tables.contains(i.table()))
                .toList());
    }

    private static String quoteQualified(Dialect dialect, String qualified) {
        List<String> parts = new ArrayList<>();
        for (String p : qualified.split("\\.")) parts.add(dialect.quote(p));
        return String.join(".", parts);
    }
}
