package dev.rehearse.provision;

import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.ServerVersion;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;

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
    private final Function<String, Properties> roleProperties;
    private final AutoCloseable stop;
    private java.util.function.Supplier<String> termination = () -> null;

    /**
     * @param roleProperties the engine's connection properties that name a connection's role on the server
     * @param stop stops what was started; nothing for a server the rehearsal does not own
     */
    public Database(EngineSpec.Kind kind, Provider provider, String jdbcUrl, String user, String password,
                    String serverVersion, Function<String, Properties> roleProperties, AutoCloseable stop) {
        this.kind = kind;
        this.provider = provider;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.serverVersion = serverVersion;
        this.roleProperties = roleProperties;
        this.stop = stop;
    }

    /** Another database on the same server, which closing does not stop. */
    public Database sibling(String jdbcUrl) {
        return new Database(kind, provider, jdbcUrl, user, password, serverVersion, roleProperties, () -> { })
                .withTermination(termination);
    }

    /**
     * How the provisioner tells that the server it started died on its own (killed, crashed): a sentence naming the
     * process, how it ended and the end of its log, or null while it runs or after it was stopped on purpose.
     */
    public Database withTermination(java.util.function.Supplier<String> termination) {
        this.termination = termination;
        return this;
    }

    /** Why the server is gone when it ended on its own, with the tail of its log; null while it runs. */
    public String terminated() {
        return termination.get();
    }

    public Connection connect() throws SQLException {
        return connect("rehearse");
    }

    /** A new connection whose role shows in the server's session list and logs. */
    public Connection connect(String role) throws SQLException {
        Properties props = connectionProperties(role);
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** The engine's properties naming a connection's role (for pools that take properties, not connections). */
    public Properties connectionProperties(String role) {
        Properties props = new Properties();
        props.putAll(roleProperties.apply(role));
        return props;
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

    public ServerVersion version() {
        return ServerVersion.parse(serverVersion);
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
