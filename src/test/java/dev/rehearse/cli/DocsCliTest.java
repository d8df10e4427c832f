package dev.rehearse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.rehearse.cli.CliTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

/** The hidden {@code rehearse docs patterns}: CI's check that the committed pattern pages are current, and the regenerator. */
class DocsCliTest {

    @Test
    void theCommittedPagesPassTheCheck() {
        CliTest.Outcome r = rehearse("docs", "patterns", "--check");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("stale");
    }

    @Test
    void aStalePageFailsTheCheckAndIsRewritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("patterns");
        copy(Path.of("docs/patterns"), dir);
        Path page = dir.resolve("set-not-null.md");
        String committed = Files.readString(page);
        Files.writeString(page, committed + "edited by hand\n");
        String scenarios = Path.of("scenarios").toAbsolutePath().toString();

        CliTest.Outcome check = rehearse("docs", "patterns", "--check", "--out", dir.toString(), "--scenarios", scenarios);
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out().strip()).isEqualTo("stale: " + page);
        assertThat(check.err()).contains("./rehearse docs patterns");

        CliTest.Outcome write = rehearse("docs", "patterns", "--out", dir.toString(), "--scenarios", scenarios);
        assertThat(write.code()).as(write.err()).isZero();
        assertThat(Files.readString(page)).isEqualTo(committed);
        assertThat(rehearse("docs", "patterns", "--check", "--out", dir.toString(), "--scenarios", scenarios).code()).isZero();

        // A page no rule renders is not replaced by regenerating: the check names it.
        Files.writeString(dir.resolve("retired-rule.md"), "# retired-rule\n");
        CliTest.Outcome orphan = rehearse("docs", "patterns", "--check", "--out", dir.toString(), "--scenarios", scenarios);
        assertThat(orphan.code()).isEqualTo(1);
        assertThat(orphan.err()).contains("retired-rule.md");
    }

    @Test
    void aDirectoryThatIsNotThereIsBadInput(@TempDir Path tmp) {
        CliTest.Outcome r = rehearse("docs", "patterns", "--check", "--out", tmp.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope");
    }

    @Test
    void hiddenFromHelp() {
        assertThat(rehearse("--help").out()).doesNotContain("docs");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }
}
