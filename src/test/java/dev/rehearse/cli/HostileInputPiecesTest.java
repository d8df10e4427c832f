package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of the hostile-input checks the in-process corpus cannot reach (the working directory) or see (leftovers). */
class HostileInputPiecesTest {

    @Test
    void aDotRehearseYamlThatIsADirectoryInTheWorkingDirectoryIsAnErrorNotSkipped(@TempDir Path cwd) throws Exception {
        Files.createDirectory(cwd.resolve(".rehearse.yaml"));
        assertThatThrownBy(() -> new SharedOptions.Project().load(cwd)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(".rehearse.yaml").hasMessageContaining("is a directory");
        Path other = Files.createDirectory(cwd.resolve("other"));
        assertThat(new SharedOptions.Project().load(other).file()).as("none there: no configuration").isNull();
    }

    @Test
    void checkingThatOutCanBeWrittenLeavesNothingBehind(@TempDir Path dir) throws Exception {
        ReportOutput.requireWritable(dir.resolve("a/b/c"), "--out");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the directories made for the check are gone").isEmpty();
        }
        Path existing = Files.createDirectory(dir.resolve("reports"));
        ReportOutput.requireWritable(existing, "--out");
        assertThat(existing).isEmptyDirectory();
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> ReportOutput.requireWritable(file.resolve("sub"), "--out"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a file, not a directory");
    }
}
