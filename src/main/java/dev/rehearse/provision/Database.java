package dev.rehearse.provision;

import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A running database the rehearsal may use, whoever started it. Closing it stops what was started
 * (nothing, for an external server).
 */
public final class Database implements AutoCloseable {

    private final EngineSpec.Kind kind;
    private final Provider provider;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String serverVersion;
    private final AutoCloseable stop;

    public Database(EngineSpec.Kind kind, Provider provider, String jdbcUrl, String user, String password,
                    String serverVersion, AutoCloseable stop) {
        this.kind = kind;
        this.provider = provider;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.serverVersion = serverVersion;
        this.stop = stop;
    }

    public Connection connect() throws SQLException {
        return connect("rehearse");
    }

    /** A new connection whose application_name tells its role, visible in pg_stat_activity and logs. */
    public Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    public EngineSpec.Kind kind() {
        return kind;
    }

    public Provider provider() {
        return provider;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The server's own version string, e.g. {@code 16.15}. */
    public String serverVersion() {
        return serverVersion;
    }

    public int major() {
        return Integer.parseInt(serverVersion.split("[.\\s]")[0]);
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            System.err.println("rehearse: stopping the database failed: " + e.getMessage());
        }
    }
}
