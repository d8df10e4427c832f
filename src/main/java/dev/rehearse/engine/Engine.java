package dev.rehearse.engine;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;

import java.util.Optional;

/**
 * One database engine, as {@link Engines} finds it through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rehearse.engine.Engine}): what it knows ({@link Dialect}, for any version, with
 * no server) and what it runs ({@link EngineRuntime}). A new engine is a new package implementing this and one
 * line in that services file; nothing outside its package speaks its catalog SQL.
 */
public interface Engine {

    EngineSpec.Kind kind();

    /** Whether a JDBC URL reaches this engine ({@code jdbc:postgresql:} ...). */
    boolean handlesUrl(String jdbcUrl);

    Dialect dialect(ServerVersion version);

    /** What the engine runs; empty where this build only lints it (no server to rehearse on). */
    Optional<EngineRuntime> runtime();

    /** Versions this build can rehearse, for errors and {@code doctor}, e.g. {@code postgres:10 .. postgres:18}. */
    String versions();

    /**
     * Why {@code version} (as the user wrote it after the colon) is outside what this engine knows, for lint and run
     * alike; null when it is inside. Checked where the version is read, so the error names the file and line.
     */
    default String unsupported(String version) {
        return null;
    }
}
