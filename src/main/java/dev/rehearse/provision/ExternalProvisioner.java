package dev.rehearse.provision;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * A server the user owns. Rehearsing writes (schema, seed rows, migrations), so it is refused unless the
 * user opted in with {@code allow_writes} / {@code --allow-writes}: point it at a disposable clone.
 */
public final class ExternalProvisioner implements Provisioner {

    /** How the engine reads a server's version from a connection. */
    @FunctionalInterface
    public interface VersionQuery {
        String version(Connection c) throws SQLException;
    }

    private final Scenario.External external;
    private final Function<String, Properties> roleProperties;
    private final VersionQuery versionQuery;

    /** @param roleProperties the engine's connection properties naming a connection's role */
    public ExternalProvisioner(Scenario.External external, Function<String, Properties> roleProperties) {
        this(external, roleProperties, c -> c.getMetaData().getDatabaseProductVersion());
    }

    /** @param versionQuery the engine's reading of the version, where the driver's metadata says something else */
    public ExternalProvisioner(Scenario.External external, Function<String, Properties> roleProperties,
                               VersionQuery versionQuery) {
        this.external = external;
        this.roleProperties = roleProperties;
        this.versionQuery = versionQuery;
    }

    /**
     * Writing to production by mistake is the one failure a rehearsal must never have: the target has to say it is a
     * copy, by a marker table that a copy's restore script creates (production never has it) or by a database name
     * the user's naming scheme gives copies, unless the user waived it in so many words. Read through JDBC's own
     * metadata (the current database as its catalog, the table by name), which every engine's driver answers.
     */
    private void refuseUnlessACopy(Connection c) throws SQLException {
        if (external.notProduction()) return;
        String database = c.getCatalog();
        String pattern = external.databasePattern();
        if (database != null && pattern != null && java.util.regex.Pattern.compile(pattern).matcher(database).matches()) return;
        if (hasTable(c, database, external.markerTable())) return;
        throw new InvalidInputException("--provider external: refusing to write to " + Secrets.mask(external.url())
                + ": database " + (database == null ? "(unnamed)" : "'" + database + "'")
                + " does not say it is a rehearsal copy (no table " + external.markerTable() + " in it"
                + (pattern == null ? "; no --database-pattern given" : "; its name does not match " + pattern)
                + "); on the copy run CREATE TABLE " + external.markerTable() + " (note text), or name copies by"
                + " --database-pattern REGEX (external.database_pattern), or pass --i-understand-this-is-not-production");
    }

    private static boolean hasTable(Connection c, String database, String table) throws SQLException {
        java.sql.DatabaseMetaData meta = c.getMetaData();
        String schema = null, name = table;
        int dot = table.indexOf('.');
        if (dot > 0) {
            schema = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        String escape = meta.getSearchStringEscape();
        for (String form : new java.util.LinkedHashSet<>(List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)))) {
            // the name is a LIKE pattern to the driver: its underscores matched literally
            String literal = escape == null || escape.isEmpty() ? form : form.replace("_", escape + "_").replace("%", escape + "%");
            try (java.sql.ResultSet rs = meta.getTables(database, schema, literal, null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) return true;
                }
            }
        }
        return false;
    }

    @Override
    public Database start(EngineSpec spec) {
        if (external.url() == null || external.url().isBlank()) {
            throw new InvalidInputException("--provider external needs --url JDBC_URL (or external.url in the scenario)");
        }
        if (!external.allowWrites()) {
            throw new InvalidInputException("--provider external writes schema, rows and migrations to "
                    + Secrets.mask(external.url()) + "; add --allow-writes (external.allow_writes: true) if it is a disposable copy");
        }
        try (Connection c = DriverManager.getConnection(external.url(), external.user(), external.password())) {
            refuseUnlessACopy(c);
            String version = versionQuery.version(c);
            return new Database(spec.kind(), Provider.EXTERNAL, external.url(), external.user(), external.password(),
                    version, roleProperties, () -> { });
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot connect to " + Secrets.mask(external.url()) + ": "
                    + Secrets.mask(e.getMessage(), external.password()), e);
        }
    }
}
