package dev.rehearse.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration as its tool runs it: ordered units of statements, each with the transaction mode the tool gives it.
 *
 * @param name how reports name it (the path relative to the migrations root)
 * @param version the tool's version of it (Flyway's V-number, a timestamp prefix), null when it has none
 * @param rollback the matching down/undo script, or null
 */
public record Migration(String name, Path file, String version, List<Unit> units, Path rollback) {

    /** Statements the tool runs together, in one mode. */
    public record Unit(List<SqlStatement> statements, TransactionMode mode) {
        public Unit {
            statements = List.copyOf(statements);
        }
    }

    public Migration {
        units = List.copyOf(units);
    }

    /** One unit. */
    public static Migration of(String name, Path file, List<SqlStatement> statements, TransactionMode mode, Path rollback) {
        return new Migration(name, file, null, List.of(new Unit(statements, mode)), rollback);
    }

    /** Every statement, in order. */
    public List<SqlStatement> statements() {
        return units.stream().flatMap(u -> u.statements().stream()).toList();
    }

    /** The unit a statement of this migration belongs to. */
    public Unit unitOf(SqlStatement s) {
        for (Unit u : units) if (u.statements().contains(s)) return u;
        throw new IllegalArgumentException("not a statement of " + name);
    }

    public boolean hasNonTransactional() {
        return statements().stream().anyMatch(s -> s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL);
    }

    public boolean managesOwnTransaction() {
        return statements().stream().anyMatch(s -> s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL);
    }
}
