package dev.rehearse.engine.postgres;

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
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.SeedEngine;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** PostgreSQL 10-18: the entry point {@link dev.rehearse.engine.Engines} finds, and what it runs. */
public final class PostgresEngine implements Engine, EngineRuntime {

    private static final PostgresDialect NEWEST = new PostgresDialect(ServerVersion.parse(
            Integer.toString(PostgresVersions.MAX_MAJOR)));

    @Override
    public EngineSpec.Kind kind() {
        return EngineSpec.Kind.POSTGRES;
    }

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public Dialect dialect(ServerVersion version) {
        return new PostgresDialect(version);
    }

    @Override
    public Optional<EngineRuntime> runtime() {
        return Optional.of(this);
    }

    @Override
    public String unsupported(String version) {
        int major = Integer.parseInt(version.split("\\.")[0]);
        if (major >= PostgresVersions.MIN_MAJOR && major <= PostgresVersions.MAX_MAJOR) return null;
        return "postgres:" + version + " is not supported; expected a version from " + PostgresVersions.MIN_MAJOR
                + " to " + PostgresVersions.MAX_MAJOR + " (e.g. postgres:16 or postgres:16.4)";
    }

    @Override
    public Integer maxConnections(dev.rehearse.scenario.Provider provider) {
        // what its provisioners start the server with (max_connections=200 / --max-connections=200)
        return provider == dev.rehearse.scenario.Provider.EXTERNAL ? null : 200;
    }

    @Override
    public String versions() {
        return "PostgreSQL " + PostgresVersions.MIN_MAJOR + "-" + PostgresVersions.MAX_MAJOR;
    }

    @Override
    public Provisioner provisioner(Provider provider, Scenario.External external) {
        return switch (provider) {
            case EMBEDDED -> new EmbeddedPostgresProvisioner();
            case DOCKER -> new DockerPostgresProvisioner();
            case EXTERNAL -> new ExternalProvisioner(external, NEWEST::connectionProperties);
        };
    }

    /**
     * Embedded: a hot standby from the same binaries ({@link EmbeddedPostgresReplicas}); external: the primary's own
     * standby at {@code replica.url} ({@link ExternalPostgresReplicas}); Docker: a standby container seeded by
     * pg_basebackup ({@link DockerPostgresReplicas}).
     */
    @Override
    public Optional<dev.rehearse.engine.ReplicaSupport> replicas(Provider provider) {
        return switch (provider) {
            case EMBEDDED -> Optional.of(new EmbeddedPostgresReplicas(new EmbeddedPostgresProvisioner()));
            case EXTERNAL -> Optional.of(new ExternalPostgresReplicas());
            case DOCKER -> Optional.of(new DockerPostgresReplicas());
        };
    }

    @Override
    public SeedEngine seeding() {
        return seedEngine();
    }

    /** The seed stage's view of PostgreSQL (also for tests and the seed benchmark, which seed without a rehearsal). */
    public static SeedEngine seedEngine() {
        return new SeedEngine(new PostgresSchemaReader(), new PostgresBulkLoader(), PostgresCheckParser::parse,
                PostgresLiterals.INSTANCE, NEWEST.defaultSchema());
    }

    @Override
    public Optional<dev.rehearse.engine.CatalogReader> catalogReader() {
        return Optional.of(new PostgresCatalogReader());
    }

    @Override
    public ProfileCapture profileCapture() {
        return new PostgresProfileCapture();
    }

    @Override
    public LockSampler.Probe lockProbe() {
        return new PostgresLockProbe();
    }

    @Override
    public StatementProbe statementProbe(ServerVersion version) {
        return new PostgresStatementProbe(version.major());
    }

    @Override
    public StatementProbe statementProbe(Database db) {
        return new PostgresStatementProbe(db);
    }

    @Override
    public Diagnosis diagnose(boolean start, boolean dockerAvailable) {
        List<String> lines = new ArrayList<>();
        java.nio.file.Path cache = PostgresBinaries.defaultCacheRoot();
        lines.add("binaries cache  " + cache + (java.nio.file.Files.isDirectory(cache) ? "" : " (created on first use)"));
        List<String> extracted = new ArrayList<>();
        for (int major = PostgresVersions.MIN_MAJOR; major <= PostgresVersions.MAX_MAJOR; major++) {
            String v = PostgresVersions.artifactVersion(Integer.toString(major));
            if (java.nio.file.Files.exists(cache.resolve("postgres").resolve(v).resolve(".complete"))) extracted.add(v);
        }
        lines.add("embedded        postgres:" + PostgresVersions.MIN_MAJOR + " .. postgres:" + PostgresVersions.MAX_MAJOR
                + " from Maven Central (zonky binaries); bundled: " + PostgresVersions.bundled() + "; extracted: "
                + (extracted.isEmpty() ? "none" : String.join(", ", extracted)));
        boolean embeddedWorks = true;
        if (start) {
            long t0 = System.nanoTime();
            try (var db = new EmbeddedPostgresProvisioner().start(EngineSpec.DEFAULT)) {
                lines.add(String.format(java.util.Locale.ROOT, "embedded check  started PostgreSQL %s and stopped it in %.1f s: OK",
                        db.serverVersion(), (System.nanoTime() - t0) / 1e9));
            } catch (RuntimeException e) {
                embeddedWorks = false;
                lines.add("embedded check  FAILED: " + e.getMessage());
            }
        }
        lines.add("docker          " + (dockerAvailable ? "postgres:<version> images via Testcontainers" : "unavailable"));
        lines.add("external        any reachable PostgreSQL via --provider external --url JDBC --allow-writes");
        return new Diagnosis(lines, embeddedWorks || dockerAvailable);
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    private static final java.util.regex.Pattern URL_DATABASE =
            java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");

    /** {@code CREATE DATABASE} on the server's own connection (from template1, as the first database was made). */
    @Override
    public Optional<Database> createDatabase(Database db, String name) throws SQLException {
        java.util.regex.Matcher m = URL_DATABASE.matcher(db.jdbcUrl());
        if (!m.matches() || !name.matches("[a-z_][a-z0-9_]*")) return Optional.empty();
        try (Connection c = db.connect("rehearse-databases"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return Optional.of(db.sibling(m.group(1) + name + m.group(3)));
    }

    @Override
    public void dropDatabase(Database server, Database created) throws SQLException {
        java.util.regex.Matcher m = URL_DATABASE.matcher(created.jdbcUrl());
        if (!m.matches()) return;
        try (Connection c = server.connect("rehearse-databases"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + m.group(2));
        }
    }

    /** The settings a rewrite's, a sort's and a scan's speed depend on; {@code shared_buffers} is the cache. */
    static final List<String> RESOURCE_SETTINGS = List.of("shared_buffers", "work_mem", "maintenance_work_mem",
            "max_parallel_maintenance_workers", "max_parallel_workers", "effective_cache_size", "wal_level",
            "fsync", "synchronous_commit");

    @Override
    public Optional<Resources> resources(Connection c, Collection<String> tables) throws SQLException {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", RESOURCE_SETTINGS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                java.util.Map<String, String> read = new java.util.HashMap<>();
                while (rs.next()) read.put(rs.getString(1), rs.getString(2));
                for (String name : RESOURCE_SETTINGS) if (read.containsKey(name)) settings.put(name, read.get(name));
            }
        }
        Long cache = null, sort = null;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_size_bytes(current_setting('shared_buffers')),"
                     + " pg_size_bytes(current_setting('maintenance_work_mem'))")) {
            if (rs.next()) {
                cache = rs.getLong(1);
                sort = rs.getLong(2);
            }
        }
        java.util.Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size(to_regclass(?))")) {
            for (String table : tables) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) sizes.put(table, rs.getLong(1));
                }
            }
        }
        return Optional.of(new Resources("shared_buffers", cache, settings, sizes, "maintenance_work_mem", sort));
    }

    @Override
    public dev.rehearse.load.QueryPlan explain(Connection c, String sql, Object[] params) throws SQLException {
        return PostgresPlans.explain(c, sql, params);
    }

    /** A role's connection properties, for the provisioners' databases. */
    static java.util.Properties connectionProperties(String role) {
        return NEWEST.connectionProperties(role);
    }

    /**
     * A small table is sampled row by row; a large one by pages ({@code TABLESAMPLE SYSTEM}, about three times the
     * sample's size), then shuffled, so that the values keep the seeded data's distribution without a full sort.
     */
    @Override
    public dev.rehearse.load.ColumnSource columnSource() {
        return (c, table, column, limit) -> {
            double rows;
            try (PreparedStatement ps = c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = ?::regclass")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rows = rs.next() ? rs.getDouble(1) : -1;
                }
            }
            List<Object> out = new ArrayList<>();
            String notNull = " WHERE " + column + " IS NOT NULL";
            if (rows > 5.0 * limit) {
                double pct = Math.min(100, 100.0 * 3 * limit / rows);
                sample(c, "SELECT " + column + " FROM (SELECT " + column + " FROM " + table + " TABLESAMPLE SYSTEM ("
                        + String.format(java.util.Locale.ROOT, "%.6f", pct) + ")" + notNull + ") s ORDER BY random() LIMIT " + limit, out);
            }
            if (out.size() < limit / 10) {
                out.clear();
                sample(c, "SELECT " + column + " FROM " + table + notNull + " ORDER BY random() LIMIT " + limit, out);
            }
            return out;
        };
    }

    private static void sample(Connection c, String sql, List<Object> out) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getObject(1));
        }
    }

    private static final String PRIMARY_KEY = "SELECT c.oid::regclass::text, quote_ident(a.attname)"
            + " FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary AND i.indnatts = 1"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]"
            + " WHERE c.oid = ?::regclass AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)";
    /**
     * Reads fetch the whole row; updates set the key to itself, which locks and rewrites the row like any
     * application update but names no other column, so the synthetic workload does not depend on columns
     * that a migration may legitimately drop or rename.
     */
    @Override
    public List<LoadTarget> loadTargets(Connection c, Collection<String> tables) throws SQLException {
        List<LoadTarget> targets = new ArrayList<>();
        for (String table : tables) {
            String name, pk;
            try (PreparedStatement ps = c.prepareStatement(PRIMARY_KEY)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) continue; // no single integer key: the default workload cannot address rows
                    name = rs.getString(1);
                    pk = rs.getString(2);
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT min(" + pk + "), max(" + pk + ") FROM " + name)) {
                rs.next();
                if (rs.getObject(1) == null) continue; // empty
                targets.add(new LoadTarget(name, "SELECT * FROM " + name + " WHERE " + pk + " = ?",
                        "UPDATE " + name + " SET " + pk + " = " + pk + " WHERE " + pk + " = ?",
                        rs.getLong(1), rs.getLong(2)));
            }
        }
        return targets;
    }
}
