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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example files of docs/patterns: {@code <rule-id>/<engine>-<version>/{setup.sql, bad(.sql|/), safe(.sql|/)}}.
 * The same files feed the pattern pages ({@code rehearse docs patterns}), the lint unit tests and the
 * rule-vs-measurement test; in main code because the page generator is.
 */
public record PatternExamples(String rule, EngineSpec engine, Path dir) {

    /** Where the examples (and the pages generated from them) live in a rehearse checkout. */
    public static final Path ROOT = Path.of("docs/patterns");

    public static List<PatternExamples> all() {
        return all(ROOT);
    }

    /** Every {@code <rule-id>/<engine>-<version>} directory under root, sorted by rule then engine. */
    public static List<PatternExamples> all(Path root) {
        List<PatternExamples> out = new ArrayList<>();
        try (Stream<Path> rules = Files.list(root)) {
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

    /** The migrations of one form, split as lint and run split them at this engine version (the one read of them). */
    public List<Migration> migrations(Path form, EngineSpec at) {
        return new SqlMigrationSource(Engines.dialect(at).splitter()).read(List.of(form));
    }

    /** Lints the form with the baseline as the deployed state it ships onto (what the rehearsal seeds first). */
    public Linter.Result lint(Path form, EngineSpec at) {
        List<Migration> ms = new java.util.ArrayList<>();
        Path setup = setup();
        if (setup != null) ms.addAll(migrations(setup, at));
        ms.addAll(migrations(form, at));
        return new Linter(Linter.Options.of(at).withPending(m -> !m.file().equals(setup)), Engines.dialect(at)).lint(ms);
    }

    private static final Pattern REQUIRES = Pattern.compile("-- requires: \\w+ (\\d+)\\+");

    /** A form may start with {@code -- requires: postgres 12+}: the statement does not exist before; 0 when none. */
    public static int requiredMajor(Path form) {
        try {
            int max = 0;
            for (Path f : files(form)) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = REQUIRES.matcher(line);
                    if (m.find()) max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
            return max;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of one form: itself, or a directory's files by name. */
    public static List<Path> files(Path form) throws IOException {
        if (!Files.isDirectory(form)) return List.of(form);
        try (Stream<Path> s = Files.list(form)) {
            return s.sorted().toList();
        }
    }

    @Override
    public String toString() {
        return rule + " @ " + engine;
    }
}
