package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code replica:} as a boolean or a model, {@code load.replica_share}, the projection threshold. */
class ReplicaScenarioTest {

    @TempDir
    Path dir;

    private Scenario load(String yaml) throws IOException {
        return ScenarioLoader.load(Files.writeString(dir.resolve("s.yaml"), yaml), Map.of("RPASS", "pw")::get);
    }

    @Test
    void aBooleanAsksForAReplicaWithTheDefaultModel() throws IOException {
        Scenario s = load("replica: true\n");
        assertThat(s.replica()).isTrue();
        assertThat(s.replicaSettings()).isEqualTo(Scenario.Replica.DEFAULT);
        assertThat(s.replicaSettings().projectionRate()).isEqualTo(Scenario.Replica.ASSUMED_APPLY_RATE);
        assertThat(load("engine: postgres:16\n").replica()).isFalse();
    }

    @Test
    void aMappingIsTheModelAndAsksForAReplicaUnlessDisabled() throws IOException {
        Scenario s = load("""
                replica:
                  apply_rate: 20MB/s
                  apply_delay: 250ms
                  max_standby_streaming_delay: 5s
                  hot_standby_feedback: true
                  url: jdbc:postgresql://replica/db
                  user: r
                  password: ${RPASS}
                  tune_batches: true
                load: { replica_share: 0.3 }
                thresholds: { replication_lag_production_block: 2min }
                """);
        assertThat(s.replica()).isTrue();
        assertThat(s.replicaSettings()).isEqualTo(new Scenario.Replica(20_000_000L, 250, 5_000, true,
                new Scenario.External("jdbc:postgresql://replica/db", "r", "pw", false), true));
        assertThat(s.replicaSettings().projectionRate()).isEqualTo(20_000_000L);
        assertThat(s.load().replicaShare()).isEqualTo(0.3);
        assertThat(s.thresholds().replicationLagProductionBlockMs()).isEqualTo(120_000);
        assertThat(load("replica: { enabled: false, apply_rate: 1MiB/s }\n").replica()).isFalse();
        assertThat(load("engine: postgres:16\n").thresholds().replicationLagProductionBlockMs()).isEqualTo(60_000);
    }

    @Test
    void theFlagTurnsItOnAndKeepsTheFilesModel() throws IOException {
        Scenario s = ScenarioLoader.applyOverrides(load("replica: { enabled: false, apply_rate: 5MB/s }\n"),
                CliOverrides.NONE.withReplica(true));
        assertThat(s.replica()).isTrue();
        assertThat(s.replicaSettings().applyRateBytesPerSecond()).isEqualTo(5_000_000L);
    }

    @Test
    void mistakesNameTheLineAndWhatIsAllowed() {
        assertThatThrownBy(() -> load("replica:\n  apply_rate: fast\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith(":2: replica.apply_rate: invalid rate 'fast'; expected 20MB/s, 512KiB/s or a number of bytes per second")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> load("replica:\n  lag: 1s\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(":2: unknown key 'lag' in replica; allowed: enabled, apply_rate");
        assertThatThrownBy(() -> load("load: { replica_share: 2 }\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("load.replica_share: must be between 0 and 1, got 2");
        assertThatThrownBy(() -> load("replica: maybe\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected true or false for replica, got 'maybe'");
    }

    @Test
    void ratesAsUsersWriteThem() {
        assertThat(Units.bytesPerSecond("20MB/s")).isEqualTo(20_000_000L);
        assertThat(Units.bytesPerSecond("512KiB/s")).isEqualTo(512 * 1024L);
        assertThat(Units.bytesPerSecond("1000")).isEqualTo(1000L);
        assertThatThrownBy(() -> Units.bytesPerSecond("0MB/s")).hasMessageContaining("rate must be positive");
        assertThatThrownBy(() -> Units.bytesPerSecond("fast")).hasMessageContaining("invalid rate 'fast'");
    }
}
