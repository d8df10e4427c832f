package dev.rehearse.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code src/test/resources/golden/}: the rendered text must equal the file byte for byte.
 * After a deliberate change, {@code mvn -o -q -Dtest=... -Drehearse.golden.update=true test} rewrites them; review the
 * diff before committing.
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {}

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("rehearse.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -Drehearse.golden.update=true)", file).exists();
        assertThat(actual).as("%s differs from the golden file; regenerate with -Drehearse.golden.update=true and review",
                file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
