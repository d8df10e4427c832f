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

/** {@code load.long_transaction}, {@code migrations.lock_retries} and {@code --long-transaction}. */
class LockQueueScenarioTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("scenario.yaml"), yaml);
    }

    private String error(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            ScenarioLoader.load(file, Map.<String, String>of()::get);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(file + ":");
            return "F" + e.getMessage().substring(file.toString().length());
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void readsTheLongTransactionAndTheRetryPolicy() throws IOException {
        Scenario s = ScenarioLoader.load(write("load:\n  long_transaction: { hold: 5s }\n"
                + "migrations:\n  lock_timeout: 300ms\n  lock_retries: { attempts: 5, backoff: 1s }\n"));
        assertThat(s.load().longTransaction()).isEqualTo(new Scenario.LongTransaction(5_000));
        assertThat(s.load().clients()).isEqualTo(Scenario.Load.DEFAULT.clients());
        assertThat(s.migrations().lockRetries()).isEqualTo(new Scenario.LockRetries(5, 1_000));
        assertThat(s.migrations().lockTimeoutMs()).isEqualTo(300);
    }

    @Test
    void absentMeansNone() throws IOException {
        Scenario s = ScenarioLoader.load(write("load:\n  rate: 100\n"));
        assertThat(s.load().longTransaction()).isNull();
        assertThat(s.migrations().lockRetries()).isNull();
        assertThat(ScenarioLoader.defaults().load().longTransaction()).isNull();
    }

    @Test
    void mistakesNameTheirLine() throws IOException {
        assertThat(error("load:\n  long_transaction: { hold: soon }\n"))
                .startsWith("F:2: ").contains("load.long_transaction.hold");
        assertThat(error("load:\n  long_transaction:\n    hold: 2s\n    holds: 3s\n"))
                .startsWith("F:4: unknown key 'holds' in load.long_transaction");
        assertThat(error("load:\n  long_transaction: 5s\n")).startsWith("F:2: expected a mapping for load.long_transaction");
        assertThat(error("migrations:\n  lock_retries: { attempts: 0 }\n")).startsWith("F:2: ")
                .contains("migrations.lock_retries.attempts");
        assertThat(error("migrations:\n  lock_retries:\n    backoff: 1s\n")).startsWith("F:2: ")
                .contains("migrations.lock_retries.attempts");
    }

    @Test
    void theFlagSetsTheHoldAndKeepsTheRest() throws IOException {
        Scenario base = ScenarioLoader.load(write("load:\n  rate: 50\nmigrations:\n  lock_retries: { attempts: 2 }\n"));
        Scenario s = ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withLongTransaction("2s").withNoLoad(false));
        assertThat(s.load().longTransaction()).isEqualTo(new Scenario.LongTransaction(2_000));
        assertThat(s.load().rate()).isEqualTo(50);
        assertThat(s.migrations().lockRetries()).isEqualTo(new Scenario.LockRetries(2, 0));
        assertThatThrownBy(() -> ScenarioLoader.applyOverrides(base, CliOverrides.NONE.withLongTransaction("later")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--long-transaction: ");
        assertThat(CliOverrides.NONE.withLongTransaction("2s")).isEqualTo(CliOverrides.NONE.withLongTransaction("2s"))
                .isNotEqualTo(CliOverrides.NONE);
    }
}
