package dev.rehearse.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportOutputTest {

    @Test
    void defaultReportDirectoriesAreUniqueEvenWithinOneSecond() throws Exception {
        List<Path> made = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) made.add(ReportOutput.dirOrDefault(null));
            assertThat(made).doesNotHaveDuplicates().allSatisfy(p -> {
                assertThat(p).isDirectory();
                assertThat(p.toString()).startsWith("reports");
            });
        } finally {
            for (Path p : made) Files.deleteIfExists(p);
        }
        assertThat(ReportOutput.dirOrDefault(Path.of("given"))).isEqualTo(Path.of("given"));
    }
}
