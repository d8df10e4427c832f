package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.seed.CheckInterpreter;
import dev.rehearse.seed.ColumnRule;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forms below are what MariaDB 10.11.5 and 11.4.5 print in {@code information_schema.CHECK_CONSTRAINTS.CHECK_CLAUSE}
 * (the schema reader wraps them in {@code CHECK (...)}), copied verbatim from the servers.
 */
class MariaDbCheckParserTest {

    private static ColumnRule rule(String clause, String column) {
        CheckInterpreter.Reading r = MariaDbCheckParser.parse("CHECK (" + clause + ")", null);
        assertThat(r.complete()).as(clause).isTrue();
        return r.rules().get(column);
    }

    @Test
    void comparisonsWithConstantsBecomeBounds() {
        assertThat(rule("`a` > 0", "a").lower()).containsExactly(new ColumnRule.Bound("0", false));
        assertThat(rule("`i` >= -1.5", "i").lower()).containsExactly(new ColumnRule.Bound("-1.5", true));
        assertThat(rule("`t` >= '2024-01-01'", "t").lower()).containsExactly(new ColumnRule.Bound("2024-01-01", true));
        assertThat(rule("10 < `high`", "high").lower()).containsExactly(new ColumnRule.Bound("10", false));
        assertThat(rule("`g` <> 'no'", "g").excluded()).containsExactly("no");
        assertThat(rule("`r` = 5", "r").allowed()).containsExactly("5");
    }

    @Test
    void betweenInAndNotIn() {
        ColumnRule b = rule("`c` between 1 and 10", "c");
        assertThat(b.lower()).containsExactly(new ColumnRule.Bound("1", true));
        assertThat(b.upper()).containsExactly(new ColumnRule.Bound("10", true));
        assertThat(rule("`b` in ('x','y\\'z','w\\\\q')", "b").allowed()).containsExactly("x", "y'z", "w\\q");
        assertThat(rule("`g` not in (4,5)", "g").excluded()).isEqualTo(Set.of("4", "5"));
        ColumnRule h = rule("`h` <> 3 and `h` <> 4", "h");
        assertThat(h.excluded()).isEqualTo(Set.of("3", "4"));
    }

    @Test
    void lengthsNotNullAndNullableAlternatives() {
        assertThat(rule("char_length(`d`) >= 3", "d").minLength()).isEqualTo(3);
        assertThat(rule("octet_length(`e`) <= 5", "e").maxLength()).isEqualTo(5);
        assertThat(rule("`f` is not null", "f").notNull()).isTrue();
        assertThat(rule("`j` is null or `j` > 100", "j").lower()).containsExactly(new ColumnRule.Bound("100", false));
        assertThat(rule("`odd ``name``` >= 3", "odd `name`").lower()).hasSize(1);
    }

    @Test
    void whatItCannotFollowIsIncompleteAndLeftToTheServer() {
        assertThat(MariaDbCheckParser.parse("CHECK (`a` + `b` = 1000003)", null).complete()).isFalse();
        assertThat(MariaDbCheckParser.parse("CHECK (`j` < `k` or `j` is null)", null).complete()).isFalse();
        assertThat(MariaDbCheckParser.parse("CHECK (`k` not between 5 and 6)", null).complete()).isFalse();
        assertThat(MariaDbCheckParser.parse("CHECK (`s` like 'a%')", null).complete()).isFalse();
        CheckInterpreter.Reading part = MariaDbCheckParser.parse("CHECK (`a` > 0 and `a` * 2 < `b`)", null);
        assertThat(part.complete()).isFalse();
        assertThat(part.rules().get("a").lower()).containsExactly(new ColumnRule.Bound("0", false));
        assertThat(MariaDbCheckParser.parse("CHECK (`a` > ", null).complete()).isFalse();
    }
}
