package dev.rehearse.migrate;

/**
 * One statement of a migration script, as the splitter found it.
 *
 * @param sql the statement text without its trailing semicolon, comments inside it preserved
 * @param line the 1-based line of the statement's first token in its file
 * @param kind whether it may run inside a transaction block
 * @param comments the comments between the previous statement and this one, as written (suppressions live there)
 */
public record SqlStatement(String sql, int line, Kind kind, java.util.List<String> comments) {

    public SqlStatement {
        comments = comments == null ? java.util.List.of() : java.util.List.copyOf(comments);
    }

    public SqlStatement(String sql, int line, Kind kind) {
        this(sql, line, kind, java.util.List.of());
    }

    public enum Kind {
        /** May run inside a transaction block. */
        TRANSACTIONAL,
        /** Refused inside a transaction block: CREATE INDEX CONCURRENTLY, VACUUM, ... */
        NON_TRANSACTIONAL,
        /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK: the script manages its own transaction. */
        TRANSACTION_CONTROL
    }
}
