package dev.rehearse.dialect;

import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.ServerVersion;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * What an engine knows at one server version, without a server: how its scripts split into statements, the
 * words rules match, its rule catalog and lock modes, what its errors mean, and how it names things. Available
 * for every engine, including those this build cannot rehearse (lint needs only this).
 */
public interface Dialect {

    EngineSpec.Kind kind();

    ServerVersion version();

    SqlSplitter splitter();

    /** A statement's significant tokens, keywords upper-cased, for the rule catalog. */
    List<String> words(String sql);

    /**
     * A statement's actions, each as a statement of its own: an ALTER TABLE of several actions gives one per action;
     * any other statement is itself.
     */
    default List<String> actions(String sql) {
        return List.of(sql);
    }

    /**
     * The statement's actions as words, each to be judged on its own. Only an ALTER TABLE with a comma can have
     * several, so no other statement is read twice.
     */
    default List<Rule.Words> actionWords(Rule.Words statement) {
        if (!statement.startsWith("ALTER", "TABLE") || !statement.words().contains(",")) return List.of(statement);
        List<String> actions = actions(statement.sql());
        if (actions.size() == 1) return List.of(statement);
        return actions.stream().map(a -> new Rule.Words(a, words(a))).toList();
    }

    /** The rule catalog in match order: {@code run} names a statement by the first rule whose words match. */
    List<Rule> rules();

    LockMode.Table lockModes();

    default LockMode lockMode(String name) {
        return lockModes().of(name);
    }

    ErrorClass classify(SQLException e);

    /** As {@link dev.rehearse.migrate.StatementProbe#errorLine}: where in the statement the server put its error. */
    default Integer errorLine(SQLException e, String sql) {
        return null;
    }

    /**
     * Whether the server commits the open transaction before running the statement and runs it on its own (MySQL and
     * MariaDB DDL): a migration tool's transaction around it protects neither it nor what ran before it. False where
     * DDL is transactional (PostgreSQL).
     */
    default boolean commitsImplicitly(Rule.Words words) {
        return false;
    }

    /**
     * Whether schema changes can be rolled back with the transaction that made them, so that a rehearsal on a user's
     * copy can be undone ({@code --rollback}): PostgreSQL's DDL is transactional; MySQL's and MariaDB's commits.
     */
    default boolean transactionalDdl() {
        return false;
    }

    /** Whether the statement requests a table lock that blocks the application (for missing-lock-timeout). */
    boolean requestsBlockingLock(Rule.Words words, SqlStatement.Kind kind);

    /** How that lock reads in a finding: what it blocks. */
    String blockingLockWording();

    /** The schema an unqualified table name resolves to, or null where names are not schema-qualified. */
    String defaultSchema();

    /** The name as the engine reports relations: unqualified in the default schema, qualified elsewhere. */
    default String displayName(String name) {
        String prefix = defaultSchema() == null ? null : defaultSchema() + ".";
        return prefix != null && name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** The name qualified with the default schema when it has no schema of its own. */
    default String qualified(String name) {
        return name.contains(".") || defaultSchema() == null ? name : defaultSchema() + "." + name;
    }

    String quote(String identifier);

    /** Connection properties that make a connection's role visible on the server (session lists, logs). */
    Properties connectionProperties(String role);

    /**
     * The session setting that makes the server cancel a statement running past {@code ms} (the application's own
     * statement timeout on the workload's sessions), or null when the engine has none.
     */
    default String statementTimeoutSql(int ms) {
        return null;
    }

    /**
     * What an operator runs during a deploy, for the runbook: the query listing sessions that wait on a lock (and who
     * blocks them), the statement cancelling a session's query ({@code <id>} for the session), and the session setting
     * of a lock timeout ({@code <ms>} or, where the server counts whole seconds, {@code <seconds>});
     * null when the engine gives none.
     */
    default Operations operations() {
        return null;
    }

    /** See {@link #operations()}. */
    record Operations(String waitingSessionsSql, String cancelSql, String lockTimeoutSql) {}

    /** The environment variable the engine's own clients read a password from, or null. */
    String passwordVariable();
}
