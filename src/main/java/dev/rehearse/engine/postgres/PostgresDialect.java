package dev.rehearse.engine.postgres;

import dev.rehearse.dialect.AlterActions;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.dialect.LockMode;
import dev.rehearse.dialect.Rule;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** What PostgreSQL 10-18 is, without a server. */
final class PostgresDialect implements Dialect {

    private final ServerVersion version;
    private final PostgresSplitter splitter;

    PostgresDialect(ServerVersion version) {
        this.version = version;
        this.splitter = new PostgresSplitter(version.major());
    }

    @Override
    public EngineSpec.Kind kind() {
        return EngineSpec.Kind.POSTGRES;
    }

    @Override
    public ServerVersion version() {
        return version;
    }

    @Override
    public SqlSplitter splitter() {
        return splitter;
    }

    @Override
    public List<String> words(String sql) {
        return PostgresLexer.words(sql);
    }

    @Override
    public List<String> actions(String sql) {
        List<AlterActions.Token> tokens = new java.util.ArrayList<>();
        for (PostgresLexer.Token t : PostgresLexer.tokenize(sql)) {
            if (t.type() == PostgresLexer.Token.Type.COMMENT) continue;
            boolean punct = t.type() == PostgresLexer.Token.Type.PUNCT;
            tokens.add(new AlterActions.Token(t.text(), punct && t.text().equals("("), punct && t.text().equals(")"),
                    punct && t.text().equals(","), t.start(), t.end()));
        }
        return AlterActions.split(sql, tokens, java.util.Set.of());
    }

    @Override
    public List<Rule> rules() {
        return PostgresRules.ALL;
    }

    @Override
    public LockMode.Table lockModes() {
        return PostgresLockModes.TABLE;
    }

    /** SQLSTATEs of the PostgreSQL manual's appendix A. */
    @Override
    public ErrorClass classify(SQLException e) {
        return classify(e.getSQLState());
    }

    @Override
    public Integer errorLine(SQLException e, String sql) {
        return lineOfError(e, sql);
    }

    /** The line of the server's error position (ErrorResponse 'P', 1-based characters of the query sent). */
    static Integer lineOfError(SQLException e, String sql) {
        if (!(e instanceof org.postgresql.util.PSQLException p) || p.getServerErrorMessage() == null || sql == null) return null;
        int position = p.getServerErrorMessage().getPosition();
        if (position < 1) return null;
        int line = 1;
        // the server counts characters (code points) of the text it was sent
        int end = sql.offsetByCodePoints(0, Math.min(position - 1, sql.codePointCount(0, sql.length())));
        for (int i = 0; i < end; i++) if (sql.charAt(i) == '\n') line++;
        return line;
    }

    static ErrorClass classify(String sqlState) {
        if (sqlState == null) return ErrorClass.OTHER;
        return switch (sqlState) {
            case "55P03" -> ErrorClass.LOCK_TIMEOUT;            // lock_not_available
            case "57014" -> ErrorClass.STATEMENT_TIMEOUT;       // query_canceled
            case "25001" -> ErrorClass.NOT_IN_TRANSACTION;      // active_sql_transaction
            case "42601" -> ErrorClass.SYNTAX;                  // syntax_error
            default -> sqlState.startsWith("23") ? ErrorClass.CONSTRAINT_VIOLATION : ErrorClass.OTHER;
        };
    }

    /** The forms that take ACCESS EXCLUSIVE, EXCLUSIVE, SHARE ROW EXCLUSIVE or SHARE on their table. */
    @Override
    public boolean requestsBlockingLock(Rule.Words w, SqlStatement.Kind kind) {
        if (w.startsWith("ALTER", "TABLE")) {
            // these subforms take SHARE UPDATE EXCLUSIVE: they block no application query
            return !(w.has("VALIDATE", "CONSTRAINT") || w.has("SET", "STATISTICS") || w.has("SET", "(")
                    || w.has("RESET", "(") || w.has("CLUSTER", "ON") || w.has("ATTACH", "PARTITION")
                    || w.has("DETACH", "PARTITION") && w.hasAny("CONCURRENTLY", "FINALIZE"));
        }
        if (w.startsWith("ALTER", "DOMAIN") && (w.has("ADD") && !w.has("NOT", "VALID") || w.has("VALIDATE")
                || w.has("SET", "NOT", "NULL"))) {
            return true; // SHARE on every table whose columns use the domain, while it checks them
        }
        if (kind == SqlStatement.Kind.NON_TRANSACTIONAL && !w.startsWith("VACUUM")) return false; // CONCURRENTLY forms
        return w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX") || w.startsWith("DROP", "INDEX")
                || w.startsWith("REINDEX") || w.startsWith("CLUSTER") || w.startsWith("VACUUM") && PostgresRules.vacuumFull(w)
                || w.startsWith("TRUNCATE") || w.startsWith("DROP", "TABLE") || w.startsWith("LOCK");
    }

    @Override
    public String blockingLockWording() {
        return "reads or writes";
    }

    @Override
    public String defaultSchema() {
        return "public";
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String statementTimeoutSql(int ms) {
        return "SET statement_timeout = " + ms;
    }

    @Override
    public Operations operations() {
        return new Operations("SELECT pid, pg_blocking_pids(pid) AS blocked_by, now() - query_start AS waiting, left(query, 80)"
                + " FROM pg_stat_activity WHERE wait_event_type = 'Lock' ORDER BY query_start;",
                "SELECT pg_cancel_backend(<id>);", "SET lock_timeout = '<ms>ms';");
    }

    @Override
    public Properties connectionProperties(String role) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", role); // pgjdbc: application_name in pg_stat_activity and the log
        return p;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public String passwordVariable() {
        return "PGPASSWORD";
    }
}
