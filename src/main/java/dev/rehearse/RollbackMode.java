package dev.rehearse;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --rollback}: the migrations rehearsed on the user's copy in one transaction on the migration session, rolled
 * back at the end (and by the server if the tool dies: a session's open transaction ends with it), so the copy is left
 * as it was. What that decides:
 * <ul>
 *   <li>Only the migration session writes. The copy is the baseline: no baseline schema, no seeded rows (rows another
 *   session loads are committed; rows loaded inside the transaction are invisible to the workload), no deployed
 *   migrations applied (on a copy of production they are there already), no downs (nothing is left to undo). The
 *   default workload runs on tables named with {@code rows: 0}, on the rows they hold: its updates set the key to
 *   itself, so values stay as they were (row versions move, as any vacuum-visible write does).</li>
 *   <li>The workload and the lock sampler are other sessions: they see the locks the open transaction holds and queue
 *   behind them exactly as in a deploy, and see none of its changes until the end, when there is no commit to see.</li>
 *   <li>One transaction for all the migrations: each one's locks are held until the end, as a tool that runs its
 *   pending set in one transaction holds them (Drizzle); with several migrations a later one's impact includes the
 *   earlier ones' locks, so the run says so. The settle pause between migrations is skipped (it would only lengthen
 *   those locks).</li>
 *   <li>Statements that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, ...) and a script's own
 *   BEGIN/COMMIT (which would end the transaction) are refused before anything starts, naming file and line: running
 *   them would commit, and running them otherwise would rehearse something else.</li>
 *   <li>Engines whose DDL commits implicitly (MySQL, MariaDB) refuse {@code --rollback}.</li>
 * </ul>
 */
final class RollbackMode {

    private RollbackMode() {}

    /** Refuses what cannot be rolled back, before any server is reached. */
    static void check(Scenario scenario, Dialect dialect, List<SqlStatement> schema, boolean profile) {
        if (scenario.provider() != Provider.EXTERNAL) {
            throw new InvalidInputException("--rollback is for --provider external (a server rehearse starts is thrown"
                    + " away after the run anyway)");
        }
        if (!dialect.transactionalDdl()) {
            throw new InvalidInputException("--rollback: " + scenario.engine().kind().id() + " commits DDL implicitly"
                    + " (CREATE, ALTER and DROP end the open transaction), so a rehearsal on it cannot be rolled back;"
                    + " rehearse on a copy you can throw away, without --rollback");
        }
        if (!schema.isEmpty()) {
            throw new InvalidInputException("--rollback rehearses on the copy as it is: drop the baseline schema"
                    + " (--schema, schema:), which would be committed");
        }
        if (profile) {
            throw new InvalidInputException("--rollback seeds nothing: drop the data profile (--profile, data.profile)");
        }
        scenario.data().tables().forEach((table, data) -> {
            if (data.rows() > 0) {
                throw new InvalidInputException("--rollback seeds nothing (rows loaded by another session would be"
                        + " committed): give the tables the workload should run on as " + table + "=0 (rows: 0),"
                        + " not " + data.rows() + " rows");
            }
        });
    }

    /** The migrations as one transaction that spans them all; refuses a statement that would end it. */
    static List<Migration> oneTransaction(List<Migration> migrations, Consumer<String> progress) {
        for (Migration m : migrations) {
            for (SqlStatement s : m.statements()) {
                if (s.kind() == SqlStatement.Kind.NON_TRANSACTIONAL) {
                    throw InvalidInputException.at(m.file(), s.line(), "--rollback: this statement cannot run inside"
                            + " the transaction rehearse rolls back (" + firstWords(s.sql()) + "); rehearse it without"
                            + " --rollback on a copy you can throw away");
                }
                if (s.kind() == SqlStatement.Kind.TRANSACTION_CONTROL) {
                    throw InvalidInputException.at(m.file(), s.line(), "--rollback: the script's own " + firstWords(s.sql())
                            + " would end the transaction rehearse rolls back; rehearse it without --rollback");
                }
            }
        }
        if (migrations.size() > 1) {
            progress.accept("rollback: " + migrations.size() + " migrations in one transaction, rolled back at the end:"
                    + " each one's locks are held until then, so later statements' impact includes earlier locks");
        }
        return migrations.stream().map(m -> new Migration(m.name(), m.file(), m.version(),
                List.of(new Migration.Unit(m.statements(), TransactionMode.TRANSACTION, true)), m.rollback(), m.down(),
                m.problems())).toList();
    }

    private static String firstWords(String sql) {
        String[] w = sql.strip().split("\\s+", 4);
        return String.join(" ", java.util.Arrays.copyOf(w, Math.min(w.length, 3)));
    }
}
