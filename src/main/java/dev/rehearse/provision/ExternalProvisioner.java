package dev.rehearse.provision;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
            String version = versionQuery.version(c);
            return new Database(spec.kind(), Provider.EXTERNAL, external.url(), external.user(), external.password(),
                    version, roleProperties, () -> { });
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot connect to " + Secrets.mask(external.url()) + ": "
                    + Secrets.mask(e.getMessage(), external.password()), e);
        }
    }
}
