package dev.rehearse.engine.mysql;

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
import java.util.Map;
import java.util.Properties;

/** What MySQL (and, through its sub-package, MariaDB) is, without a server. */
public class MySqlDialect implements Dialect {

    /**
     * Table metadata locks as {@code performance_schema.metadata_locks} names them, with the compatibility matrix of
     * the servers' {@code sql/mdl.cc} (MySQL and MariaDB alike): a plain read takes SHARED_READ, DML SHARED_WRITE,
     * so SHARED_NO_WRITE (COPY, LOCK=SHARED) blocks writes and SHARED_NO_READ_WRITE / EXCLUSIVE block both;
     * SHARED_UPGRADABLE (an online ALTER's phase) blocks neither.
     */
    private static final String S = "SHARED", SH = "SHARED_HIGH_PRIO", SR = "SHARED_READ", SW = "SHARED_WRITE",
            SU = "SHARED_UPGRADABLE", SRO = "SHARED_READ_ONLY", SNW = "SHARED_NO_WRITE", SNRW = "SHARED_NO_READ_WRITE",
            X = "EXCLUSIVE";
    private static final LockMode.Table METADATA_LOCKS = LockMode.Table.of(List.of(S, SH, SR, SW, SU, SRO, SNW, SNRW, X),
            Map.of(S, java.util.Set.of(X), SH, java.util.Set.of(X), SR, java.util.Set.of(SNRW, X),
                    SW, java.util.Set.of(SRO, SNW, SNRW, X), SU, java.util.Set.of(SU, SNW, SNRW, X),
                    SRO, java.util.Set.of(SW, SNRW, X), SNW, java.util.Set.of(SW, SU, SNW, SNRW, X),
                    SNRW, java.util.Set.of(SR, SW, SU, SRO, SNW, SNRW, X),
                    X, java.util.Set.of(S, SH, SR, SW, SU, SRO, SNW, SNRW, X)),
            SR, SW);

    private final EngineSpec.Kind kind;
    private final ServerVersion version;
    private final List<Rule> rules;

    protected MySqlDialect(EngineSpec.Kind kind, ServerVersion version) {
        this.kind = kind;
        this.version = version;
        this.rules = MySqlRules.forKind(kind);
    }

    MySqlDialect(ServerVersion version) {
        this(EngineSpec.Kind.MYSQL, version);
    }

    @Override
    public EngineSpec.Kind kind() {
        return kind;
    }

    @Override
    public ServerVersion version() {
        return version;
    }

    @Override
    public SqlSplitter splitter() {
        return new MySqlSplitter();
    }

    @Override
    public List<String> words(String sql) {
        return MySqlSplitter.words(sql);
    }

    /** ALGORITHM= and LOCK= govern the whole ALTER: they go with every action. */
    @Override
    public List<String> actions(String sql) {
        List<AlterActions.Token> tokens = new java.util.ArrayList<>();
        for (MySqlSplitter.Token t : MySqlSplitter.tokenize(sql)) {
            if (t.type() == MySqlSplitter.Token.Type.COMMENT) continue;
            boolean punct = t.type() == MySqlSplitter.Token.Type.PUNCT;
            tokens.add(new AlterActions.Token(t.text(), punct && t.text().equals("("), punct && t.text().equals(")"),
                    punct && t.text().equals(","), t.start(), t.end()));
        }
        return AlterActions.split(sql, tokens, java.util.Set.of("ALGORITHM", "LOCK"));
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public LockMode.Table lockModes() {
        return METADATA_LOCKS;
    }

    /** Server error numbers of MySQL's error reference (MariaDB shares them). */
    @Override
    public Integer errorLine(SQLException e, String sql) {
        // ER_PARSE_ERROR (1064) says "... near '...' at line N", N counted within the statement sent
        if (e.getErrorCode() != 1064 || e.getMessage() == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at line (\\d{1,9})\\s*$").matcher(e.getMessage().strip());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    @Override
    public ErrorClass classify(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1205 -> ErrorClass.LOCK_TIMEOUT;        // ER_LOCK_WAIT_TIMEOUT, metadata locks included
            case 3024, 1969 -> ErrorClass.STATEMENT_TIMEOUT; // max_execution_time; MariaDB max_statement_time
            case 1064 -> ErrorClass.SYNTAX;               // ER_PARSE_ERROR
            case 1845, 1846 -> ErrorClass.ALGORITHM_REFUSED; // ER_ALTER_OPERATION_NOT_SUPPORTED(_REASON)
            default -> e.getSQLState() != null && e.getSQLState().startsWith("23")
                    ? ErrorClass.CONSTRAINT_VIOLATION : ErrorClass.OTHER;
        };
    }

    /**
     * The statements MySQL's manual lists under "Statements That Cause an Implicit Commit" (MariaDB's KB page of the
     * same name agrees): data definition, account management, table maintenance and LOCK TABLES. A TEMPORARY table's
     * CREATE / DROP does not commit.
     */
    @Override
    public boolean commitsImplicitly(Rule.Words w) {
        if (w.words().isEmpty() || !MySqlSplitter.IMPLICIT_COMMIT.contains(w.words().get(0))) return false;
        return !(w.startsWith("CREATE", "TEMPORARY") || w.startsWith("DROP", "TEMPORARY"));
    }

    /** DDL that takes an exclusive metadata lock, at least to start and to finish. */
    @Override
    public boolean requestsBlockingLock(Rule.Words w, SqlStatement.Kind kind) {
        return w.startsWith("ALTER", "TABLE") || w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX")
                || w.startsWith("DROP", "INDEX") || w.startsWith("RENAME", "TABLE") || w.startsWith("TRUNCATE")
                || w.startsWith("DROP", "TABLE") || w.startsWith("OPTIMIZE");
    }

    @Override
    public String blockingLockWording() {
        return "the table: exclusive metadata lock";
    }

    /** A table name is qualified by its database, which is the connection's; there is no default schema to add. */
    @Override
    public String defaultSchema() {
        return null;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Connector/J sends these as connection attributes (performance_schema.session_connect_attrs). */
    /** MySQL's max_execution_time (read-only SELECTs only); MariaDB's max_statement_time is in seconds. */
    @Override
    public String statementTimeoutSql(int ms) {
        return kind == EngineSpec.Kind.MARIADB ? "SET SESSION max_statement_time = " + (ms / 1000.0) : "SET SESSION max_execution_time = " + ms;
    }

    @Override
    public Operations operations() {
        // a metadata-lock wait shows in the processlist's state; lock_wait_timeout bounds it (seconds)
        return new Operations("SELECT id, time AS waiting_s, state, LEFT(info, 80) FROM information_schema.processlist"
                + " WHERE state LIKE 'Waiting for%lock%' ORDER BY time DESC;",
                "KILL QUERY <id>;", "SET SESSION lock_wait_timeout = <seconds>;");
    }

    @Override
    public Properties connectionProperties(String role) {
        Properties p = new Properties();
        p.setProperty("connectionAttributes", "program_name:" + role);
        return p;
    }

    @Override
    public String passwordVariable() {
        return "MYSQL_PWD";
    }
}
