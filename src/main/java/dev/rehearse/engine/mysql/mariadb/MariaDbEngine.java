package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.mysql.MySqlDialect;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;

import java.util.Optional;

/** MariaDB, a variant of the MySQL engine (as Flyway keeps it): lint-only in this build. */
public final class MariaDbEngine implements Engine {

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
        return Optional.empty();
    }

    @Override
    public String versions() {
        return "MariaDB 10.11 (lint only)";
    }

    /** MySQL's dialect with MariaDB's rule coverage (its instant DROP COLUMN, for one). */
    static final class MariaDbDialect extends MySqlDialect {
        MariaDbDialect(ServerVersion version) {
            super(EngineSpec.Kind.MARIADB, version);
        }
    }
}
