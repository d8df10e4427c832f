package dev.rehearse.engine.mysql;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;

import java.util.Optional;

/** MySQL: lint-only in this build (its dialect and rule catalog; no server to rehearse on). */
public final class MySqlEngine implements Engine {

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
        return Optional.empty();
    }

    @Override
    public String versions() {
        return "MySQL 8.0-8.4 (lint only)";
    }
}
