package dev.rehearse.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/<kind>/<case>/}): each case is real files and an
 * {@code expect.yaml} beside them (the arguments, the exit code, where the one line must point and what it must say).
 * Every case runs through {@link Main} in this JVM, as a user would call it, and must end with that exit code and one
 * line on stderr naming the file (and line) and what was expected: no stack trace, and within its time limit.
 * {@code -Dhostile.actual=FILE} appends what each case printed, to review a new case's message.
 */
class HostileInputCorpusTest {

    static final Path ROOT = Path.of("src/test/resources/hostile");

    /** One case's expectations, as {@code expect.yaml} writes them. */
    record Expect(List<String> args, int exit, String where, List<String> says, Integer timeout, boolean progress) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    static Stream<Arguments> cases() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("expect.yaml")).map(Path::getParent).sorted()
                    .map(dir -> Arguments.of(Named.of(ROOT.relativize(dir).toString(), dir))).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedInOneClearLine(Path dir, @TempDir Path tmp) throws IOException {
        Expect e = YAML.readValue(dir.resolve("expect.yaml").toFile(), Expect.class);
        String[] args = e.args().stream()
                .map(a -> a.replace("{dir}", dir.toAbsolutePath().toString()).replace("{tmp}", tmp.toString()))
                .toArray(String[]::new);
        int seconds = e.timeout() == null ? 30 : e.timeout();
        CliTest.Outcome r = assertTimeoutPreemptively(Duration.ofSeconds(seconds), () -> CliTest.rehearse(args),
                () -> ROOT.relativize(dir) + ": no answer within " + seconds + " s");
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        String actual = System.getProperty("hostile.actual");
        if (actual != null) {
            Files.writeString(Path.of(actual), ROOT.relativize(dir) + "\t" + r.code() + "\t" + lines.size() + "\t" + last
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(e.exit());
        assertThat(r.out() + r.err()).as("no stack trace")
                .doesNotContain("\tat ", "Exception", "Caused by", "internal error");
        if (!e.progress()) assertThat(lines).as("exactly one line on stderr").hasSize(1);
        assertThat(last).as("the error line").startsWith("rehearse: ").contains(e.where());
        for (String says : e.says()) assertThat(last).as("what was expected").contains(says);
    }
}
