package dev.rehearse.engine;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.analyze.Rule;
import dev.rehearse.engine.postgres.PostgresEngine;
import dev.rehearse.load.LoadTarget;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.seed.BulkLoader;
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.SchemaReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Everything the pipeline needs from one database engine. Nothing outside an engine's package speaks its
 * catalog SQL; a new engine is a new package implementing this.
 */
public interface Engine {

    EngineSpec.Kind kind();

    Provisioner provisioner(Provider provider);

    SqlSplitter splitter(int major);

    SchemaReader schemaReader();

    BulkLoader bulkLoader();

    /** Reads a live database's statistics into a data profile, reading no table rows. */
    ProfileCapture profileCapture();

    LockSampler.Probe lockProbe();

    StatementProbe statementProbe(int major);

    /** Tables the default workload can address by primary key, with their key ranges. */
    List<LoadTarget> loadTargets(Connection c, Collection<String> tables) throws SQLException;

    /** The session id the lock sampler knows a connection by. */
    long sessionId(Connection c) throws SQLException;

    /** A statement's significant tokens, keywords upper-cased, for the rule catalog. */
    List<String> words(String sql);

    /** The rule catalog for this engine's dialect. */
    List<Rule> rules();

    /** What a lock mode blocks for the application: {@code reads_writes}, {@code writes} or {@code none}. */
    String blocks(String mode);

    /**
     * What static analysis needs from an engine, without a server: its splitter and its words. Available for
     * every engine, including those this build cannot rehearse.
     */
    record Dialect(SqlSplitter splitter, java.util.function.Function<String, List<String>> words) {}

    static Dialect dialect(EngineSpec spec) {
        return switch (spec.kind()) {
            case POSTGRES -> {
                Engine pg = new PostgresEngine();
                yield new Dialect(pg.splitter(spec.major()), pg::words);
            }
            case MYSQL, MARIADB -> new Dialect(new dev.rehearse.engine.mysql.MySqlSplitter(),
                    dev.rehearse.engine.mysql.MySqlSplitter::words);
        };
    }

    /** The engine a JDBC URL speaks to. */
    static Engine ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return new PostgresEngine();
        throw new dev.rehearse.InvalidInputException("--url: expected a jdbc:postgresql://HOST[:PORT]/DB URL, got '"
                + jdbcUrl + "' (this build captures PostgreSQL profiles)");
    }

    static Engine of(EngineSpec.Kind kind) {
        return switch (kind) {
            case POSTGRES -> new PostgresEngine();
            case MYSQL, MARIADB -> throw new RehearsalFailedException(kind.id()
                    + " rehearsals are not available in this build yet; PostgreSQL 10-18 is");
        };
    }
}
