package dev.rehearse.engine;

import dev.rehearse.load.LoadTarget;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ServerVersion;
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.SeedEngine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** What an engine runs against a live server: the pipeline's stages call these and nothing engine-specific else. */
public interface EngineRuntime {

    /** @param external the server an {@code external} provider reaches (ignored by the others) */
    Provisioner provisioner(Provider provider, Scenario.External external);

    /** The seed stage's engine parts: schema reader, bulk loader, CHECK reading, naming. */
    SeedEngine seeding();

    /**
     * The connections a server this build starts under {@code provider} accepts ({@code max_connections}), so that a
     * workload asking for more is refused before anything starts; null where the server is the user's (external) or
     * its setting unknown.
     */
    default Integer maxConnections(Provider provider) {
        return null;
    }

    /**
     * The seed stage's engine parts for a rehearsal on {@code db}, where what an unqualified name means depends on
     * the server reached (the database a MySQL URL names). The default: {@link #seeding()}.
     */
    default SeedEngine seeding(Database db) {
        return seeding();
    }

    /** Reads a live database's statistics into a data profile, reading no table rows. */
    ProfileCapture profileCapture();

    LockSampler.Probe lockProbe();

    StatementProbe statementProbe(ServerVersion version);

    /**
     * The statement probe for a rehearsal on {@code db}, which may open its own connection to it (to read from
     * outside the migration's transaction what can be read there); closed by the caller when the run ends.
     */
    default StatementProbe statementProbe(Database db) {
        return statementProbe(db.version());
    }

    /** Tables the default workload can address by primary key, with their key ranges. */
    List<LoadTarget> loadTargets(Connection c, Collection<String> tables) throws SQLException;

    /** How the application's workload samples seeded columns for its parameters ({@code load.queries}). */
    default dev.rehearse.load.ColumnSource columnSource() {
        return dev.rehearse.load.ColumnSource.PLAIN;
    }

    /**
     * The planner's view of one workload statement with its parameters bound, planned and not run (PostgreSQL:
     * {@code EXPLAIN (FORMAT JSON)}): the indexes and scans it would use. Null (the default): the engine cannot say.
     */
    default dev.rehearse.load.QueryPlan explain(Connection c, String sql, Object[] params) throws SQLException {
        return null;
    }

    /**
     * The engine's replicas under {@code provider} ({@code replica:}, {@code --replica}); empty (the default): this
     * build cannot rehearse one there, and a run that asks for one exits 3 before anything starts.
     */
    default java.util.Optional<ReplicaSupport> replicas(Provider provider) {
        return java.util.Optional.empty();
    }

    /** Reads a live database's schema for {@code drift}; empty (the default): this build cannot. */
    default java.util.Optional<CatalogReader> catalogReader() {
        return java.util.Optional.empty();
    }

    /**
     * What this machine can run of the engine, for {@code doctor}: one line per provider.
     *
     * @param start start the default embedded server once to prove it works
     */
    Diagnosis diagnose(boolean start, boolean dockerAvailable);

    /** @param works at least one provider can give a server */
    record Diagnosis(java.util.List<String> lines, boolean works) {}

    /**
     * A new, empty database on the server {@code db} runs on, for a rehearsal on fresh storage (the scales of
     * {@code estimate}, one server): a connection target that closing does not stop. Empty (the default): this engine
     * cannot give one in this build.
     */
    default java.util.Optional<Database> createDatabase(Database db, String name) throws SQLException {
        return java.util.Optional.empty();
    }

    /** Drops a database {@link #createDatabase} gave, from {@code server}'s own connection; nothing by default. */
    default void dropDatabase(Database server, Database created) throws SQLException {}

    /**
     * What decides whether a table fits in the server's memory, read from the server: its cache and the settings a
     * statement's speed depends on, and each table's size on disk. Empty (the default): the engine cannot say.
     *
     * @param tables tables by display name
     */
    default java.util.Optional<Resources> resources(Connection c, Collection<String> tables) throws SQLException {
        return java.util.Optional.empty();
    }

    /**
     * @param cacheSetting the setting that sizes the server's own cache ({@code shared_buffers},
     *                     {@code innodb_buffer_pool_size}), {@code cacheBytes} its value in bytes
     * @param settings the settings a rebuild's or a scan's speed depends on, as the server shows them (name → value;
     *                 a value the server lacks is absent)
     * @param tableBytes each table's size with its indexes, bytes; a table the server does not find is absent
     * @param sortSetting the setting that bounds an index build's in-memory sort ({@code maintenance_work_mem}),
     *                    {@code sortBytes} its value in bytes; null where the engine has none
     */
    record Resources(String cacheSetting, Long cacheBytes, java.util.Map<String, String> settings,
                     java.util.Map<String, Long> tableBytes, String sortSetting, Long sortBytes) {}

    /** The session id the lock sampler knows a connection by. */
    long sessionId(Connection c) throws SQLException;
}
