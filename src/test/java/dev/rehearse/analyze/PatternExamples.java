package dev.rehearse.analyze;

import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example files of docs/patterns: {@code <rule-id>/<engine>-<version>/{setup.sql, bad(.sql|/), safe(.sql|/)}}.
 * The same files feed the lint unit tests, the rule-vs-measurement test and the pattern pages.
 */
public record PatternExamples(String rule, EngineSpec engine, Path dir) {

    public static final Path ROOT = Path.of("docs/patterns");

    public static List<PatternExamples> all() {
        List<PatternExamples> out = new ArrayList<>();
        try (Stream<Path> rules = Files.list(ROOT)) {
            for (Path r : rules.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> engines = Files.list(r)) {
                    for (Path e : engines.filter(Files::isDirectory).sorted().toList()) {
                        String name = e.getFileName().toString();
                        int dash = name.indexOf('-');
                        out.add(new PatternExamples(r.getFileName().toString(),
                                EngineSpec.parse(name.substring(0, dash) + ":" + name.substring(dash + 1)), e));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Path bad() {
        return form("bad");
    }

    public Path safe() {
        return form("safe");
    }

    public Path setup() {
        Path p = dir.resolve("setup.sql");
        return Files.exists(p) ? p : null;
    }

    private Path form(String name) {
        Path file = dir.resolve(name + ".sql");
        return Files.exists(file) ? file : dir.resolve(name);
    }

    /** The migrations of one form, split as lint and run split them at this engine version. */
    public List<Migration> migrations(Path form, EngineSpec at) {
        return new SqlMigrationSource(Engines.dialect(at).splitter()).read(List.of(form));
    }

    public Linter.Result lint(Path form, EngineSpec at) {
        return new Linter(Linter.Options.of(at), Engines.dialect(at)).lint(migrations(form, at));
    }

    /** A form may start with {@code -- requires: postgres 12+}: the statement does not exist before. */
    public static int requiredMajor(Path form) {
        try {
            List<Path> files = Files.isDirectory(form) ? Files.list(form).sorted().toList() : List.of(form);
            int max = 0;
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    var m = java.util.regex.Pattern.compile("-- requires: \\w+ (\\d+)\\+").matcher(line);
                    if (m.find()) max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
            return max;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return rule + " @ " + engine;
    }
}
