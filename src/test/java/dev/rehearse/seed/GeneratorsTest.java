package dev.rehearse.seed;

import dev.rehearse.engine.postgres.PostgresLiterals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorsTest {

    private static final long SEED = 42;

    private static ColumnGenerator gen(ColumnType type, String check, boolean unique, long rows) {
        ColumnRule rule = check == null ? ColumnRule.NONE : dev.rehearse.engine.postgres.PostgresCheckParser.parse(check, null).rules().get("x");
        return Generators.forColumn(type, rule, unique, rows, SEED, 7, PostgresLiterals.INSTANCE);
    }

    private static List<String> values(ColumnGenerator g, long rows) {
        return LongStream.rangeClosed(1, rows).mapToObj(g::value).toList();
    }

    @Test
    void uniqueIntegersCountFromOneAndOthersArePositive() {
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), null, true, 5), 5))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), "CHECK ((x < '-10'::integer))", true, 3), 3))
                .containsExactly("-13", "-12", "-11");
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), "CHECK ((x >= 100))", true, 3), 3))
                .containsExactly("100", "101", "102");
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.BIGINT, "bigint"), null, false, 1000), 1000))
                .allSatisfy(v -> assertThat(Long.parseLong(v)).isBetween(1L, 1_000_000L));
    }

    @Test
    void checksNarrowNumbers() {
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), "CHECK (((x >= 3) AND (x <= 5)))", false, 300), 300))
                .allSatisfy(v -> assertThat(Integer.parseInt(v)).isBetween(3, 5))
                .contains("3", "4", "5");
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), "CHECK ((x > 5000000))", false, 100), 100))
                .allSatisfy(v -> assertThat(Integer.parseInt(v)).isGreaterThan(5_000_000));
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), "CHECK ((x < '-10'::integer))", false, 100), 100))
                .allSatisfy(v -> assertThat(Integer.parseInt(v)).isLessThan(-10));
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.SMALLINT, "smallint"), "CHECK (((x >= 1) AND (x <= 3) AND (x <> 2)))", false, 100), 100))
                .allSatisfy(v -> assertThat(v).isIn("1", "3"));
        assertThat(values(gen(ColumnType.numeric("numeric(5,2)", 5, 2), "CHECK ((x > (0)::numeric))", false, 1000), 1000))
                .allSatisfy(v -> {
                    BigDecimal d = new BigDecimal(v);
                    assertThat(d.scale()).isEqualTo(2);
                    assertThat(d).isGreaterThan(BigDecimal.ZERO).isLessThan(new BigDecimal("1000"));
                });
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.DOUBLE, "double precision"), "CHECK ((x <= 0.5))", false, 100), 100))
                .allSatisfy(v -> assertThat(Double.parseDouble(v)).isLessThanOrEqualTo(0.5));
    }

    @Test
    void listsAndEnumsChooseFromTheirValues() {
        assertThat(values(gen(ColumnType.sized(ColumnType.Kind.VARCHAR, "varchar(10)", 10),
                "CHECK (((x)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[])))", false, 100), 100))
                .containsOnly("new", "paid");
        ColumnType mood = ColumnType.enumOf("mood", List.of("sad", "ok", "happy"));
        assertThat(values(gen(mood, null, false, 100), 100)).containsOnly("sad", "ok", "happy");
        assertThat(values(gen(mood, "CHECK ((x <> 'sad'::mood))", false, 100), 100)).containsOnly("ok", "happy");
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.BOOLEAN, "boolean"), null, false, 100), 100)).containsOnly("true", "false");
    }

    @Test
    void textHasPlausibleWidthWithinItsLimitsAndUniqueTextEmbedsTheRow() {
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.TEXT, "text"), null, false, 500), 500))
                .allSatisfy(v -> assertThat(v).hasSizeBetween(8, 40).doesNotEndWith(" "));
        assertThat(values(gen(ColumnType.sized(ColumnType.Kind.VARCHAR, "varchar(12)", 12), "CHECK ((length(x) <= 6))", false, 100), 100))
                .allSatisfy(v -> assertThat(v.length()).isBetween(1, 6));
        List<String> unique = values(gen(ColumnType.sized(ColumnType.Kind.VARCHAR, "varchar(20)", 20), null, true, 20_000), 20_000);
        assertThat(new HashSet<>(unique)).hasSize(20_000);
        assertThat(unique).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(20));
        assertThat(unique.get(41)).endsWith("42");
        assertThat(new HashSet<>(values(gen(ColumnType.sized(ColumnType.Kind.CHAR, "character(3)", 3), null, true, 999), 999))).hasSize(999);
    }

    @Test
    void otherTypesHaveTheirLiteralShape() {
        assertThat(gen(ColumnType.of(ColumnType.Kind.UUID, "uuid"), null, false, 1).value(1))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Set<String> uuids = new HashSet<>(values(gen(ColumnType.of(ColumnType.Kind.UUID, "uuid"), null, true, 100_000), 100_000));
        assertThat(uuids).hasSize(100_000);
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.DATE, "date"), null, false, 200), 200)).allSatisfy(v ->
                assertThat(LocalDate.parse(v)).isBetween(LocalDate.of(2021, 1, 1), LocalDate.of(2025, 12, 31)));
        assertThat(values(gen(ColumnType.of(ColumnType.Kind.DATE, "date"), "CHECK ((x >= '2030-06-01'::date))", false, 50), 50))
                .allSatisfy(v -> assertThat(LocalDate.parse(v)).isAfterOrEqualTo(LocalDate.of(2030, 6, 1)));
        assertThat(gen(ColumnType.of(ColumnType.Kind.TIMESTAMPTZ, "timestamptz"), null, false, 1).value(3))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00");
        assertThat(gen(ColumnType.of(ColumnType.Kind.TIME, "time"), null, false, 1).value(3)).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(gen(ColumnType.of(ColumnType.Kind.INET, "inet"), null, false, 1).value(3)).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(gen(ColumnType.of(ColumnType.Kind.BYTEA, "bytea"), null, false, 1).value(3)).matches("\\\\x([0-9a-f]{2})+");
        assertThat(gen(ColumnType.of(ColumnType.Kind.JSONB, "jsonb"), null, false, 1).value(3)).startsWith("{\"id\": 3,");
        assertThat(gen(ColumnType.of(ColumnType.Kind.INTERVAL, "interval"), null, false, 1).value(3)).endsWith(" seconds");
        assertThat(gen(ColumnType.arrayOf(ColumnType.of(ColumnType.Kind.TEXT, "text")), null, false, 1).value(3))
                .matches("\\{\"[a-z ]+\"(,\"[a-z ]+\")*}");
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        ColumnType text = ColumnType.of(ColumnType.Kind.TEXT, "text");
        ColumnRule none = ColumnRule.NONE;
        assertThat(values(Generators.forColumn(text, none, false, 10, 1, 7, PostgresLiterals.INSTANCE), 10))
                .isEqualTo(values(Generators.forColumn(text, none, false, 10, 1, 7, PostgresLiterals.INSTANCE), 10))
                .isNotEqualTo(values(Generators.forColumn(text, none, false, 10, 2, 7, PostgresLiterals.INSTANCE), 10));
    }

    @Test
    void impossibleRequestsAreRefusedUpFront() {
        assertThatThrownBy(() -> gen(ColumnType.of(ColumnType.Kind.INTEGER, "integer"), "CHECK (((x > 10) AND (x < 5)))", false, 1))
                .isInstanceOf(Generators.Impossible.class);
        assertThatThrownBy(() -> gen(ColumnType.of(ColumnType.Kind.SMALLINT, "smallint"), null, true, 40_000))
                .isInstanceOf(Generators.Impossible.class).hasMessageContaining("fewer than 40000 rows");
        assertThatThrownBy(() -> gen(ColumnType.of(ColumnType.Kind.BOOLEAN, "boolean"), null, true, 3))
                .isInstanceOf(Generators.Impossible.class);
        assertThatThrownBy(() -> gen(ColumnType.sized(ColumnType.Kind.CHAR, "character(2)", 2), null, true, 100))
                .isInstanceOf(Generators.Impossible.class);
    }

    @Test
    void permute62IsABijectionOnASample() {
        Set<Long> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) seen.add(Generators.permute62(i));
        assertThat(seen).hasSize(200_000);
    }
}
