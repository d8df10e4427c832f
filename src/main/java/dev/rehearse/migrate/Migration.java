package dev.rehearse.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration file, split into statements.
 *
 * @param name how reports name it (the path relative to the migrations root)
 * @param rollback the matching down/undo script, or null
 */
public record Migration(String name, Path file, List<SqlStatement> statements, Path rollback) {

    public Migration {
        statements = List.copyOf(statements);
    }

    public boolean hasNonTransactional() {
        return statements.stream().anyMatch(s -> s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL);
    }

    public boolean managesOwnTransaction() {
        return statements.stream().anyMatch(s -> s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL);
    }
}
