package dev.rehearse.engine.postgres;

import dev.rehearse.provision.Database;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Testcontainers path users with Docker take. Runs only where a Docker engine answers. */
class DockerPostgresProvisionerTest {

    @Test
    void startsTheRequestedVersionInAContainer() throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        try (Database db = new DockerPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            assertThat(db.provider()).isEqualTo(Provider.DOCKER);
            assertThat(db.version().major()).isEqualTo(16);
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SHOW fsync")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("off");
            }
        }
    }

    @Test
    void withoutDockerItFailsWithAClearReason() {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(!docker.available(), "Docker answers here; the failure path is not reachable");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DockerPostgresProvisioner().start(EngineSpec.parse("postgres:16")))
                .isInstanceOf(dev.rehearse.RehearsalFailedException.class)
                .hasMessageContaining("--provider docker")
                .hasMessageContaining("use --provider embedded");
    }
}
