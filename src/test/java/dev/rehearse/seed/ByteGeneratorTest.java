package dev.rehearse.seed;

import dev.rehearse.engine.postgres.PostgresLiterals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte path that loaders take writes exactly what the String path gives, for every generator that has one. */
class ByteGeneratorTest {

    @TempDir
    Path dir;

    private static final ColumnType INT = ColumnType.of(ColumnType.Kind.INTEGER, "integer");
    private static final ColumnType BIG = ColumnType.of(ColumnType.Kind.BIGINT, "bigint");
    private static final ColumnType TEXT = ColumnType.of(ColumnType.Kind.TEXT, "text");
    private static final ColumnType CHAR84 = ColumnType.sized(ColumnType.Kind.CHAR, "character(84)", 84);

    /** Rows 1..n and a few far ones, through both paths; returns how many values were NULL. */
    private static int assertSamePaths(ColumnGenerator g, long n) {
        assertThat(g).isInstanceOf(ByteGenerator.class);
        ByteGenerator b = (ByteGenerator) g;
        Bytes out = new Bytes(8);
        int nulls = 0;
        List<Long> rows = new ArrayList<>();
        for (long r = 1; r <= n; r++) rows.add(r);
        rows.addAll(List.of(999_999L, 1_000_000L, 123_456_789L));
        for (long row : rows) {
            String v = g.value(row);
            int at = out.length();
            boolean written = b.write(row, out);
            assertThat(written).as("row %d: NULL on one path only", row).isEqualTo(v != null);
            if (v == null) {
                nulls++;
                assertThat(out.length()).isEqualTo(at);
                continue;
            }
            byte[] got = Arrays.copyOfRange(out.array(), at, out.length());
            assertThat(new String(got, StandardCharsets.UTF_8)).as("row %d", row).isEqualTo(v);
            if (b.plain()) assertThat(ByteGenerator.plain(v)).isTrue();
        }
        return nulls;
    }

    @Test
    void defaultGeneratorsWriteWhatTheyGive() {
        ColumnRule none = ColumnRule.NONE;
        assertSamePaths(Generators.forColumn(INT, none, true, 5000, 1, 2, PostgresLiterals.INSTANCE), 5000);
        assertSamePaths(Generators.forColumn(INT, none, false, 5000, 1, 2, PostgresLiterals.INSTANCE), 5000);
        assertSamePaths(Generators.forColumn(BIG, dev.rehearse.engine.postgres.PostgresCheckParser
                .parse("CHECK ((x < '-10'::integer))", null).rules().get("x"), false, 5000, 1, 2, PostgresLiterals.INSTANCE), 5000);
        assertSamePaths(Generators.forColumn(TEXT, none, false, 5000, 1, 2, PostgresLiterals.INSTANCE), 5000);
        assertSamePaths(Generators.forColumn(ColumnType.of(ColumnType.Kind.BOOLEAN, "boolean"), none, false, 100, 1, 2,
                PostgresLiterals.INSTANCE), 100);
        assertSamePaths(Generators.forColumn(ColumnType.enumOf("mood", List.of("sad", "ok", "happy \\ tab\t")), none, false,
                100, 1, 2, PostgresLiterals.INSTANCE), 100);
    }

    @Test
    void profileGeneratorsWriteWhatTheyGive() throws Exception {
        Profile p = ProfileLoader.load(Files.writeString(dir.resolve("p.yaml"), """
                tables:
                  t:
                    columns:
                      seq: { generator: sequence, start: -5, step: 3 }
                      uni: { generator: uniform, min: -50, max: 50 }
                      uniq: { generator: uniform, min: 1, max: 100000, unique: true }
                      norm: { generator: normal, mean: 0, stddev: 5000, min: -100000, max: 100000, null_fraction: 0.3 }
                      zipf: { generator: zipf, distinct: 1000, s: 1.1 }
                      zipfv: { generator: zipf, values: [a, 'b c', 'd\\\\e'] }
                      weighted: { generator: weighted, values: { x: 3, 'y y': 1 } }
                      words: { generator: text, length: { min: 0, max: 84, mean: 20 } }
                      uwords: { generator: text, length: { min: 0, max: 30, mean: 12 }, unique: true }
                """));
        Map<String, Profile.ColumnSpec> specs = p.tables().get("t").columns();
        int nulls = 0;
        for (Map.Entry<String, Profile.ColumnSpec> e : specs.entrySet()) {
            ColumnType type = switch (e.getKey()) {
                case "zipfv", "weighted", "uwords" -> TEXT;
                case "words" -> CHAR84;
                default -> INT;
            };
            ColumnGenerator g = ProfileGenerators.forSpec(e.getValue(), ColumnModel.of(e.getKey(), type, false), ColumnRule.NONE,
                    e.getValue().unique(), 100_000, 42, Rng.salt(e.getKey()), PostgresLiterals.INSTANCE);
            int n = assertSamePaths(g, 3000);
            if (e.getKey().equals("norm")) nulls = n;
        }
        assertThat(nulls).as("null_fraction keeps its NULLs on the byte path").isBetween(800, 1000);
    }

    @Test
    void numbersAreSpelledAsLongToStringSpellsThem() {
        Bytes b = new Bytes(1);
        for (long v : new long[] {0, 7, -7, 10, 99, 100, -100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
            int at = b.length();
            b.putLong(v);
            assertThat(new String(b.array(), at, b.length() - at, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
        // every digit count and both sides of the int/long boundary, and random values of every magnitude
        java.util.List<Long> more = new java.util.ArrayList<>(java.util.List.of((long) Integer.MAX_VALUE + 1, Long.MAX_VALUE - 1));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) more.addAll(java.util.List.of(p - 1, p, p + 1, 10 * p - 1, -p, -(p - 1)));
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int k = 0; k < 10_000; k++) more.add(r.nextLong() >> r.nextInt(64));
        for (long v : more) {
            int at = b.length();
            b.putLong(v);
            assertThat(new String(b.array(), at, b.length() - at, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
    }
}
