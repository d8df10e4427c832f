package dev.rehearse.cli;

import dev.rehearse.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceTest {

    @Test
    void theCommandIsShellQuotedWithEveryPasswordMasked() {
        assertThat(Provenance.command(List.of("run", "--password", "s3cret", "--password=s3cret",
                "--url", "jdbc:postgresql://u:s3cret@db/app?sslpassword=s3cret&x=1", "--rows", "orders=1M", "a b")))
                .isEqualTo("rehearse run --password *** --password=*** --url "
                        + "'jdbc:postgresql://u:***@db/app?sslpassword=***&x=1' --rows orders=1M 'a b'")
                .doesNotContain("s3cret");
    }

    @Test
    void withoutAScenarioFileTheFlagsAreHashedSoTheSameFlagsGiveTheSameHash() {
        String a = Provenance.scenarioSha256(List.of("lint", "db"), null);
        assertThat(a).hasSize(64).isEqualTo(Provenance.scenarioSha256(List.of("lint", "db"), null))
                .isNotEqualTo(Provenance.scenarioSha256(List.of("lint", "db2"), null));
        // a password does not change the hash: it is hashed masked
        assertThat(Provenance.scenarioSha256(List.of("run", "--password", "a"), null))
                .isEqualTo(Provenance.scenarioSha256(List.of("run", "--password", "b"), null));
    }

    @Test
    void alertsAreThirtyAndSixtySecondsUnlessTheTeamSetThresholds() {
        assertThat(Provenance.alerts(Scenario.Thresholds.DEFAULT)).extracting("lockWaitMs", "replicaLagMs", "from")
                .containsExactly(30_000L, 60_000L, "default");
        Scenario.Thresholds own = new Scenario.Thresholds(200, 3_000, 200, 10_000, 3.0, 50, 100_000, 1L << 30, 1_000, 20_000);
        assertThat(Provenance.alerts(own)).extracting("lockWaitMs", "replicaLagMs", "from")
                .containsExactly(10_000L, 20_000L, "scenario");
    }

    @Test
    void theMachineIsMeasured() {
        assertThat(Provenance.machine().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Provenance.machine().memoryBytes()).isPositive();
        assertThat(Provenance.machine().java()).contains(System.getProperty("java.runtime.version"));
    }
}
