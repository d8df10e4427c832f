package dev.rehearse.engine.postgres;

import dev.rehearse.seed.ColumnRule;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms below are what pg_get_constraintdef prints (PostgreSQL 16), copied verbatim. */
class PostgresCheckParserTest {

    private static ColumnRule rule(String definition, String column) {
        dev.rehearse.seed.CheckInterpreter.Reading r = PostgresCheckParser.parse(definition, null);
        assertThat(r.complete()).as(definition).isTrue();
        return r.rules().get(column);
    }

    @Test
    void comparisonsWithConstantsBecomeBounds() {
        assertThat(rule("CHECK ((a > '-5'::integer))", "a").lower()).containsExactly(new ColumnRule.Bound("-5", false));
        assertThat(rule("CHECK ((o >= '-1.5'::numeric))", "o").lower()).containsExactly(new ColumnRule.Bound("-1.5", true));
        assertThat(rule("CHECK ((a < 100)) NOT VALID", "a").upper()).containsExactly(new ColumnRule.Bound("100", false));
        assertThat(rule("CHECK ((i >= '2020-01-01'::date))", "i").lower()).containsExactly(new ColumnRule.Bound("2020-01-01", true));
        // constant on the left: the comparison flips
        assertThat(rule("CHECK ((0 < q))", "q").lower()).containsExactly(new ColumnRule.Bound("0", false));
        assertThat(rule("CHECK ((k <> (0)::double precision))", "k").excluded()).containsExactly("0");
        assertThat(rule("CHECK ((rating = 5))", "rating").allowed()).containsExactly("5");
    }

    @Test
    void betweenPrintsAsAndOfTwoBounds() {
        ColumnRule r = rule("CHECK (((e >= 1) AND (e <= 10)))", "e");
        assertThat(r.lower()).containsExactly(new ColumnRule.Bound("1", true));
        assertThat(r.upper()).containsExactly(new ColumnRule.Bound("10", true));
        ColumnRule b = rule("CHECK (((b > (0)::numeric) AND (b < 100.5)))", "b");
        assertThat(b.lower()).containsExactly(new ColumnRule.Bound("0", false));
        assertThat(b.upper()).containsExactly(new ColumnRule.Bound("100.5", false));
    }

    @Test
    void inAndNotInListsWithCasts() {
        assertThat(rule("CHECK ((c = ANY (ARRAY['x'::text, 'y'::text])))", "c").allowed()).containsExactly("x", "y");
        assertThat(rule("CHECK (((d)::text = ANY ((ARRAY['p'::character varying, 'q'::character varying])::text[])))", "d")
                .allowed()).containsExactly("p", "q");
        assertThat(rule("CHECK ((j <> ALL (ARRAY[1, 2])))", "j").excluded()).isEqualTo(Set.of("1", "2"));
    }

    @Test
    void lengthsNotNullAndNullableAlternatives() {
        assertThat(rule("CHECK ((length(f) <= 5))", "f").maxLength()).isEqualTo(5);
        assertThat(rule("CHECK ((char_length((g)::text) < 9))", "g").maxLength()).isEqualTo(8);
        assertThat(rule("CHECK ((h IS NOT NULL))", "h").notNull()).isTrue();
        assertThat(rule("CHECK (((m IS NULL) OR (m <> ''::text)))", "m").excluded()).containsExactly("");
        assertThat(rule("CHECK ((p <> 'it''s a\\b'::text))", "p").excluded()).containsExactly("it's a\\b");
        assertThat(rule("CHECK ((\"Odd Name\" >= 3))", "Odd Name").lower()).hasSize(1);
    }

    @Test
    void domainChecksSpeakOfValue() {
        dev.rehearse.seed.CheckInterpreter.Reading r = PostgresCheckParser.parse("CHECK ((VALUE > 0))", "qty");
        assertThat(r.rules().get("qty").lower()).containsExactly(new ColumnRule.Bound("0", false));
    }

    @Test
    void conjunctionsMergePerColumn() {
        ColumnRule r = rule("CHECK ((((a >= 1) AND (a <= 9)) AND (a = ANY (ARRAY[2, 4, 20]))))", "a");
        assertThat(r.lower()).hasSize(1);
        assertThat(r.upper()).hasSize(1);
        assertThat(r.allowed()).containsExactly("2", "4", "20");
        ColumnRule both = ColumnRule.allowed(List.of("a", "b", "c")).and(ColumnRule.allowed(List.of("c", "b")));
        assertThat(both.allowed()).containsExactly("b", "c");
    }

    @Test
    void whatItCannotReadIsReportedIncompleteButKeepsWhatItCould() {
        assertThat(PostgresCheckParser.parse("CHECK ((total = (price * (qty)::numeric)))", null).complete()).isFalse();
        assertThat(PostgresCheckParser.parse("CHECK ((ends_at > starts_at))", null).complete()).isFalse();
        dev.rehearse.seed.CheckInterpreter.Reading partial = PostgresCheckParser.parse("CHECK (((qty > 0) AND (lower(code) <> code)))", null);
        assertThat(partial.complete()).isFalse();
        assertThat(partial.rules().get("qty").lower()).hasSize(1);
        assertThat(PostgresCheckParser.parse("CHECK ((CASE WHEN a THEN b ELSE c END))", null).complete()).isFalse();
    }
}
