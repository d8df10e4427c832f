package dev.rehearse.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration as its tool runs it: ordered units of statements, each with the transaction mode the tool gives it.
 *
 * @param name how reports name it (the path relative to the migrations root)
 * @param version the tool's version of it (Flyway's V-number, a timestamp prefix), null when it has none
 * @param rollback the file its down/undo lives in (a {@code down.sql}, or the changelog holding a rollback block), or
 *                 null when it has none
 * @param down the down migration's units as its tool would run them, empty when the source cannot say (a rollback
 *             file named but not read) or there is none
 * @param problems what the source could not turn into SQL (an untranslated Rails call) or what the tool would refuse
 *                 before running anything (Flyway's mixed transactional and non-transactional statements), each at
 *                 its line: reported by lint and run, never skipped silently
 */
public record Migration(String name, Path file, String version, List<Unit> units, Path rollback, List<Unit> down,
                        List<Problem> problems) {

    /**
     * Statements the tool runs together, in one mode.
     *
     * @param spansMigrations a TRANSACTION unit whose transaction the tool keeps open into the next migration when
     *                        that one's first unit spans too, committing after the last (Drizzle runs all pending
     *                        migrations in one transaction)
     */
    public record Unit(List<SqlStatement> statements, TransactionMode mode, boolean spansMigrations) {
        public Unit {
            statements = List.copyOf(statements);
        }

        public Unit(List<SqlStatement> statements, TransactionMode mode) {
            this(statements, mode, false);
        }
    }

    /**
     * Something in the source that is not a statement run as written.
     *
     * @param line in {@code file}, 1-based; null when it is about the whole file
     * @param refused true when the tool itself would refuse the migration (nothing of it runs at deploy), false when
     *                the source could not translate a part of it (the rest runs; the part is missing)
     */
    public record Problem(Integer line, String message, boolean refused) {}

    public Migration {
        units = List.copyOf(units);
        down = down == null ? List.of() : List.copyOf(down);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public Migration(String name, Path file, String version, List<Unit> units, Path rollback) {
        this(name, file, version, units, rollback, List.of(), List.of());
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

    /** Whether it can be undone: a down script or block exists. */
    public boolean hasRollback() {
        return rollback != null || !down.isEmpty();
    }

    /** Whether the tool would refuse it before running any of it. */
    public boolean refused() {
        return problems.stream().anyMatch(Problem::refused);
    }

    public boolean hasNonTransactional() {
        return statements().stream().anyMatch(s -> s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL);
    }

    public boolean managesOwnTransaction() {
        return statements().stream().anyMatch(s -> s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL);
    }
}
