package dev.rehearse.engine.postgres;

import dev.rehearse.InvalidInputException;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresProvisionerTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres:10", "postgres:16"})
    void startsTheRequestedMajorAsAnUnprivilegedUserAndLeavesNothingBehind(String engine) throws Exception {
        EngineSpec spec = EngineSpec.parse(engine);
        long postmasterPid;
        List<Path> before = runDirs();
        try (Database db = new EmbeddedPostgresProvisioner().start(spec)) {
            assertThat(db.version().major()).isEqualTo(spec.major());
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT pg_backend_pid(), (SELECT setting FROM pg_settings WHERE name = 'data_directory')")) {
                rs.next();
                postmasterPid = postmasterOf(rs.getLong(1));
                Path dataDir = Path.of(rs.getString(2));
                assertThat(dataDir).startsWith(RunDirectories.root());
            }
            ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
            if ("root".equals(System.getProperty("user.name"))) {
                // initdb refuses root: the server must run as the unprivileged user.
                assertThat(postmaster.info().user()).hasValueSatisfying(u -> assertThat(u).isNotEqualTo("root"));
            }
        }
        assertThat(ProcessHandle.of(postmasterPid)).isEmpty();
        assertThat(runDirs()).isSubsetOf(before);
    }

    @Test
    void refusesAVersionOutsideTheSupportedRange() {
        assertThatThrownBy(() -> new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:9")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from 10 to 18");
    }

    private static long postmasterOf(long backendPid) {
        return ProcessHandle.of(backendPid).flatMap(ProcessHandle::parent).orElseThrow().pid();
    }

    static List<Path> runDirs() throws Exception {
        try (var s = Files.list(RunDirectories.root())) {
            return s.toList();
        }
    }
}
