package dev.rehearse.engine.postgres;

import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.SqlStatement.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class PostgresSplitterTest {

    private static List<SqlStatement> split(String sql) {
        return new PostgresSplitter(16).split(sql);
    }

    private static List<String> sqls(String sql) {
        return split(sql).stream().map(SqlStatement::sql).toList();
    }

    private static Kind kind(int major, String sql) {
        List<SqlStatement> statements = new PostgresSplitter(major).split(sql);
        assertThat(statements).hasSize(1);
        return statements.get(0).kind();
    }

    @Test
    void splitsOnSemicolonsAndKeepsLines() {
        assertThat(split("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n\n  SELECT 1;"))
                .containsExactly(
                        new SqlStatement("CREATE TABLE a (id int)", 1, Kind.TRANSACTIONAL),
                        new SqlStatement("INSERT INTO a VALUES (1)", 2, Kind.TRANSACTIONAL),
                        new SqlStatement("SELECT 1", 4, Kind.TRANSACTIONAL));
    }

    @Test
    void emptyInputAndEmptyStatementsYieldNothing() {
        assertThat(split("")).isEmpty();
        assertThat(split("  \n\t")).isEmpty();
        assertThat(split(";;\n ; -- just a comment\n/* and another */")).isEmpty();
        assertThat(sqls("SELECT 1;;SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void trailingStatementNeedsNoSemicolon() {
        assertThat(split("SELECT 1;\nSELECT 2\n")).extracting(SqlStatement::sql, SqlStatement::line)
                .containsExactly(tuple("SELECT 1", 1), tuple("SELECT 2", 2));
    }

    @Test
    void commentsBeforeAStatementAttachToItAndCommentsInsideAreKept() {
        String sql = """
                -- header; with 'quotes'
                /* block; "x" */
                CREATE TABLE t ( -- the table; it's new
                  id int /* key; */
                ) -- trailing
                ;
                -- footer
                """;
        assertThat(split(sql)).containsExactly(new SqlStatement(
                "CREATE TABLE t ( -- the table; it's new\n  id int /* key; */\n)", 3, Kind.TRANSACTIONAL,
                java.util.List.of("-- header; with 'quotes'", "/* block; \"x\" */")));
    }

    @Test
    void nestedBlockCommentsHideSemicolons() {
        assertThat(sqls("/* outer /* inner; */ still; */ SELECT 1; SELECT /* a /* b */ ; */ 2"))
                .containsExactly("SELECT 1", "SELECT /* a /* b */ ; */ 2");
    }

    @Test
    void stringsAndQuotedIdentifiersHideSemicolons() {
        assertThat(sqls("INSERT INTO t VALUES ('a;b', 'it''s; ok');"
                + "SELECT E'it\\'s; fine', \"we;ird\"\"col\" FROM t;SELECT 'C:\\';"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; ok')",
                        "SELECT E'it\\'s; fine', \"we;ird\"\"col\" FROM t", "SELECT 'C:\\'");
    }

    @Test
    void dollarQuotedBodiesAreOneToken() {
        String fn = """
                CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$
                BEGIN
                  RAISE NOTICE 'x;';
                  RETURN $$;$$ || $a$ $fn $a$;
                END;
                $fn$""";
        String sql = fn + ";\nSELECT f();";
        assertThat(split(sql)).extracting(SqlStatement::sql, SqlStatement::line)
                .containsExactly(tuple(fn, 1), tuple("SELECT f()", 7));
    }

    @Test
    void doBlocksAreOneStatement() {
        String block = "DO $$\nBEGIN\n  PERFORM 1;\n  COMMIT;\nEND\n$$";
        // a DO block that commits cannot run inside a transaction block (SQLSTATE 2D000): it runs in autocommit
        assertThat(split(block + ";\nVACUUM;")).extracting(SqlStatement::sql, SqlStatement::kind)
                .containsExactly(tuple(block, Kind.NON_TRANSACTIONAL), tuple("VACUUM", Kind.NON_TRANSACTIONAL));
        String plain = "DO $$ BEGIN PERFORM 1; RAISE NOTICE 'no commit'; END $$";
        assertThat(split(plain + ";")).extracting(SqlStatement::kind).containsExactly(Kind.TRANSACTIONAL);
    }

    @Test
    void parametersAreNotDollarQuotes() {
        assertThat(sqls("PREPARE p AS SELECT $1 || $2; EXECUTE p('a', 'b');"))
                .containsExactly("PREPARE p AS SELECT $1 || $2", "EXECUTE p('a', 'b')");
    }

    @Test
    void beginAtomicBodiesKeepTheirSemicolons() {
        String fn = """
                CREATE OR REPLACE FUNCTION grade(score int) RETURNS text LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN score > 90 THEN 'A;' ELSE CASE WHEN score > 50 THEN 'B' END END;
                  SELECT (CASE score WHEN 0 THEN 'zero' END);
                END""";
        String proc = "create procedure p() begin atomic insert into t values (1); insert into t values (2); end";
        assertThat(split(fn + ";\n" + proc + ";\nSELECT grade(1);"))
                .extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::kind)
                .containsExactly(tuple(fn, 1, Kind.TRANSACTIONAL), tuple(proc, 6, Kind.TRANSACTIONAL),
                        tuple("SELECT grade(1)", 7, Kind.TRANSACTIONAL));
    }

    @Test
    void beginOutsideARoutineIsTransactionControlNotABody() {
        assertThat(split("BEGIN;\nCREATE TABLE atomic (begin int);\nCOMMIT;"))
                .extracting(SqlStatement::sql, SqlStatement::kind)
                .containsExactly(tuple("BEGIN", Kind.TRANSACTION_CONTROL),
                        tuple("CREATE TABLE atomic (begin int)", Kind.TRANSACTIONAL),
                        tuple("COMMIT", Kind.TRANSACTION_CONTROL));
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t)";
        assertThat(sqls(rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
    }

    @Test
    void lineNumbersCountMultiLineStringsAndComments() {
        String sql = "SELECT 'a\nb\nc';\n/* one\ntwo */ SELECT 2;\n-- x\n\nSELECT\n3";
        assertThat(split(sql)).extracting(SqlStatement::line).containsExactly(1, 5, 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BEGIN", "begin transaction isolation level serializable", "BEGIN WORK", "START TRANSACTION",
            "COMMIT", "COMMIT AND CHAIN", "END", "end transaction", "ROLLBACK", "ROLLBACK WORK", "ABORT",
            "/* c */ Rollback", "PREPARE TRANSACTION 'tx1'"})
    void transactionControl(String sql) {
        assertThat(kind(16, sql)).isEqualTo(Kind.TRANSACTION_CONTROL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ROLLBACK TO SAVEPOINT s", "ROLLBACK TO s", "ROLLBACK WORK TO SAVEPOINT s", "ROLLBACK TRANSACTION TO s",
            "SAVEPOINT s", "RELEASE SAVEPOINT s", "START something", "PREPARE transaction AS SELECT 1"})
    void savepointsAndLookalikesAreTransactional(String sql) {
        assertThat(kind(16, sql)).isEqualTo(Kind.TRANSACTIONAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX CONCURRENTLY i ON t (a)",
            "create unique index concurrently if not exists i on t (a)",
            "CREATE /* why */ INDEX -- note\n CONCURRENTLY i ON t (a)",
            "DROP INDEX CONCURRENTLY i",
            "DROP INDEX CONCURRENTLY IF EXISTS i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX TABLE CONCURRENTLY t",
            "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
            "REINDEX (CONCURRENTLY) TABLE t",
            "REINDEX (VERBOSE, CONCURRENTLY true) INDEX i",
            "REINDEX SYSTEM",
            "REINDEX SYSTEM app",
            "REINDEX DATABASE app",
            "REINDEX (VERBOSE) DATABASE app",
            "REINDEX SCHEMA public",
            "VACUUM",
            "VACUUM FULL t",
            "vacuum (verbose, analyze) t",
            "VACUUM ANALYZE",
            "CREATE DATABASE app",
            "DROP DATABASE IF EXISTS app",
            "ALTER DATABASE app SET TABLESPACE fast",
            "CREATE TABLESPACE fast LOCATION '/ssd'",
            "DROP TABLESPACE fast",
            "ALTER SYSTEM SET work_mem = '64MB'",
            "ALTER SYSTEM RESET ALL",
            "CLUSTER",
            "CLUSTER VERBOSE",
            "CLUSTER (VERBOSE)",
            "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY",
            "ALTER TABLE IF EXISTS s.events DETACH PARTITION s.events_2020 CONCURRENTLY",
            "CREATE SUBSCRIPTION sub CONNECTION 'host=x' PUBLICATION pub",
            "DROP SUBSCRIPTION sub",
            "ALTER SUBSCRIPTION sub REFRESH PUBLICATION",
            "ALTER SUBSCRIPTION sub REFRESH PUBLICATION WITH (copy_data = false)",
            "ALTER SUBSCRIPTION sub SET PUBLICATION p2",
            "ALTER SUBSCRIPTION sub ADD PUBLICATION p2 WITH (refresh = true)",
            "COMMIT PREPARED 'tx1'",
            "ROLLBACK PREPARED 'tx1'",
            "DISCARD ALL"})
    void refusedInsideATransactionBlock(String sql) {
        assertThat(kind(16, sql)).isEqualTo(Kind.NON_TRANSACTIONAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX i ON t (a)",
            "CREATE UNIQUE INDEX i ON t (a)",
            "CREATE INDEX concurrently_idx ON t (a)",
            "CREATE INDEX \"CONCURRENTLY\" ON t (a)",
            "DROP INDEX i",
            "REINDEX TABLE t",
            "REINDEX INDEX i",
            "REINDEX (CONCURRENTLY false) TABLE t",
            "REINDEX (VERBOSE) TABLE t",
            "ANALYZE t",
            "ALTER DATABASE app SET work_mem = '64MB'",
            "ALTER DATABASE app RENAME TO app2",
            "ALTER TABLESPACE fast RENAME TO faster",
            "CLUSTER t USING idx",
            "CLUSTER VERBOSE t",
            "CLUSTER (VERBOSE) t USING idx",
            "ALTER TABLE events DETACH PARTITION events_2020",
            "ALTER TABLE events DETACH PARTITION events_2020 FINALIZE",
            "ALTER TABLE t ADD COLUMN c int",
            "ALTER SUBSCRIPTION sub DISABLE",
            "ALTER SUBSCRIPTION sub SET PUBLICATION p2 WITH (refresh = false)",
            "ALTER SUBSCRIPTION sub OWNER TO bob",
            "CREATE PUBLICATION pub FOR ALL TABLES",
            "DISCARD PLANS",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
            "SELECT 'VACUUM'",
            "-- VACUUM\nSELECT 1"})
    void allowedInsideATransactionBlock(String sql) {
        assertThat(kind(16, sql)).isEqualTo(Kind.TRANSACTIONAL);
    }

    @Test
    void alterTypeAddValueIsRefusedInATransactionOnlyBefore12() {
        String sql = "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok'";
        assertThat(kind(11, sql)).isEqualTo(Kind.NON_TRANSACTIONAL);
        assertThat(kind(10, "alter type public.mood add value 'meh'")).isEqualTo(Kind.NON_TRANSACTIONAL);
        assertThat(kind(12, sql)).isEqualTo(Kind.TRANSACTIONAL);
        assertThat(kind(17, sql)).isEqualTo(Kind.TRANSACTIONAL);
        assertThat(kind(11, "ALTER TYPE mood RENAME VALUE 'meh' TO 'fine'")).isEqualTo(Kind.TRANSACTIONAL);
    }

    @Test
    void classifiesEachStatementOfAScript() {
        String sql = """
                BEGIN;
                ALTER TABLE t ADD COLUMN c int;
                ROLLBACK TO SAVEPOINT s;
                COMMIT;
                CREATE INDEX CONCURRENTLY i ON t (c);
                """;
        assertThat(split(sql)).extracting(SqlStatement::kind).containsExactly(Kind.TRANSACTION_CONTROL,
                Kind.TRANSACTIONAL, Kind.TRANSACTIONAL, Kind.TRANSACTION_CONTROL, Kind.NON_TRANSACTIONAL);
    }

    @Test
    void unterminatedConstructsFailWithTheLineTheyStartOn() {
        assertThatThrownBy(() -> split("SELECT 1;\nSELECT 'oops;\nSELECT 3;"))
                .isInstanceOfSatisfying(SqlSplitException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e).hasMessage("unterminated quoted string");
                });
        assertThatThrownBy(() -> split("SELECT 1;\n\nDO $body$ BEGIN END $$;"))
                .isInstanceOfSatisfying(SqlSplitException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e).hasMessage("unterminated dollar-quoted string $body$");
                });
        assertThatThrownBy(() -> split("SELECT 1; /* a /* b */\nSELECT 2;"))
                .isInstanceOfSatisfying(SqlSplitException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThatThrownBy(() -> split("SELECT \"x;\nFROM t;"))
                .isInstanceOfSatisfying(SqlSplitException.class, e -> assertThat(e).hasMessage("unterminated quoted identifier"));
    }
}
