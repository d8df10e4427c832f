package dev.rehearse.engine.mysql;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.load.LoadTarget;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.ExternalProvisioner;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ServerVersion;
import dev.rehearse.seed.CheckInterpreter;
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.SeedEngine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * MySQL 5.7, 8.0, 8.4 and 9.x: rehearsed in a container ({@code --provider docker}, Testcontainers) or on the user's
 * server ({@code --provider external}, {@code jdbc:mysql:} URLs), over MySQL Connector/J. MySQL publishes no
 * binaries on Maven Central, so there is no embedded MySQL; the family's parts (schema reader, LOAD DATA loader,
 * InnoDB statement probe, metadata-lock probe, load targets) are this package's and MariaDB reuses them.
 */
public final class MySqlEngine implements Engine, EngineRuntime {

    private static final MySqlDialect NEWEST = new MySqlDialect(ServerVersion.parse("8.4"));

    @Override
    public EngineSpec.Kind kind() {
        return EngineSpec.Kind.MYSQL;
    }

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mysql:");
    }

    @Override
    public Dialect dialect(ServerVersion version) {
        return new MySqlDialect(version);
    }

    @Override
    public Optional<EngineRuntime> runtime() {
        return Optional.of(this);
    }

    @Override
    public String unsupported(String version) {
        // the rules speak of 5.7 and later (5.6 and older lack online DDL as they describe it); 10+ is not MySQL's
        dev.rehearse.scenario.ServerVersion v = dev.rehearse.scenario.ServerVersion.parse(version);
        boolean known = v.major() == 8 || v.major() == 9 || (v.major() == 5 && v.minor() == 7)
                || (v.major() == 5 && version.equals("5"));
        return known ? null : "mysql:" + version + " is not supported; expected MySQL 5.7, 8.x or 9.x (e.g. mysql:8.0)";
    }

    @Override
    public Integer maxConnections(dev.rehearse.scenario.Provider provider) {
        // what its provisioners start the server with (max_connections=200 / --max-connections=200)
        return provider == dev.rehearse.scenario.Provider.EXTERNAL ? null : 200;
    }

    @Override
    public String versions() {
        return "MySQL 5.7, 8.0, 8.4, 9.x (docker, external)";
    }

    @Override
    public Provisioner provisioner(Provider provider, Scenario.External external) {
        return switch (provider) {
            case DOCKER -> new DockerMySqlProvisioner(MySqlEngine::connectionProperties);
            // VERSION(), not the handshake's: Connector/J reports a MariaDB as "5.5.5-10.11.5-MariaDB".
            case EXTERNAL -> new ExternalProvisioner(external, MySqlEngine::connectionProperties, MySqlSessions::version);
            case EMBEDDED -> spec -> {
                throw new InvalidInputException(spec + " has no embedded binaries (MySQL publishes none on Maven"
                        + " Central; only MariaDB runs embedded): use --provider docker, or --provider external"
                        + " --url jdbc:mysql://HOST:3306/DB --allow-writes");
            };
        };
    }

    /**
     * Docker: a second container of the primary's image on its network ({@link DockerMySqlReplicas}); external: the
     * primary's existing replica at {@code replica.url} ({@link ExternalMySqlReplicas}).
     */
    @Override
    public Optional<dev.rehearse.engine.ReplicaSupport> replicas(Provider provider) {
        return switch (provider) {
            case DOCKER -> Optional.of(new DockerMySqlReplicas(MySqlEngine::connectionProperties));
            case EXTERNAL -> Optional.of(new ExternalMySqlReplicas());
            case EMBEDDED -> Optional.empty();
        };
    }

    /** A fresh database on the same server: {@code estimate}'s scales (see {@link MySqlDatabases}). */
    @Override
    public Optional<Database> createDatabase(Database db, String name) throws SQLException {
        return MySqlDatabases.create(db, name);
    }

    @Override
    public void dropDatabase(Database server, Database created) throws SQLException {
        MySqlDatabases.drop(server, created);
    }

    @Override
    public Optional<Resources> resources(Connection c, Collection<String> tables) throws SQLException {
        return MySqlDatabases.resources(c, tables);
    }

    @Override
    public SeedEngine seeding() {
        return seedEngine(MySqlContainers.DATABASE);
    }

    /** Unqualified names mean the database the rehearsal's URL names (the container's is {@code rehearse}). */
    @Override
    public SeedEngine seeding(Database db) {
        String database = MySqlSessions.databaseOf(db.jdbcUrl());
        return seedEngine(database == null ? MySqlContainers.DATABASE : database);
    }

    /** CHECK texts are left to the server (no MySQL CHECK reader yet): a row a CHECK rejects fails the load, named. */
    private static SeedEngine seedEngine(String database) {
        return new SeedEngine(new MySqlSchemaReader(), new MySqlBulkLoader(),
                (definition, valueColumn) -> new CheckInterpreter.Reading(Map.of(), false),
                MySqlLiterals.INSTANCE, database);
    }

    @Override
    public java.util.Optional<dev.rehearse.engine.CatalogReader> catalogReader() {
        return java.util.Optional.of(new MySqlCatalogReader());
    }

    @Override
    public ProfileCapture profileCapture() {
        throw new RehearsalFailedException("MySQL profile capture is not in this build yet");
    }

    /** MySQL's COPY blocks writes at every version (LOCK=SHARED at best; only INPLACE/INSTANT let DML through). */
    @Override
    public LockSampler.Probe lockProbe() {
        return new MySqlLockProbe(NEWEST, version -> true);
    }

    @Override
    public StatementProbe statementProbe(ServerVersion version) {
        return new MySqlStatementProbe(new MySqlDialect(version));
    }

    @Override
    public List<LoadTarget> loadTargets(Connection c, Collection<String> tables) throws SQLException {
        return MySqlSessions.loadTargets(c, tables, NEWEST);
    }

    @Override
    public Diagnosis diagnose(boolean start, boolean dockerAvailable) {
        List<String> lines = new ArrayList<>();
        lines.add("embedded        none: MySQL publishes no binaries on Maven Central (use docker or external)");
        lines.add("docker          " + (dockerAvailable ? "available: " : "unavailable (no Docker engine answers): ")
                + MySqlVersions.listing() + ", or a full version such as mysql:8.0.36");
        lines.add("external        any reachable MySQL via --provider external --url jdbc:mysql://HOST:3306/DB"
                + " --allow-writes (MySQL Connector/J)");
        return new Diagnosis(lines, dockerAvailable);
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return MySqlSessions.connectionId(c);
    }

    /**
     * The connection attributes naming the role, and {@code allowLoadLocalInfile} on the seed's connections only:
     * Connector/J then serves LOAD DATA LOCAL from the stream the loader sets, and no other session can be asked
     * for a local file.
     */
    static Properties connectionProperties(String role) {
        Properties p = NEWEST.connectionProperties(role);
        if (role.startsWith("rehearse-seed")) p.setProperty("allowLoadLocalInfile", "true");
        return p;
    }
}
