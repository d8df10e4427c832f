package dev.rehearse.provision;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server the user owns: reached, never stopped, and written to only with the explicit opt-in. */
class ExternalProvisionerTest {

    @Test
    void reachesTheServerOnlyWithTheWriteOptInAndLeavesItRunning() throws Exception {
        try (Database owned = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            Scenario.External readOnly = new Scenario.External(owned.jdbcUrl(), "postgres", null, false);
            assertThatThrownBy(() -> new ExternalProvisioner(readOnly, role -> new java.util.Properties()).start(EngineSpec.DEFAULT))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--allow-writes");

            Scenario.External writable = new Scenario.External(owned.jdbcUrl(), "postgres", null, true);
            Database external = new ExternalProvisioner(writable, role -> new java.util.Properties()).start(EngineSpec.DEFAULT);
            assertThat(external.provider()).isEqualTo(Provider.EXTERNAL);
            assertThat(external.serverVersion()).startsWith("16.");
            external.close();
            try (Connection c = owned.connect()) {
                assertThat(c.isValid(2)).as("closing the rehearsal must not stop the user's server").isTrue();
            }
        }
    }

    @Test
    void anUnreachableServerIsAFailureToRunNotInvalidInput() {
        Scenario.External nowhere = new Scenario.External("jdbc:postgresql://127.0.0.1:1/postgres", "u", "p", true);
        assertThatThrownBy(() -> new ExternalProvisioner(nowhere, role -> new java.util.Properties()).start(EngineSpec.DEFAULT))
                .isInstanceOf(RehearsalFailedException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/postgres");
    }
}
