package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.InvalidInputException;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMariaDbProvisionerTest {

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:10.11", "mariadb:11.4"})
    void startsTheRequestedVersionWithTheSamplersFlagsAsAnUnprivilegedUserAndLeavesNothingBehind(String engine)
            throws Exception {
        EngineSpec spec = EngineSpec.parse(engine);
        List<Path> before = runDirs();
        long serverPid;
        long t0 = System.nanoTime();
        try (Database db = new EmbeddedMariaDbProvisioner().start(spec)) {
            System.err.printf("%s started in %.2f s%n", engine, (System.nanoTime() - t0) / 1e9);
            assertThat(db.serverVersion()).startsWith(spec.version() + ".").contains("MariaDB");
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT @@datadir, @@pid_file, DATABASE(), @@performance_schema, @@local_infile,"
                            + " (SELECT ENABLED FROM performance_schema.setup_instruments"
                            + "  WHERE NAME = 'wait/lock/metadata/sql/mdl')")) {
                rs.next();
                assertThat(Path.of(rs.getString(1))).startsWith(RunDirectories.root());
                serverPid = Long.parseLong(Files.readString(Path.of(rs.getString(2))).trim());
                assertThat(rs.getString(3)).isEqualTo(EmbeddedMariaDbProvisioner.DATABASE);
                assertThat(rs.getInt(4)).isEqualTo(1);
                assertThat(rs.getInt(5)).isEqualTo(1);
                assertThat(rs.getString(6)).isEqualTo("YES");
            }
            ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
            if ("root".equals(System.getProperty("user.name"))) {
                assertThat(server.info().user()).hasValueSatisfying(u -> assertThat(u).isNotEqualTo("root"));
            }
        }
        assertThat(ProcessHandle.of(serverPid)).isEmpty();
        assertThat(runDirs()).isSubsetOf(before);
    }

    @Test
    void refusesAVersionWithoutPublishedBinaries() {
        assertThatThrownBy(() -> new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.4")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mariadb:10.11, mariadb:11.4");
    }

    private static List<Path> runDirs() throws Exception {
        try (var s = Files.list(RunDirectories.root())) {
            return s.toList();
        }
    }
}
