package dev.rehearse.fuzz;

import dev.rehearse.InvalidInputException;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.ScriptText;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ScenarioLoader;
import dev.rehearse.seed.ProfileLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing (jqwik) of what reads the user's files: the scenario loader, the profile loader, and the SQL
 * splitters of PostgreSQL and MySQL/MariaDB as every migration source calls them ({@link ScriptText}). Inputs are
 * arbitrary text and bytes, and the project's own scenarios, profiles and migrations mutated (characters that matter
 * to YAML and SQL inserted, slices deleted, duplicated or cut). Each must return normally or throw
 * {@link InvalidInputException} with a one-line message, within {@link #LIMIT}: nothing else, never a hang. The budget
 * is fixed ({@value #TRIES} tries for each loader property, {@value #SPLITTER_TRIES} for each splitter one) so that CI
 * time does not drift.
 */
class HostileFuzzTest {

    static final int TRIES = 1000;
    /** The splitters take microseconds an input (the loaders write a file each): they get more of the budget. */
    static final int SPLITTER_TRIES = 3000;
    static final Duration LIMIT = Duration.ofSeconds(5);

    private static Path dir;
    private static ExecutorService worker;
    private static final List<String> YAML_SEEDS = new ArrayList<>();
    private static final List<String> PROFILE_SEEDS = new ArrayList<>();
    private static final List<String> SQL_SEEDS = new ArrayList<>();

    @BeforeContainer
    static void seeds() throws IOException {
        dir = Files.createTempDirectory("rehearse-fuzz");
        worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rehearse-fuzz");
            t.setDaemon(true); // a hang fails its try; the thread must not keep the JVM
            return t;
        });
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Files.createDirectories(dir.resolve("migrations"));
        YAML_SEEDS.addAll(texts(Path.of("scenarios"), ".yaml"));
        PROFILE_SEEDS.addAll(texts(Path.of("seed-data"), ".yaml"));
        SQL_SEEDS.addAll(texts(Path.of("scenarios"), ".sql"));
        SQL_SEEDS.addAll(texts(Path.of("src/test/resources/sources"), ".sql"));
        SQL_SEEDS.add("DO $body$ BEGIN RAISE NOTICE 'x;'; END $body$;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$"
                + " LANGUAGE sql;\n/* a /* nested */ comment */ SELECT E'\\'';\nDELIMITER //\nCREATE PROCEDURE p() BEGIN"
                + " SELECT 1; END //\nDELIMITER ;\nSELECT `a``b`, \"c\"\"d\" FROM t; -- end\n");
        assertThat(YAML_SEEDS).isNotEmpty();
        assertThat(PROFILE_SEEDS).isNotEmpty();
        assertThat(SQL_SEEDS).isNotEmpty();
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        worker.shutdownNow();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static List<String> texts(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).limit(200).toList();
        }
    }

    // ---- inputs ----

    /** Characters that mean something to YAML or SQL, and a few that mean trouble (NUL, a lone surrogate, BOM). */
    private static Arbitrary<String> nasty() {
        return Arbitraries.of(":", " ", "\n", "\t", "-", "- ", "#", "{", "}", "[", "]", ",", "'", "\"", "`", "$", "$$",
                "$a$", ";", "/*", "*/", "--", "\\", "&a ", "*a", "!", "!!binary ", "|", ">", "%", "@", "?", "\u0000",
                "\uFEFF", "\uD800", "é", "1e15", "-1", "999999999999999999999", "0x", "null", "~", "${X}", "<<: ",
                "---\n", "...\n", "DELIMITER //\n", "BEGIN", "END", "E'", "U&'", "\r", "\u2028");
    }

    /** {@code seed} with up to eight edits: an insertion of something nasty, a deletion, a duplicated slice or a cut. */
    private static Arbitrary<String> mutated(List<String> seeds) {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 40))
                .as((kind, at, len) -> new int[]{kind, at, len}).list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<List<String>> inserts = nasty().list().ofMinSize(8).ofMaxSize(8);
        return Combinators.combine(seed, edits, inserts).as((text, ops, words) -> {
            StringBuilder s = new StringBuilder(text);
            int i = 0;
            for (int[] op : ops) {
                int at = s.length() == 0 ? 0 : op[1] % (s.length() + 1);
                int end = Math.min(s.length(), at + op[2]);
                switch (op[0]) {
                    case 0 -> s.insert(at, words.get(i++ % words.size()));
                    case 1 -> s.delete(at, end);
                    case 2 -> s.insert(at, s.substring(at, end));
                    default -> s.setLength(at);
                }
            }
            return s.toString();
        });
    }

    @Provide
    Arbitrary<String> scenarios() {
        return Arbitraries.oneOf(mutated(YAML_SEEDS), Arbitraries.strings().ofMaxLength(200),
                nasty().list().ofMaxSize(40).map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.oneOf(mutated(PROFILE_SEEDS), Arbitraries.strings().ofMaxLength(200),
                nasty().list().ofMaxSize(40).map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<String> sql() {
        return Arbitraries.oneOf(mutated(SQL_SEEDS), Arbitraries.strings().ofMaxLength(300),
                nasty().list().ofMaxSize(60).map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    // ---- properties ----

    @Property(tries = TRIES)
    void theScenarioLoaderRejectsOnlyAsInvalidInput(@ForAll("scenarios") String text) throws IOException {
        Path file = Files.write(dir.resolve("scenario.yaml"), text.getBytes(StandardCharsets.UTF_8));
        bounded(() -> ScenarioLoader.load(file));
    }

    @Property(tries = TRIES)
    void theScenarioLoaderTakesAnyBytes(@ForAll("bytes") byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("bytes.yaml"), bytes);
        bounded(() -> ScenarioLoader.load(file));
    }

    @Property(tries = TRIES)
    void theProfileLoaderRejectsOnlyAsInvalidInput(@ForAll("profiles") String text) throws IOException {
        Path file = Files.write(dir.resolve("profile.yaml"), text.getBytes(StandardCharsets.UTF_8));
        bounded(() -> ProfileLoader.load(file));
    }

    @Property(tries = SPLITTER_TRIES)
    void thePostgresSplitterRejectsOnlyAsInvalidInput(@ForAll("sql") String text) {
        split("postgres:16", text);
        split("postgres:10", text);
    }

    @Property(tries = SPLITTER_TRIES)
    void theMySqlSplitterRejectsOnlyAsInvalidInput(@ForAll("sql") String text) {
        split("mysql:8.0", text);
        split("mariadb:11.4", text);
    }

    @Property(tries = SPLITTER_TRIES)
    void migrationFilesOfAnyBytesAreTextOrInvalidInput(@ForAll("bytes") byte[] bytes) {
        // what ScriptText.read does once it has the file's bytes, without the disk
        Path file = Path.of("V1__fuzz.sql");
        SqlSplitter splitter = Engines.dialect(EngineSpec.parse("postgres:16")).splitter();
        bounded(() -> ScriptText.split(splitter, file, ScriptText.decode(file, bytes)));
    }

    private static void split(String engine, String text) {
        SqlSplitter splitter = Engines.dialect(EngineSpec.parse(engine)).splitter();
        bounded(() -> ScriptText.split(splitter, Path.of("V1__fuzz.sql"), text));
    }

    /** Runs {@code action} within {@link #LIMIT}: it returns, or throws a one-line InvalidInputException. */
    private static void bounded(Supplier<?> action) {
        Future<?> f = worker.submit(action::get);
        try {
            f.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("no answer within " + LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof InvalidInputException invalid)) {
                throw new AssertionError("not an InvalidInputException: " + e.getCause(), e.getCause());
            }
            assertThat(invalid.getMessage()).as("one line").isNotBlank().doesNotContain("\n");
        }
    }
}
