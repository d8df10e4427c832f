package dev.rehearse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse drift}'s mistakes in what it is given: one line each, exit 2, before anything is reached. */
class DriftCliTest {

    private static void invalid(String expected, String... args) {
        CliTest.Outcome r = CliTest.rehearse(args);
        assertThat(r.code()).as(r.err()).isEqualTo(Main.INVALID_INPUT);
        assertThat(r.err().strip().lines()).as(r.err()).hasSizeLessThanOrEqualTo(2);
        assertThat(r.err()).contains(expected).doesNotContain("Exception", "\tat ");
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws Exception {
        Path history = Files.createDirectories(dir.resolve("m"));
        Files.writeString(history.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        invalid("--migrations: " + dir.resolve("missing") + " does not exist",
                "drift", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--migrations", dir.resolve("missing").toString());
        invalid("--report: unknown format 'html' for drift",
                "drift", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--migrations", history.toString(), "--report", "html");
        invalid("is not a JDBC URL of an engine",
                "drift", "--url", "jdbc:oracle:thin:@h:1521/x?password=hunter2", "--migrations", history.toString());
        assertThat(CliTest.rehearse("drift", "--url", "jdbc:oracle:thin:@h/x?password=hunter2", "--migrations",
                history.toString()).err()).doesNotContain("hunter2");
        Path file = Files.writeString(dir.resolve("a-file"), "");
        invalid("--out: cannot write to", "drift", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--migrations",
                history.toString(), "--out", file.resolve("sub").toString());
    }

    @Test
    void anUnreachableTargetCouldNotRun(@TempDir Path dir) throws Exception {
        Path history = Files.createDirectories(dir.resolve("m"));
        Files.writeString(history.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        CliTest.Outcome r = CliTest.rehearse("drift", "--url", "jdbc:postgresql://127.0.0.1:1/x?password=hunter2",
                "--migrations", history.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("drift: cannot read jdbc:postgresql://127.0.0.1:1/x?password=***").doesNotContain("hunter2");
    }
}
