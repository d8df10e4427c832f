package dev.rehearse.engine.mysql;

import dev.rehearse.InvalidInputException;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.DockerAvailability;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pinned MySQL images and the server flags the samplers need. The container part runs where Docker answers. */
class DockerMySqlProvisionerTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql:5.7", "mysql:8.0", "mysql:8.4", "mysql:9"})
    void startsThePinnedImageWithTheSamplersFlags(String engine) throws Exception {
        DockerAvailability.Result docker = DockerAvailability.check();
        assumeTrue(docker.available(), "skipped: " + docker.reason());
        EngineSpec spec = EngineSpec.parse(engine);
        try (Database db = new DockerMySqlProvisioner(MySqlEngine::connectionProperties).start(spec); Connection c = db.connect();
             Statement s = c.createStatement()) {
            assertThat(db.provider()).isEqualTo(Provider.DOCKER);
            assertThat(MySqlVersions.image(spec.version())).isEqualTo("mysql:" + db.serverVersion().replaceFirst("-.*$", ""));
            assertThat(value(s, "SELECT @@performance_schema, @@local_infile, @@log_bin, @@binlog_format, @@server_id"))
                    .isEqualTo("1|1|1|ROW|1");
            // 5.7 ships the metadata-lock instrument off; the provisioner turns it on.
            assertThat(value(s, "SELECT ENABLED FROM performance_schema.setup_instruments"
                    + " WHERE NAME = 'wait/lock/metadata/sql/mdl'")).isEqualTo("YES");
            assertThat(value(s, "SELECT DATABASE()")).isEqualTo(MySqlContainers.DATABASE);
        }
    }

    @Test
    void eachLineIsPinnedAndAFullVersionIsTakenAsWritten() {
        assertThat(MySqlVersions.image("8.0")).isEqualTo("mysql:8.0.42");
        assertThat(MySqlVersions.image("8.4")).isEqualTo("mysql:8.4.5");
        assertThat(MySqlVersions.image("5.7")).isEqualTo("mysql:5.7.44");
        assertThat(MySqlVersions.image("9")).isEqualTo("mysql:9.3.0");
        assertThat(MySqlVersions.image("8.0.36")).isEqualTo("mysql:8.0.36");
        assertThatThrownBy(() -> MySqlVersions.image("8.1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mysql:8.1 is not a MySQL line");
    }

    @Test
    void theDatabaseIsTheOneTheUrlNames() {
        assertThat(MySqlSessions.databaseOf("jdbc:mysql://db.example:3306/app?useSSL=false")).isEqualTo("app");
        assertThat(MySqlSessions.databaseOf("jdbc:mariadb://127.0.0.1:4406/rehearse")).isEqualTo("rehearse");
        assertThat(MySqlSessions.databaseOf("jdbc:mysql://db.example:3306/")).isNull();
        assertThat(MySqlSessions.databaseOf("jdbc:mysql://db.example")).isNull();
    }

    @Test
    void aServerMessageNamesTheCheckItFailed() {
        assertThat(LoadDataLocal.constraintOf("Check constraint 'qty_small' is violated.")).isEqualTo("qty_small");
        assertThat(LoadDataLocal.constraintOf("CONSTRAINT `qty_small` failed for `rehearse`.`t`")).isEqualTo("qty_small");
        assertThat(LoadDataLocal.constraintOf("Column 'qty' cannot be null")).isNull();
    }

    private static String value(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (i > 1) b.append('|');
                b.append(rs.getString(i));
            }
            return b.toString();
        }
    }
}
