package dev.rehearse.analyze;

import dev.rehearse.dialect.Dialect;
import dev.rehearse.dialect.LintContext;
import dev.rehearse.dialect.Rule;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.SqlStatement.Kind;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.model.Verdict;
import dev.rehearse.scenario.EngineSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code lint}: the rule catalog over a migration set without a database. Unlike a per-statement linter it walks
 * the set in order and keeps the state a deploy would create: tables created earlier in the set are new (indexing
 * or altering them hurts nobody), transaction boundaries come from each unit's mode and the script's own BEGIN,
 * and each rule keeps what else it needs in the context's notes (a validated CHECK, a session setting). Each rule's
 * static check decides, at the target engine version, whether the statement is a hazard there at all.
 */
public final class Linter {

    /**
     * @param exclude rule ids accepted project-wide (.rehearse.yaml); their findings are listed as suppressed
     * @param lockTimeoutByTool the deploy sets lock_timeout itself (so missing-lock-timeout does not apply)
     * @param pending the migrations being shipped; the others are the deployed state, read for what they leave
     *                (constraints, settings, tables that are not new) but not judged. Null: each file is pending on its
     *                own, so a table is new only in the file that creates it
     */
    public record Options(EngineSpec engine, Set<String> exclude, boolean lockTimeoutByTool,
                          Predicate<Migration> pending) {
        public static Options of(EngineSpec engine) {
            return new Options(engine, Set.of(), false, null);
        }

        public Options withPending(Predicate<Migration> pending) {
            return new Options(engine, exclude, lockTimeoutByTool, pending);
        }
    }

    /**
     * @param files the pending files judged
     * @param statements their statements
     * @param deployed files read as the deployed state
     */
    public record Result(List<Finding> findings, int files, int statements, int deployed) {
        public List<Finding> counted() {
            return findings.stream().filter(Finding::counts).toList();
        }
    }

    private final Options options;
    private final Dialect dialect;

    public Linter(Options options, Dialect dialect) {
        this.options = options;
        this.dialect = dialect;
    }

    public Result lint(List<Migration> migrations) {
        SetState set = new SetState();
        List<Finding> out = new ArrayList<>();
        int index = 0, files = 0, statements = 0;
        // what the tool's transaction noted, when it stays open into the next pending migration (Drizzle)
        Map<String, String> openTransaction = null;
        for (Migration m : migrations) {
            boolean pending = options.pending() == null || options.pending().test(m);
            if (!pending) {
                openTransaction = null;
                // the deployed state: what it leaves is known, its statements are not the change under review
                FileState file = new FileState(set, m, false);
                for (SqlStatement s : m.statements()) file.statement(s, 0, new ArrayList<>()); // findings discarded
                continue;
            }
            files++;
            statements += m.statements().size();
            Suppressions suppressions = Suppressions.of(m, options.exclude());
            FileState file = new FileState(set, m, true);
            if (openTransaction != null && !m.units().isEmpty() && m.units().get(0).spansMigrations()) {
                file.transactionNotes.putAll(openTransaction);
            }
            List<Finding> found = new ArrayList<>(suppressions.fileProblems());
            List<Map<String, String>> ignores = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) ignores.add(Map.of());
            for (SqlStatement s : m.statements()) {
                index++;
                List<Finding> here = new ArrayList<>();
                Map<String, String> statementIgnores = suppressions.statement(s, here);
                for (int i = 0; i < here.size(); i++) ignores.add(Map.of()); // a suppression does not suppress itself
                int before = here.size();
                file.statement(s, index, here);
                for (int i = before; i < here.size(); i++) ignores.add(statementIgnores);
                found.addAll(here);
            }
            Migration.Unit last = m.units().isEmpty() ? null : m.units().get(m.units().size() - 1);
            // without a pending set each file is a deploy of its own: nothing carries over
            openTransaction = options.pending() != null && last != null && last.spansMigrations()
                    && last.mode() == TransactionMode.TRANSACTION && !file.wrapEnded && !m.refused()
                    ? file.transactionNotes : null;
            for (Finding problem : dev.rehearse.dialect.MintedRules.problems(m)) {
                found.add(problem);
                ignores.add(Map.of());
            }
            Finding open = unterminated(m, dialect);
            if (open != null) {
                found.add(open);
                ignores.add(Map.of());
            }
            Finding rollback = noRollback(m);
            if (rollback != null) {
                found.add(rollback);
                ignores.add(Map.of());
            }
            for (int i = 0; i < found.size(); i++) out.add(suppressions.apply(found.get(i), ignores.get(i)));
        }
        return new Result(out, files, statements, migrations.size() - files);
    }

    /** What the migration set has built up so far, as the deploy would leave it. */
    private static final class SetState {
        /** Created in a pending file: new for the rest of the pending set (when one is named). */
        final Set<String> pendingTables = new HashSet<>();
        /** Created anywhere earlier: CREATE TABLE IF NOT EXISTS of one of them creates nothing. */
        final Set<String> knownTables = new HashSet<>();
        final Map<String, String> notes = new HashMap<>();
    }

    /** One file's walk: its transaction state, and the context each statement's checks see. */
    private final class FileState implements LintContext {
        final SetState set;
        final Migration m;
        final boolean pending;
        final Set<String> createdHere = new HashSet<>();
        final Set<String> reported = new HashSet<>(); // rules reported at most once per file
        final Map<String, String> transactionNotes = new HashMap<>();
        boolean scriptTransaction;
        boolean wrapEnded;
        SqlStatement statement;
        Words words;
        String table;

        FileState(SetState set, Migration m, boolean pending) {
            this.set = set;
            this.m = m;
            this.pending = pending;
        }

        void statement(SqlStatement s, int index, List<Finding> out) {
            Words w = new Words(s.sql(), dialect.words(s.sql()));
            if (w.words().isEmpty()) return;
            if (s.kind() == Kind.TRANSACTION_CONTROL) {
                String first = w.at(0);
                scriptTransaction = first.equals("BEGIN") || first.equals("START");
                if (!scriptTransaction) {
                    wrapEnded = true; // a COMMIT ends the tool's transaction too, as the runner runs it
                    transactionNotes.clear();
                }
                return;
            }
            statement = s;
            // each action of an ALTER TABLE is judged on its own: one action must not hide or taint another
            Set<String> seen = new HashSet<>();
            for (Words aw : dialect.actionWords(w)) {
                words = aw;
                table = LintContext.normal(aw.table());
                for (Rule r : dialect.rules()) {
                    if (r.lint() == null) continue;
                    String detail = r.lint().check(r, this); // every check sees every action: rules keep state
                    if (detail == null || r.facts().oncePerFile() && reported.contains(r.id())) continue;
                    String message = r.title() + (detail.isEmpty() ? "" : "; " + detail);
                    if (!seen.add(r.id() + "\n" + message)) continue;
                    if (r.facts().oncePerFile()) reported.add(r.id());
                    out.add(new Finding(r.id(), r.category(), r.severity(), index, message, r.rewrite().apply(aw),
                            m.name(), s.line(), null));
                }
                remember(aw);
            }
        }

        /**
         * Tables created here are new for the rest of the file, and of the pending set when the file is pending; so is
         * a new table's new name. CREATE TABLE IF NOT EXISTS of a table that exists creates nothing.
         */
        private void remember(Words w) {
            if (w.startsWith("CREATE", "TABLE") || w.startsWith("CREATE", "UNLOGGED", "TABLE")
                    || w.startsWith("CREATE", "TEMP", "TABLE") || w.startsWith("CREATE", "TEMPORARY", "TABLE")
                    || w.startsWith("CREATE", "MATERIALIZED", "VIEW")) {
                boolean existed = w.has("IF", "NOT", "EXISTS") && set.knownTables.contains(table) && !newTable();
                if (!existed) created(table);
            }
            if ((w.startsWith("ALTER", "TABLE") || w.startsWith("RENAME", "TABLE")) && w.has("RENAME", "TO")
                    || w.startsWith("RENAME", "TABLE")) {
                int to = w.indexOf(0, "TO");
                String renamed = to > 0 ? LintContext.normal(w.at(to + 1)) : null;
                if (renamed != null) {
                    if (newTable()) created(renamed);
                    else set.knownTables.add(renamed);
                }
            }
        }

        private void created(String name) {
            set.knownTables.add(name);
            createdHere.add(name);
            if (pending && options.pending() != null) set.pendingTables.add(name);
        }

        @Override public EngineSpec engine() { return options.engine(); }
        @Override public Dialect dialect() { return dialect; }
        @Override public SqlStatement statement() { return statement; }
        @Override public Words words() { return words; }
        @Override public String table() { return table; }
        @Override public boolean newTable() { return createdHere.contains(table) || set.pendingTables.contains(table); }
        @Override public TransactionMode mode() { return m.unitOf(statement).mode(); }
        @Override public boolean inScriptTransaction() { return scriptTransaction; }
        @Override public boolean inTransaction() {
            return scriptTransaction || mode() == TransactionMode.TRANSACTION && !wrapEnded;
        }
        @Override public boolean lockTimeoutByTool() { return options.lockTimeoutByTool(); }
        @Override public Map<String, String> setNotes() { return set.notes; }
        @Override public Map<String, String> transactionNotes() { return transactionNotes; }
    }

    /**
     * The script's own {@code BEGIN} that no {@code COMMIT}/{@code ROLLBACK} closes before the file ends, or null:
     * what becomes of its changes is the tool's accident (psql rolls them back at exit; a wrapping tool commits them).
     */
    static SqlStatement unterminatedBegin(Migration m, Dialect dialect) {
        SqlStatement open = null;
        for (SqlStatement s : m.statements()) {
            if (s.kind() != Kind.TRANSACTION_CONTROL) continue;
            List<String> w = dialect.words(s.sql());
            if (w.isEmpty()) continue;
            String first = w.get(0);
            if (first.equals("BEGIN") || first.equals("START")) open = s;
            else if ((first.equals("COMMIT") || first.equals("END") || first.equals("ROLLBACK"))
                    && !(w.size() > 1 && w.get(1).equals("TO"))) open = null;
        }
        return open;
    }

    /** The finding of {@link #unterminatedBegin}, or null. */
    static Finding unterminated(Migration m, Dialect dialect) {
        SqlStatement begin = unterminatedBegin(m, dialect);
        // inside a tool's transaction a trailing BEGIN reopens what the tool's own COMMIT then ends (COMMIT; ...; BEGIN;)
        if (begin == null || m.unitOf(begin).mode() == TransactionMode.TRANSACTION) return null;
        Rule r = dev.rehearse.dialect.MintedRules.UNTERMINATED_TRANSACTION;
        return new Finding(r.id(), r.category(), r.severity(), null, m.name() + ":" + begin.line()
                + " opens a transaction that nothing in the file commits or rolls back", r.advice(), m.name(),
                begin.line(), null);
    }

    /** A file of several statements that cannot share a transaction, with no rollback script. */
    private Finding noRollback(Migration m) {
        List<SqlStatement> changes = m.statements().stream().filter(s -> changes(s, dialect)).toList();
        boolean nonTx = changes.stream().anyMatch(s -> s.kind() == Kind.NON_TRANSACTIONAL);
        boolean ownTx = m.statements().stream().anyMatch(s -> s.kind() == Kind.TRANSACTION_CONTROL);
        if (changes.size() <= 1 || !nonTx || ownTx || m.hasRollback()) return null;
        Rule r = Rules.byId("no-rollback-non-transactional");
        String unprotected = unprotectedByTransaction(m, dialect)
                .map(lines -> " (its tool's transaction does not protect them: " + dialect.kind().id()
                        + " commits implicitly at every DDL statement, line " + lines + ")").orElse("");
        return new Finding(r.id(), r.category(), r.severity(), null,
                m.name() + " runs " + changes.size() + " statements that cannot share one transaction" + unprotected
                        + " and has no rollback script: a failure part-way leaves it half-applied",
                "Give each non-transactional statement its own migration, or add " + rollbackName(m) + ".",
                m.name(), changes.get(0).line(), null);
    }

    /**
     * The lines of the statements the migration's tool wraps in its transaction (Flyway's, Liquibase's changeSet,
     * {@code transaction: always}) that the server commits implicitly all the same (MySQL / MariaDB DDL), joined by
     * commas; empty when there are none.
     */
    public static java.util.Optional<String> unprotectedByTransaction(Migration m, Dialect dialect) {
        List<String> lines = new java.util.ArrayList<>();
        for (Migration.Unit u : m.units()) {
            if (u.mode() != TransactionMode.TRANSACTION) continue;
            for (SqlStatement s : u.statements()) {
                if (s.kind() != Kind.TRANSACTION_CONTROL && dialect.commitsImplicitly(new Rule.Words(s.sql(), dialect.words(s.sql())))) {
                    lines.add(String.valueOf(s.line()));
                }
            }
        }
        return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", lines));
    }

    /** Whether a rollback would have anything to undo: not session settings, not a bare query. */
    static boolean changes(SqlStatement s, Dialect dialect) {
        if (s.kind() == Kind.TRANSACTION_CONTROL) return false;
        List<String> w = dialect.words(s.sql());
        if (w.isEmpty()) return false;
        String first = w.get(0);
        return !(first.equals("SET") || first.equals("RESET") || first.equals("SHOW")
                || first.equals("SELECT") && !w.contains("INTO"));
    }

    static String rollbackName(Migration m) {
        String n = m.file().getFileName().toString();
        return n.endsWith(".sql") ? n.substring(0, n.length() - 4) + ".down.sql" : n + ".down.sql";
    }

    /** The report of a lint run: the same model and categories as {@code run}, from static severities. */
    public static Report report(Result result, EngineSpec engine, String version, double wallSeconds) {
        List<Finding> counted = result.counted();
        List<Report.CategoryResult> categories = Judgement.categories(counted,
                c -> "No rule of this category matched", f -> f.file() + ":" + f.line() + " " + f.message());
        Verdict verdict = Judgement.verdict(counted);
        long suppressed = result.findings().size() - counted.size();
        String reason = verdict == Verdict.SAFE_TO_SHIP
                ? "no rule matched " + result.statements() + " statements in " + result.files() + " files"
                + (suppressed > 0 ? " (" + suppressed + " suppressed)" : "")
                + (result.deployed() > 0 ? "; " + result.deployed() + " earlier files read as deployed" : "")
                : counted.stream().filter(f -> f.status() == Judgement.worst(counted)).findFirst()
                .map(Finding::message).orElse("");
        return new Report(new Report.Tool("rehearse", version),
                new Report.Engine(engine.kind().id(), engine.version(), null), verdict, reason, categories, List.of(),
                result.findings(), null, null, null,
                new Report.Run(java.time.Instant.now().toString(), wallSeconds, null, null, null, null, null),
                null); // nothing was sampled
    }
}
