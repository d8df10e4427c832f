package dev.rehearse.dialect;

import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;

import java.util.Locale;
import java.util.Map;

/**
 * What a rule's static check sees of one statement: the statement, the engine it targets, and the state the
 * migration set has built up to it, as a deploy would leave it. The linter keeps the generic state (tables created
 * earlier, transaction boundaries); rules keep their own in the notes.
 */
public interface LintContext {

    EngineSpec engine();

    Dialect dialect();

    SqlStatement statement();

    Rule.Words words();

    /** The table the statement is about, unqualified and lower-cased ({@code ?} when none). */
    String table();

    /** The table was created earlier in the set, so nobody uses it yet: altering or indexing it hurts nobody. */
    boolean newTable();

    /** The mode the statement's migration tool runs its unit in. */
    TransactionMode mode();

    /** Inside a BEGIN ... COMMIT the script opens itself. */
    boolean inScriptTransaction();

    /** Inside a transaction: its unit's or the script's own. */
    default boolean inTransaction() {
        return mode() == TransactionMode.TRANSACTION || inScriptTransaction();
    }

    /** The deploy sets lock_timeout itself (.rehearse.yaml {@code lock_timeout}). */
    boolean lockTimeoutByTool();

    /** Notes rules keep for the rest of the migration set (a validated CHECK, a session setting). */
    Map<String, String> setNotes();

    /** Notes that last until the statement's transaction ends (its COMMIT, or the end of its file). */
    Map<String, String> transactionNotes();

    /** A name as rules compare names: unqualified, lower-cased. */
    static String normal(String name) {
        if (name == null) return "?";
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).toLowerCase(Locale.ROOT);
    }
}
