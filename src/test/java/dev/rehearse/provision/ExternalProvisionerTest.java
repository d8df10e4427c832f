package dev.rehearse.provision;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.mysql.mariadb.EmbeddedMariaDbProvisioner;
import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server the user owns: reached, never stopped, and written to only with the explicit opt-in, and only when it says
 * it is a rehearsal copy (a marker table, a database name matching the user's pattern) or the user waived that.
 */
class ExternalProvisionerTest {

    private static Database start(Scenario.External target) {
        return new ExternalProvisioner(target, role -> new Properties()).start(EngineSpec.DEFAULT);
    }

    @Test
    void reachesTheServerOnlyWithTheWriteOptInAndLeavesItRunning() throws Exception {
        try (Database owned = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            Scenario.External readOnly = new Scenario.External(owned.jdbcUrl(), "postgres", null, false);
            assertThatThrownBy(() -> start(readOnly))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--allow-writes");

            Scenario.External writable = new Scenario.External(owned.jdbcUrl(), "postgres", null, true)
                    .withGuards(null, null, true, false);
            Database external = start(writable);
            assertThat(external.provider()).isEqualTo(Provider.EXTERNAL);
            assertThat(external.serverVersion()).startsWith("16.");
            external.close();
            try (Connection c = owned.connect()) {
                assertThat(c.isValid(2)).as("closing the rehearsal must not stop the user's server").isTrue();
            }
        }
    }

    @Test
    void aPostgresDatabaseIsACopyOnlyByItsMarkerTableOrItsNameUnlessTheUserWaivesIt() throws Exception {
        try (Database owned = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            try (Connection c = owned.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE prod");
                s.execute("CREATE DATABASE prod_marked");
                s.execute("CREATE DATABASE shop_rehearsal");
                // a table whose name LIKE-matches the marker's (underscore as a wildcard) marks nothing
                s.execute("CREATE TABLE rehearseXtarget (id int)");
            }
            String prod = owned.jdbcUrl().replaceFirst("/postgres$", "/prod");
            String marked = owned.jdbcUrl().replaceFirst("/postgres$", "/prod_marked");
            String named = owned.jdbcUrl().replaceFirst("/postgres$", "/shop_rehearsal");
            try (Connection c = java.sql.DriverManager.getConnection(marked, "postgres", null); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA ops");
                s.execute("CREATE TABLE ops.rehearse_target (note text)");
                s.execute("CREATE TABLE copy_of_prod (note text)");
            }

            assertThatThrownBy(() -> start(new Scenario.External(prod, "postgres", null, true)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("--provider external: refusing to write to " + prod + ": database 'prod'"
                            + " does not say it is a rehearsal copy (no table rehearse_target in it; no --database-pattern given)")
                    .hasMessageContaining("--i-understand-this-is-not-production")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> start(new Scenario.External(owned.jdbcUrl(), "postgres", null, true)))
                    .as("a LIKE match is not the marker").hasMessageContaining("refusing to write");
            assertThatThrownBy(() -> start(new Scenario.External(prod, "postgres", null, true)
                    .withGuards(null, "prod_.*|.*_rehearsal", false, false)))
                    .hasMessageContaining("its name does not match prod_.*|.*_rehearsal");

            // the marker in any schema; another marker name when the user gives one
            start(new Scenario.External(marked, "postgres", null, true)).close();
            start(new Scenario.External(marked, "postgres", null, true).withGuards("copy_of_prod", null, false, false)).close();
            start(new Scenario.External(marked, "postgres", null, true).withGuards("ops.rehearse_target", null, false, false)).close();
            assertThatThrownBy(() -> start(new Scenario.External(marked, "postgres", null, true)
                    .withGuards("public.rehearse_target", null, false, false))).hasMessageContaining("no table public.rehearse_target");
            // the whole name matches the pattern, not a part of it
            start(new Scenario.External(named, "postgres", null, true).withGuards(null, ".*_rehearsal", false, false)).close();
            assertThatThrownBy(() -> start(new Scenario.External(named, "postgres", null, true)
                    .withGuards(null, "rehearsal", false, false))).hasMessageContaining("does not match rehearsal");
            // the user's waiver
            start(new Scenario.External(prod, "postgres", null, true).withGuards(null, null, true, false)).close();
        }
    }

    @Test
    void aMariaDbDatabaseIsACopyByItsMarkerTable() throws Exception {
        try (Database owned = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            Scenario.External target = new Scenario.External(owned.jdbcUrl(), "root", null, true);
            assertThatThrownBy(() -> start(target)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("database '" + EmbeddedMariaDbProvisioner.DATABASE + "' does not say it is a rehearsal copy");
            try (Connection c = owned.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE other");
                s.execute("CREATE TABLE other.rehearse_target (note text)");
            }
            assertThatThrownBy(() -> start(target)).as("a marker in another database marks nothing")
                    .hasMessageContaining("refusing to write");
            try (Connection c = owned.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE rehearse_target (note text)");
            }
            start(target).close();
        }
    }

    @Test
    void anUnreachableServerIsAFailureToRunNotInvalidInput() {
        Scenario.External nowhere = new Scenario.External("jdbc:postgresql://127.0.0.1:1/postgres", "u", "p", true);
        assertThatThrownBy(() -> start(nowhere))
                .isInstanceOf(RehearsalFailedException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/postgres");
    }
}
