package dev.rehearse.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamedSqlTest {

    @Test
    void placeholdersBecomeQuestionMarksInOrder() {
        NamedSql n = NamedSql.parse("INSERT INTO orders (id, customer_id) VALUES (:new_id, :customer) RETURNING :new_id");
        assertThat(n.jdbc()).isEqualTo("INSERT INTO orders (id, customer_id) VALUES (?, ?) RETURNING ?");
        assertThat(n.names()).containsExactly("new_id", "customer", "new_id");
    }

    @Test
    void quotedTextCommentsAndCastsAreLeftAlone() {
        NamedSql n = NamedSql.parse("SELECT ':no', \"col:umn\", 'it''s :no', E'\\' :no', $$ :no $$, $t$ :no $t$ -- :no\n"
                + "/* :no */ , :yes::int, x::text FROM t WHERE a = :a");
        assertThat(n.names()).containsExactly("yes", "a");
        assertThat(n.jdbc()).isEqualTo("SELECT ':no', \"col:umn\", 'it''s :no', E'\\' :no', $$ :no $$, $t$ :no $t$ -- :no\n"
                + "/* :no */ , ?::int, x::text FROM t WHERE a = ?");
    }

    @Test
    void positionalParametersAndArraySlicesAreNotPlaceholders() {
        assertThat(NamedSql.parse("SELECT $1, arr[1:2] FROM t").names()).isEmpty();
    }
}
