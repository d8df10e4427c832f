package dev.rehearse.engine.postgres;

import dev.rehearse.RehearsalFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binaries cache keeps nothing of an extraction that failed, was interrupted, or was never possible. */
class PostgresBinariesCleanupTest {

    @Test
    void aVersionThatDoesNotExistLeavesNothingInTheCache(@TempDir Path cache) throws Exception {
        String offline = System.getProperty("rehearse.offline");
        System.setProperty("rehearse.offline", "true");
        try {
            assertThatThrownBy(() -> new PostgresBinaries(cache).install(PostgresVersions.artifactVersion("16.99")))
                    .isInstanceOf(RehearsalFailedException.class).hasMessageContaining("16.99.0");
        } finally {
            if (offline == null) System.clearProperty("rehearse.offline");
            else System.setProperty("rehearse.offline", offline);
        }
        try (Stream<Path> s = Files.walk(cache)) {
            assertThat(s.filter(p -> !p.equals(cache)).toList()).as("no staging, no lock file").isEmpty();
        }
    }

    @Test
    void theNextInstallRemovesTheStagingOfAKilledExtraction(@TempDir Path cache) throws Exception {
        String version = PostgresVersions.bundled();
        Path killed = Files.createDirectories(cache.resolve("postgres").resolve(version + ".staging-123/bin"));
        Files.writeString(killed.resolve("postgres"), "half written");

        Path install = new PostgresBinaries(cache).install(version);

        assertThat(install.resolve("bin/postgres")).exists();
        try (Stream<Path> s = Files.list(cache.resolve("postgres"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".staging-")).toList()).isEmpty();
        }
    }
}
