package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.InvalidInputException;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** MariaDB's pinned images and flags; the container part runs where Docker answers. */
class DockerMariaDbProvisionerTest {

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:10.6", "mariadb:10.11", "mariadb:11.4"})
    void startsThePinnedImageWithTheSamplersFlags(String engine) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        EngineSpec spec = EngineSpec.parse(engine);
        try (Database db = new DockerMariaDbProvisioner(MariaDbEngine::connectionProperties).start(spec); Connection c = db.connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@performance_schema, @@local_infile, @@binlog_format,"
                     + " (SELECT ENABLED FROM performance_schema.setup_instruments WHERE NAME = 'wait/lock/metadata/sql/mdl')")) {
            rs.next();
            assertThat(db.serverVersion()).startsWith(DockerMariaDbProvisioner.image(spec.version()).substring("mariadb:".length()));
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getString(3)).isEqualTo("ROW");
            assertThat(rs.getString(4)).isEqualTo("YES");
        }
    }

    @Test
    void eachLineIsPinned() {
        assertThat(DockerMariaDbProvisioner.image("10.6")).isEqualTo("mariadb:10.6.21");
        assertThat(DockerMariaDbProvisioner.image("10.11")).isEqualTo("mariadb:10.11.11");
        assertThat(DockerMariaDbProvisioner.image("11.4.3")).isEqualTo("mariadb:11.4.3");
        assertThatThrownBy(() -> DockerMariaDbProvisioner.image("10.5")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected one of mariadb:10.6, mariadb:10.11, mariadb:11.4");
    }
}
