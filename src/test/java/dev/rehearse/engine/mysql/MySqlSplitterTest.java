package dev.rehearse.engine.mysql;

import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.SqlStatement.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class MySqlSplitterTest {

    private static List<SqlStatement> split(String sql) {
        return new MySqlSplitter().split(sql);
    }

    @Test
    void splitsOnSemicolonsOutsideStringsIdentifiersAndComments() {
        String sql = """
                # hash comment; not a statement
                INSERT INTO `we;ird` VALUES ('a;b', "c;d", 'it''s', 'back\\\\'';'); -- trailing; comment
                /* block; comment */ UPDATE t SET x = 1;
                """;
        assertThat(split(sql)).extracting(SqlStatement::line, SqlStatement::kind).containsExactly(
                tuple(2, Kind.TRANSACTIONAL), tuple(3, Kind.TRANSACTIONAL));
        assertThat(split(sql).get(0).comments()).containsExactly("# hash comment; not a statement");
        assertThat(split(sql).get(1).comments()).containsExactly("-- trailing; comment", "/* block; comment */");
    }

    @Test
    void doubleDashNeedsASpaceToStartAComment() {
        assertThat(split("SELECT 1--1;\nSELECT 2;")).extracting(SqlStatement::sql).containsExactly("SELECT 1--1", "SELECT 2");
    }

    @Test
    void delimiterLinesChangeTheTerminatorForRoutineBodies() {
        String sql = """
                DELIMITER //
                CREATE PROCEDURE p()
                BEGIN
                  UPDATE t SET x = 1;
                  SELECT 2;
                END //
                DELIMITER ;
                ALTER TABLE t ADD COLUMN y INT;
                """;
        List<SqlStatement> out = split(sql);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).sql()).startsWith("CREATE PROCEDURE p()").endsWith("END");
        assertThat(out.get(0).line()).isEqualTo(2);
        assertThat(out.get(1)).extracting(SqlStatement::line, SqlStatement::kind).containsExactly(8, Kind.NON_TRANSACTIONAL);
    }

    @Test
    void executableCommentsAreCode() {
        List<SqlStatement> out = split("/*!40101 SET NAMES utf8mb4 */;\n/*!80000 ALTER TABLE t MODIFY c BIGINT */;");
        assertThat(out).hasSize(2);
        assertThat(MySqlSplitter.words(out.get(1).sql())).containsExactly("ALTER", "TABLE", "T", "MODIFY", "C", "BIGINT");
    }

    @Test
    void wordsUpperCaseKeywordsAndUnquoteBackticks() {
        assertThat(MySqlSplitter.words("alter table `Order Items` add column `note` text after `id`"))
                .containsExactly("ALTER", "TABLE", "Order Items", "ADD", "COLUMN", "note", "TEXT", "AFTER", "id");
    }

    @Test
    void transactionControlAndDdlAreClassified() {
        assertThat(split("START TRANSACTION; UPDATE t SET a = 1; COMMIT; CREATE INDEX i ON t (a);"))
                .extracting(SqlStatement::kind)
                .containsExactly(Kind.TRANSACTION_CONTROL, Kind.TRANSACTIONAL, Kind.TRANSACTION_CONTROL, Kind.NON_TRANSACTIONAL);
    }

    @Test
    void unterminatedStringNamesItsLine() {
        assertThatThrownBy(() -> split("SELECT 1;\n\nSELECT 'oops;\n"))
                .isInstanceOf(SqlSplitException.class)
                .satisfies(e -> assertThat(((SqlSplitException) e).line()).isEqualTo(3));
    }
}
