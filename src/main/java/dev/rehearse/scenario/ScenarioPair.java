package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A single-footgun scenario pair, {@code <scenarios>/<name>/unsafe.yaml} and {@code safe.yaml}, and the rule its
 * unsafe form rehearses. The rule is a {@code # rule: <id>} comment in the leading comments of {@code unsafe.yaml}:
 * a comment because the loader rejects unknown keys, and in the file so that a new pair is found (and tested, and
 * named on its rule's pattern page) by being added, not by being listed.
 */
public record ScenarioPair(String name, Path dir, String rule) {

    public static final Path ROOT = Path.of("scenarios");

    private static final Pattern RULE = Pattern.compile("#\\s*rule:\\s*([a-z0-9-]+)\\s*");

    public Path unsafe() {
        return dir.resolve("unsafe.yaml");
    }

    public Path safe() {
        return dir.resolve("safe.yaml");
    }

    /** Every directory of {@code root} with an {@code unsafe.yaml}, by name. */
    public static List<ScenarioPair> discover(Path root) {
        List<ScenarioPair> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("unsafe.yaml"))).sorted().toList()) {
                Path unsafe = dir.resolve("unsafe.yaml");
                if (!Files.isRegularFile(dir.resolve("safe.yaml"))) {
                    throw new InvalidInputException(dir.resolve("safe.yaml") + ": a scenario pair needs its safe form");
                }
                out.add(new ScenarioPair(dir.getFileName().toString(), dir, rule(unsafe)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static List<ScenarioPair> discover() {
        return discover(ROOT);
    }

    private static String rule(Path unsafe) throws IOException {
        int line = 0;
        for (String text : Files.readAllLines(unsafe)) {
            line++;
            if (!text.startsWith("#")) break;
            Matcher m = RULE.matcher(text);
            if (m.matches()) return m.group(1);
        }
        throw InvalidInputException.at(unsafe, 1, "a scenario pair's unsafe form names its rule in a leading"
                + " '# rule: <rule-id>' comment");
    }

    @Override
    public String toString() {
        return name + " (" + rule + ")";
    }
}
