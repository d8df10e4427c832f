package dev.rehearse.engine.postgres;

import dev.rehearse.engine.postgres.PostgresLexer.Token;
import dev.rehearse.engine.postgres.PostgresLexer.Token.Type;
import dev.rehearse.migrate.SqlSplitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class PostgresLexerTest {

    private static List<Token> lex(String sql) {
        return PostgresLexer.tokenize(sql);
    }

    private static List<String> texts(String sql) {
        return lex(sql).stream().map(Token::text).toList();
    }

    private static List<Type> types(String sql) {
        return lex(sql).stream().map(Token::type).toList();
    }

    @Test
    void classifiesTheBasicTokens() {
        assertThat(lex("SELECT t.a, $1::int FROM \"T\" WHERE x[1] >= 10.5;"))
                .extracting(Token::type, Token::text)
                .containsExactly(
                        tuple(Type.WORD, "SELECT"), tuple(Type.WORD, "t"), tuple(Type.PUNCT, "."), tuple(Type.WORD, "a"),
                        tuple(Type.PUNCT, ","), tuple(Type.PARAM, "$1"), tuple(Type.OPERATOR, "::"), tuple(Type.WORD, "int"),
                        tuple(Type.WORD, "FROM"), tuple(Type.QUOTED_IDENT, "\"T\""), tuple(Type.WORD, "WHERE"),
                        tuple(Type.WORD, "x"), tuple(Type.PUNCT, "["), tuple(Type.NUMBER, "1"), tuple(Type.PUNCT, "]"),
                        tuple(Type.OPERATOR, ">="), tuple(Type.NUMBER, "10.5"), tuple(Type.SEMICOLON, ";"));
    }

    @Test
    void offsetsPointAtTheSourceText() {
        String sql = "  SELECT 'a''b' -- c\n, \"x\"";
        for (Token t : lex(sql)) assertThat(sql.substring(t.start(), t.end())).isEqualTo(t.text());
    }

    @Test
    void emptyAndBlankInputHaveNoTokens() {
        assertThat(lex("")).isEmpty();
        assertThat(lex(" \t\r\n\f ")).isEmpty();
    }

    @Test
    void lineCommentRunsToEndOfLineAndHidesSemicolonsAndQuotes() {
        assertThat(lex("a -- it's; \"not\" $$ code\nb"))
                .extracting(Token::type, Token::text, Token::line)
                .containsExactly(tuple(Type.WORD, "a", 1), tuple(Type.COMMENT, "-- it's; \"not\" $$ code", 1),
                        tuple(Type.WORD, "b", 2));
    }

    @Test
    void lineCommentAtEndOfInputNeedsNoNewline() {
        assertThat(types("a --")).containsExactly(Type.WORD, Type.COMMENT);
    }

    @Test
    void blockCommentsNest() {
        assertThat(texts("/* outer /* inner; ' */ still comment \" */ x"))
                .containsExactly("/* outer /* inner; ' */ still comment \" */", "x");
        assertThat(texts("/**/x/***/y")).containsExactly("/**/", "x", "/***/", "y");
    }

    @Test
    void stringsDoubleTheirQuotesAndHideSemicolons() {
        assertThat(lex("'it''s; fine' x"))
                .extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.STRING, "'it''s; fine'"), tuple(Type.WORD, "x"));
        assertThat(texts("'' ''''")).containsExactly("''", "''''");
    }

    @Test
    void backslashIsLiteralInStandardStrings() {
        assertThat(texts("'C:\\' x")).containsExactly("'C:\\'", "x");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertThat(lex("E'it\\'s; \\\\' e'a''b' x"))
                .extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.STRING, "E'it\\'s; \\\\'"), tuple(Type.STRING, "e'a''b'"), tuple(Type.WORD, "x"));
    }

    @Test
    void prefixedStringsAreStrings() {
        assertThat(lex("U&'d\\0061t;' B'1010' X'fF' N'x' u&\"a;b\""))
                .extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.STRING, "U&'d\\0061t;'"), tuple(Type.STRING, "B'1010'"),
                        tuple(Type.STRING, "X'fF'"), tuple(Type.STRING, "N'x'"), tuple(Type.QUOTED_IDENT, "u&\"a;b\""));
    }

    @Test
    void aWordEndingInEIsNotAnEscapeStringPrefix() {
        assertThat(texts("name='x'")).containsExactly("name", "=", "'x'");
    }

    @Test
    void quotedIdentifiersDoubleTheirQuotes() {
        assertThat(lex("\"a\"\"b;c\" d"))
                .extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.QUOTED_IDENT, "\"a\"\"b;c\""), tuple(Type.WORD, "d"));
    }

    @Test
    void dollarQuotesHideEverythingUntilTheirOwnTag() {
        assertThat(lex("$$ a; 'b $x$ $$ c"))
                .extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.DOLLAR_STRING, "$$ a; 'b $x$ $$"), tuple(Type.WORD, "c"));
        String body = "$fn$ BEGIN RETURN $$;$$ || ';' || $Fn$; END $fn$";
        assertThat(lex(body + ";")).extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.DOLLAR_STRING, body), tuple(Type.SEMICOLON, ";"));
    }

    @Test
    void dollarDigitsAreParameters() {
        assertThat(lex("$1 + $23")).extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.PARAM, "$1"), tuple(Type.OPERATOR, "+"), tuple(Type.PARAM, "$23"));
    }

    @Test
    void dollarSignsInsideWordsDoNotQuote() {
        assertThat(lex("a$$b $_x1$ y $_x1$")).extracting(Token::type, Token::text)
                .containsExactly(tuple(Type.WORD, "a$$b"), tuple(Type.DOLLAR_STRING, "$_x1$ y $_x1$"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "3.14", ".5", "1e10", "1.5E-3", "2e+4", "0x1F", "0o17", "0b101", "1_000_000", "7."})
    void numbers(String number) {
        assertThat(lex(number)).extracting(Token::type, Token::text).containsExactly(tuple(Type.NUMBER, number));
    }

    @Test
    void numberRangeDotsAreNotFractions() {
        assertThat(texts("1..2")).containsExactly("1", "..", "2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a=-1       | a,=,-,1",
            "a<>b       | a,<>,b",
            "j->>'k'    | j,->>,'k'",
            "x@-y       | x,@-,y",
            "a*--c      | a,*,--c",
            "a+/*c*/b   | a,+,/*c*/,b",
            "f(x:=1)    | f,(,x,:=,1,)",
            "a!=b       | a,!=,b",
            "p => 1     | p,=>,1"})
    void operatorsFollowThePostgresRules(String sql, String expected) {
        assertThat(texts(sql)).containsExactly(expected.split(","));
    }

    @Test
    void lineNumbersCountNewlinesInsideStringsAndComments() {
        String sql = "a 'x\ny'\n/* 1\n2 */ b $$\n\n$$ \"q\nq\" c\r\nd -- e\nf";
        assertThat(lex(sql)).extracting(Token::text, Token::line).containsExactly(
                tuple("a", 1), tuple("'x\ny'", 1), tuple("/* 1\n2 */", 3), tuple("b", 4), tuple("$$\n\n$$", 4),
                tuple("\"q\nq\"", 6), tuple("c", 7), tuple("d", 8), tuple("-- e", 8), tuple("f", 9));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "'abc                | 1 | unterminated quoted string",
            "x\\n\\nE'it\\'s      | 3 | unterminated quoted string",
            "E'ends in \\'       | 1 | unterminated quoted string",
            "a\\n\"ident         | 2 | unterminated quoted identifier",
            "a\\n/* x /* y */ z  | 2 | unterminated /* comment",
            "a;\\n\\n$tag$ x $$  | 3 | unterminated dollar-quoted string $tag$",
            "$$ x $ $            | 1 | unterminated dollar-quoted string $$",
            "$a$ x $A$           | 1 | unterminated dollar-quoted string $a$"})
    void unterminatedConstructsReportWhereTheyStart(String sql, int line, String message) {
        String unescaped = sql.replace("\\n", "\n");
        assertThatThrownBy(() -> lex(unescaped))
                .isInstanceOf(SqlSplitException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((SqlSplitException) e).line()).isEqualTo(line));
    }

    @Test
    void wordsUpperCaseKeywordsAndKeepQuotedNamesAndStrings() {
        assertThat(PostgresLexer.words("create /* c */ index \"MyIdx\" on s.t (x) where y = 'Concurrently' -- z"))
                .containsExactly("CREATE", "INDEX", "MyIdx", "ON", "S", ".", "T", "(", "X", ")", "WHERE", "Y", "=",
                        "'Concurrently'");
        assertThat(PostgresLexer.words("ALTER TABLE \"a\"\"b\" ADD c int DEFAULT $1"))
                .containsExactly("ALTER", "TABLE", "a\"b", "ADD", "C", "INT", "DEFAULT", "$1");
        assertThat(PostgresLexer.words("-- only a comment")).isEmpty();
    }
}
