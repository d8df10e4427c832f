package dev.rehearse.bench;

import dev.rehearse.DriftCheck;
import dev.rehearse.Rehearsal;
import dev.rehearse.engine.Engines;
import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.MigrationSources;
import dev.rehearse.model.Drift;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code drift} on a real history: crates.io's Diesel migrations applied to a "production" PostgreSQL 16 with Diesel's
 * own bookkeeping, then checked against the history three times; prints the time each check took (the target read,
 * an embedded server started, the history applied, its catalog read, the two compared) and asserts no drift.
 */
@Tag("bench")
class DriftBenchmarkTest {

    private static final Path CRATES_IO = Path.of("src/test/resources/histories/crates-io");

    @Test
    void cratesIoHistoryAgainstAProductionBuiltFromIt() throws Exception {
        EngineSpec pg16 = EngineSpec.parse("postgres:16");
        List<Migration> history = MigrationSources.forFormat("diesel").read(List.of(CRATES_IO),
                new MigrationSource.Context(Engines.dialect(pg16).splitter(), Scenario.Transaction.AUTO, pg16));
        try (Database production = new EmbeddedPostgresProvisioner().start(pg16)) {
            long built = System.nanoTime();
            for (Migration m : history) Rehearsal.applyStatements(production, m.statements(), m.file(), line -> { });
            try (Connection c = production.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY,"
                        + " run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO __diesel_schema_migrations (version) VALUES (?)")) {
                    for (Migration m : history) {
                        if (m.version() == null) continue;
                        ps.setString(1, m.version());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            System.out.printf("drift benchmark: production built from %d crates.io migrations in %d ms%n", history.size(),
                    (System.nanoTime() - built) / 1_000_000);
            for (int run = 1; run <= 3; run++) {
                long t0 = System.nanoTime();
                Drift d = new DriftCheck(line -> { }).check(new DriftCheck.Target(production.jdbcUrl(), production.user(),
                        production.password()), new DriftCheck.Options(List.of(CRATES_IO), "diesel", false, false));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("drift benchmark: run %d: %d ms, %d objects in production, %d in the history,"
                                + " %d differences, %d applied, %d not applied%n", run, ms, d.target().objects(),
                        d.history().objects(), d.differences().size(), d.migrations().applied().size(),
                        d.migrations().notApplied().size());
                assertThat(d.differences()).as("%s", d.differences()).isEmpty();
                assertThat(d.migrations().notApplied()).isEmpty();
            }
        }
    }
}
