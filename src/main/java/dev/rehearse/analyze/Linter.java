package dev.rehearse.analyze;

import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Verdict;
import dev.rehearse.model.Status;
import dev.rehearse.model.Category;
import dev.rehearse.dialect.Rule.Claim;
import dev.rehearse.dialect.Rule.Words;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.SqlStatement.Kind;
import dev.rehearse.model.Report;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lint}: the rule catalog over a migration set without a database. Unlike a per-statement linter it
 * walks the set in order and keeps the state a deploy would create: tables created earlier in the set are new
 * (indexing or altering them hurts nobody), a validated {@code CHECK (col IS NOT NULL)} lets SET NOT NULL skip
 * its scan on PostgreSQL 12+, a {@code SET lock_timeout} covers what follows, transaction boundaries decide
 * whether CONCURRENTLY can run and whether a VALIDATE gained anything. Each rule's claim at the target engine
 * version decides whether the statement is a hazard there at all.
 */
public final class Linter {

    /**
     * @param exclude rule ids accepted project-wide (.rehearse.yaml); their findings are listed as suppressed
     * @param lockTimeoutByTool the deploy sets lock_timeout itself (so missing-lock-timeout does not apply)
     */
    public record Options(EngineSpec engine, Set<String> exclude, boolean lockTimeoutByTool) {
        public static Options of(EngineSpec engine) {
            return new Options(engine, Set.of(), false);
        }
    }

    public record Result(List<Finding> findings, int files, int statements) {
        public List<Finding> counted() {
            return findings.stream().filter(Finding::counts).toList();
        }
    }

    private static final Pattern IGNORE = Pattern.compile("rehearse:ignore(-file)?(?=\\s|$)[ \\t]*([^\\s*]*)[ \\t]*([^\\r\\n]*)");
    private static final Set<String> KEEP_FOR_NEW_TABLES = Set.of("fk-on-delete-cascade", "enum-value-ordering",
            "concurrently-in-transaction");

    private final Options options;
    private final Dialect dialect;
    private final List<Rule> catalog;
    private final boolean postgres;

    public Linter(Options options, Dialect dialect) {
        this.options = options;
        this.dialect = dialect;
        this.catalog = dialect.rules();
        this.postgres = options.engine().kind() == EngineSpec.Kind.POSTGRES;
    }

    // ---- state of the migration set as the deploy would leave it ----
    private final Set<String> newTables = new HashSet<>();
    private final Map<String, String> pendingNotNull = new HashMap<>(); // NOT VALID check name -> table.col
    private final Set<String> validNotNull = new HashSet<>();
    private boolean lockTimeoutSet;
    private boolean foreignKeyChecksOff;

    public Result lint(List<Migration> migrations) {
        List<Finding> out = new ArrayList<>();
        int index = 0;
        lockTimeoutSet = options.lockTimeoutByTool();
        foreignKeyChecksOff = false;
        newTables.clear();
        pendingNotNull.clear();
        validNotNull.clear();
        for (Migration m : migrations) {
            FileState f = new FileState(m);
            List<Finding> fileFindings = new ArrayList<>();
            for (SqlStatement s : m.statements()) {
                index++;
                List<Finding> found = new ArrayList<>();
                statement(f, s, index, found);
                fileFindings.addAll(suppress(f, s, found, index));
            }
            fileFindings.addAll(fileLevel(f, index - m.statements().size() + 1));
            out.addAll(applyFileSuppressions(f, fileFindings));
        }
        return new Result(out, migrations.size(), index);
    }

    /** What the file's own structure implies: one transaction (auto mode) unless it cannot be. */
    private final class FileState {
        final Migration m;
        final Map<String, Suppression> fileIgnores = new LinkedHashMap<>();
        final List<Finding> suppressionFindings = new ArrayList<>();
        final boolean wrapped; // the tool runs the file in one transaction (its source says so)
        boolean explicitTx;
        boolean lockTimeoutReported;
        final Map<String, String> notValidInTx = new HashMap<>(); // constraint -> lock its ADD took

        FileState(Migration m) {
            this.m = m;
            wrapped = postgres && m.units().stream().allMatch(u -> u.mode() == TransactionMode.TRANSACTION);
            String text;
            try {
                text = Files.readString(m.file());
            } catch (IOException | RuntimeException e) {
                text = "";
            }
            if (text.contains("rehearse:ignore-file")) {
                for (String line : text.split("\\R")) {
                    String t = line.strip();
                    if (!(t.startsWith("--") || t.startsWith("#") || t.startsWith("/*"))) continue;
                    Matcher mt = IGNORE.matcher(t);
                    if (mt.find() && mt.group(1) != null) {
                        Suppression sup = parse(mt, "file");
                        int lineNo = lineOf(text, line);
                        if (check(sup, m, lineNo, suppressionFindings)) fileIgnores.put(sup.rule(), sup);
                    }
                }
            }
        }

        boolean inTransaction() {
            return wrapped || explicitTx;
        }
    }

    /**
     * The suppressions that apply to a statement in {@code run}: valid {@code rehearse:ignore} comments before it
     * and {@code rehearse:ignore-file} comments in its file (known rule, reason given), rule id to reason.
     */
    static Map<String, Report.Suppressed> suppressionsFor(SqlStatement s, String fileText) {
        Map<String, Report.Suppressed> out = new HashMap<>();
        for (String comment : s.comments()) {
            Matcher mt = IGNORE.matcher(comment);
            while (mt.find()) {
                Suppression sup = parse(mt, mt.group(1) == null ? "statement" : "file");
                if (Rules.known(sup.rule()) && !sup.reason().isEmpty()) out.put(sup.rule(), new Report.Suppressed(sup.by(), sup.reason()));
            }
        }
        if (fileText != null && fileText.contains("rehearse:ignore-file")) {
            for (String line : fileText.split("\\R")) {
                Matcher mt = IGNORE.matcher(line.strip());
                if (mt.find() && mt.group(1) != null) {
                    Suppression sup = parse(mt, "file");
                    if (Rules.known(sup.rule()) && !sup.reason().isEmpty()) {
                        out.putIfAbsent(sup.rule(), new Report.Suppressed("file", sup.reason()));
                    }
                }
            }
        }
        return out;
    }

    private static int lineOf(String text, String line) {
        int at = text.indexOf(line);
        int n = 1;
        for (int i = 0; i < at; i++) if (text.charAt(i) == '\n') n++;
        return n;
    }

    private record Suppression(String rule, String reason, String by) {}

    private static Suppression parse(Matcher mt, String by) {
        String reason = mt.group(3).replaceAll("\\*/\\s*$", "").strip();
        return new Suppression(mt.group(2), reason, by);
    }

    /** Findings about the suppression itself; true when it applies. */
    private boolean check(Suppression sup, Migration m, int line, List<Finding> out) {
        String where = m.name() + ":" + line;
        if (sup.rule().isEmpty() || !Rules.known(sup.rule())) {
            String suggestion = nearest(sup.rule());
            out.add(finding("unknown-suppression", Category.LOCK_CONTENTION, Status.FLAG, null,
                    where + ": rehearse:ignore names " + (sup.rule().isEmpty() ? "no rule" : "an unknown rule '" + sup.rule() + "'")
                            + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                    "Name a rule id from docs/patterns/ (the suppression has no effect until then).", m, line));
            return false;
        }
        if (sup.reason().isEmpty()) {
            out.add(finding("suppression-without-reason", Category.LOCK_CONTENTION, Status.FLAG, null,
                    where + ": rehearse:ignore " + sup.rule() + " gives no reason, so it does not apply",
                    "-- rehearse:ignore " + sup.rule() + " <why this is safe here>", m, line));
            return false;
        }
        return true;
    }

    private static String nearest(String id) {
        String best = null;
        int bestD = 4;
        for (Rule r : Rules.ALL) {
            int d = distance(id, r.id());
            if (d < bestD) {
                bestD = d;
                best = r.id();
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private List<Finding> suppress(FileState f, SqlStatement s, List<Finding> found, int index) {
        Map<String, Suppression> here = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        for (String comment : s.comments()) {
            Matcher mt = IGNORE.matcher(comment);
            while (mt.find()) {
                if (mt.group(1) != null) continue; // ignore-file, handled per file
                Suppression sup = parse(mt, "statement");
                if (check(sup, f.m, s.line(), out)) here.put(sup.rule(), sup);
            }
        }
        for (Finding x : found) {
            Suppression sup = here.get(x.rule());
            out.add(sup == null ? x : suppressed(x, sup));
        }
        return out;
    }

    private List<Finding> applyFileSuppressions(FileState f, List<Finding> findings) {
        List<Finding> out = new ArrayList<>(f.suppressionFindings);
        for (Finding x : findings) {
            Suppression sup = x.counts() ? f.fileIgnores.get(x.rule()) : null;
            if (sup == null && x.counts() && options.exclude().contains(x.rule())) {
                sup = new Suppression(x.rule(), "excluded in the project configuration", "config");
            }
            out.add(sup == null ? x : suppressed(x, sup));
        }
        return out;
    }

    private static Finding suppressed(Finding x, Suppression sup) {
        return new Finding(x.rule(), x.category(), x.status(), x.statementIndex(), x.message(), x.action(), x.file(),
                x.line(), new Report.Suppressed(sup.by(), sup.reason()));
    }

    // ---- one statement ----

    private void statement(FileState f, SqlStatement s, int index, List<Finding> out) {
        Words w = new Words(s.sql(), dialect.words(s.sql()));
        if (w.words().isEmpty()) return;
        String first = w.at(0);
        if (s.kind() == Kind.TRANSACTION_CONTROL) {
            if (first.equals("BEGIN") || first.equals("START")) f.explicitTx = true;
            else {
                f.explicitTx = false;
                f.notValidInTx.clear();
            }
            return;
        }
        if (first.equals("SET") || first.equals("RESET")) {
            String all = String.join(" ", w.words()).toLowerCase(Locale.ROOT);
            if (all.contains("lock_timeout") || all.contains("statement_timeout") || all.contains("lock_wait_timeout")) {
                lockTimeoutSet = true;
            }
            if (all.matches(".*foreign_key_checks\\s*=\\s*(0|off|false).*")) foreignKeyChecksOff = true;
            else if (all.contains("foreign_key_checks")) foreignKeyChecksOff = false;
            return;
        }
        String table = normal(w.table());
        boolean isNew = newTables.contains(table);

        // concurrently-in-transaction: refused by the server, whatever the table
        if (postgres && s.kind() == Kind.NON_TRANSACTIONAL
                && (f.explicitTx || f.m.unitOf(s).mode() == TransactionMode.TRANSACTION)) {
            Rule r = Rules.byId("concurrently-in-transaction");
            out.add(finding(r, index, s, f.m, w, (f.explicitTx ? "runs inside the BEGIN ... COMMIT block the file opens"
                    : "runs inside the transaction its migration tool wraps it in")
                    + "; PostgreSQL refuses it there (SQLSTATE 25001)", null));
        }
        // validate-in-same-transaction
        if (postgres && w.startsWith("ALTER", "TABLE") && w.has("VALIDATE", "CONSTRAINT")) {
            String k = normal(w.nameAfter("CONSTRAINT"));
            String lock = f.inTransaction() ? f.notValidInTx.get(k) : null;
            if (lock != null && !isNew) {
                Rule r = Rules.byId("validate-in-same-transaction");
                out.add(finding(r, index, s, f.m, w, "validates " + k + " in the transaction that added it NOT VALID: the "
                        + lock + " its ADD CONSTRAINT took on " + table + " is held while VALIDATE scans the table", null));
            }
            String col = pendingNotNull.remove(k);
            if (col != null) validNotNull.add(col);
        }

        for (Rule r : catalog) {
            if (r.matches() == null || !r.matches().test(w)) continue;
            if (isNew && !KEEP_FOR_NEW_TABLES.contains(r.id())) continue;
            Claim claim = r.claim() == null ? null : r.claim().apply(options.engine(), w);
            if (r.claim() != null && claim == null) continue; // harmless at this version
            if (!applies(r, w, table)) continue;
            out.add(finding(r, index, s, f.m, w, claim == null ? null : "on " + options.engine() + ": " + claim.describe(),
                    claim));
        }
        backfillRules(s, w, index, f, table, isNew, out);

        // missing-lock-timeout: once per file, at the first statement that takes a blocking lock on an existing table
        if (!lockTimeoutSet && !f.lockTimeoutReported && !isNew && takesBlockingLock(w, s)) {
            f.lockTimeoutReported = true;
            Rule r = Rules.byId("missing-lock-timeout");
            out.add(finding(r, index, s, f.m, w, "it locks " + table + " (blocking "
                    + (postgres ? "reads or writes" : "the table: exclusive metadata lock")
                    + ") and nothing earlier in the set bounds the wait", null));
        }
        remember(f, w, table);
    }

    /** Conditions a rule's words cannot see: state of the set and the target version. */
    private boolean applies(Rule r, Words w, String table) {
        return switch (r.id()) {
            case "set-not-null" -> !(options.engine().major() >= 12 && validNotNull.contains(table + "." + normal(w.alteredColumn())));
            case "mysql-add-foreign-key-copy" -> !foreignKeyChecksOff;
            case "unbatched-backfill" -> unbounded(w);
            case "no-rollback-non-transactional", "missing-lock-timeout" -> false;
            default -> true;
        };
    }

    /** No WHERE, or a WHERE with nothing that bounds the rows by key or count. */
    private static boolean unbounded(Words w) {
        int where = w.indexOf(0, "WHERE");
        if (where < 0) return true;
        for (int i = where + 1; i < w.words().size(); i++) {
            String x = w.at(i);
            if (x.equals("LIMIT") || x.equals("BETWEEN") || x.equals("<") || x.equals(">") || x.equals("=")
                    || x.equals("IN")) return false;
        }
        return true;
    }

    private void backfillRules(SqlStatement s, Words w, int index, FileState f, String table, boolean isNew,
                               List<Finding> out) {
        if (w.startsWith("UPDATE") && !isNew) {
            int set = w.indexOf(0, "SET");
            int end = w.indexOf(0, "WHERE");
            if (end < 0) end = w.words().size();
            // a column assigned here and tested in the WHERE is a marker: re-runs skip rows already done
            Set<String> assigned = new HashSet<>();
            for (int i = set + 1; set > 0 && i + 1 < end; i++) if (w.at(i + 1).equals("=")) assigned.add(w.at(i));
            boolean guarded = false;
            for (int i = end + 1; i < w.words().size(); i++) guarded |= assigned.contains(w.at(i));
            for (int i = set + 1; set > 0 && !guarded && i + 3 < end; i++) {
                if (w.at(i + 1).equals("=") && w.at(i + 2).equals(w.at(i))
                        && Set.of("+", "-", "*", "/", "|").contains(w.at(i + 3))) {
                    Rule r = Rules.byId("backfill-not-idempotent");
                    out.add(finding(r, index, s, f.m, w, "sets " + w.at(i).toLowerCase(Locale.ROOT)
                            + " from its own value: a retry or an overlapping batch applies it twice", null));
                    break;
                }
            }
        }
        String upper = s.sql().toUpperCase(Locale.ROOT);
        boolean loop = (w.startsWith("DO") || w.startsWith("CREATE") && w.hasAny("PROCEDURE", "FUNCTION"))
                && (upper.contains("LOOP") || upper.contains("WHILE"))
                && (upper.contains("UPDATE ") || upper.contains("DELETE "));
        if (loop) {
            if (!upper.contains("PG_SLEEP") && !upper.contains("SLEEP(")) {
                Rule r = Rules.byId("backfill-no-throttle");
                out.add(finding(r, index, s, f.m, w, "loops over batches without sleeping between them", null));
            }
            if (!upper.contains("RAISE") && !upper.contains("INSERT INTO") && !upper.contains("PROGRESS")) {
                Rule r = Rules.byId("backfill-no-progress");
                out.add(finding(r, index, s, f.m, w, "loops over batches without recording how far it got", null));
            }
        }
    }

    private boolean takesBlockingLock(Words w, SqlStatement s) {
        if (postgres) {
            if (w.startsWith("ALTER", "TABLE")) {
                // these subforms take SHARE UPDATE EXCLUSIVE: they block no application query
                return !(w.has("VALIDATE", "CONSTRAINT") || w.has("SET", "STATISTICS") || w.has("SET", "(")
                        || w.has("RESET", "(") || w.has("CLUSTER", "ON") || w.has("ATTACH", "PARTITION"));
            }
            if (s.kind() == Kind.NON_TRANSACTIONAL && !w.startsWith("VACUUM")) return false; // CONCURRENTLY forms
            return w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX") || w.startsWith("DROP", "INDEX")
                    || w.startsWith("REINDEX") || w.startsWith("CLUSTER") || w.startsWith("VACUUM") && w.has("FULL")
                    || w.startsWith("TRUNCATE") || w.startsWith("DROP", "TABLE") || w.startsWith("LOCK");
        }
        return w.startsWith("ALTER", "TABLE") || w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX")
                || w.startsWith("DROP", "INDEX") || w.startsWith("RENAME", "TABLE") || w.startsWith("TRUNCATE")
                || w.startsWith("DROP", "TABLE") || w.startsWith("OPTIMIZE");
    }

    /** What this statement leaves behind for later ones. */
    private void remember(FileState f, Words w, String table) {
        if (w.startsWith("CREATE", "TABLE") || w.startsWith("CREATE", "UNLOGGED", "TABLE")
                || w.startsWith("CREATE", "TEMP", "TABLE") || w.startsWith("CREATE", "TEMPORARY", "TABLE")) {
            newTables.add(table);
        }
        if ((w.startsWith("ALTER", "TABLE") || w.startsWith("RENAME", "TABLE")) && w.has("RENAME", "TO")
                || w.startsWith("RENAME", "TABLE")) {
            int to = w.indexOf(0, "TO");
            if (to > 0 && newTables.contains(table)) newTables.add(normal(w.at(to + 1)));
        }
        if (w.startsWith("ALTER", "TABLE") && w.has("ADD") && w.has("CONSTRAINT")) {
            String k = normal(w.nameAfter("CONSTRAINT"));
            boolean notValid = w.has("NOT", "VALID");
            int check = w.indexOf(0, "CHECK");
            // CHECK ( col IS NOT NULL )
            if (check > 0 && w.at(check + 1).equals("(") && w.at(check + 3).equals("IS") && w.at(check + 4).equals("NOT")
                    && w.at(check + 5).equals("NULL") && w.at(check + 6).equals(")")) {
                String col = table + "." + normal(w.at(check + 2));
                if (notValid) pendingNotNull.put(k, col);
                else validNotNull.add(col);
            }
            if (notValid) f.notValidInTx.put(k, w.has("FOREIGN", "KEY") || w.has("REFERENCES")
                    ? "ShareRowExclusiveLock" : "AccessExclusiveLock");
        }
    }

    private List<Finding> fileLevel(FileState f, int firstIndex) {
        Migration m = f.m;
        // session settings (SET ...) change nothing a rollback would undo
        List<SqlStatement> changes = m.statements().stream().filter(s -> s.kind() != Kind.TRANSACTION_CONTROL
                && !dialect.words(s.sql()).stream().findFirst().map(x -> x.equals("SET") || x.equals("RESET")).orElse(false))
                .toList();
        boolean nonTx = changes.stream().anyMatch(s -> s.kind() == Kind.NON_TRANSACTIONAL);
        boolean ownTx = m.statements().stream().anyMatch(s -> s.kind() == Kind.TRANSACTION_CONTROL);
        if (changes.size() > 1 && nonTx && !ownTx && m.rollback() == null) {
            Rule r = Rules.byId("no-rollback-non-transactional");
            SqlStatement s = changes.get(0);
            return List.of(new Finding(r.id(), r.category(), r.severity(), null,
                    m.name() + " runs " + changes.size() + " statements that cannot share one transaction and has no"
                            + " rollback script: a failure part-way leaves it half-applied",
                    "Give each non-transactional statement its own migration, or add " + rollbackName(m) + ".",
                    m.name(), s.line(), null));
        }
        return List.of();
    }

    private static String rollbackName(Migration m) {
        String n = m.file().getFileName().toString();
        return n.endsWith(".sql") ? n.substring(0, n.length() - 4) + ".down.sql" : n + ".down.sql";
    }

    private Finding finding(Rule r, int index, SqlStatement s, Migration m, Words w, String detail, Claim claim) {
        return new Finding(r.id(), r.category(), r.severity(), index,
                r.title() + (detail == null ? "" : "; " + detail),
                r.rewrite().apply(w), m.name(), s.line(), null);
    }

    private static Finding finding(String id, Category c, Status st, Integer index, String message, String action,
                                   Migration m, int line) {
        return new Finding(id, c, st, index, message, action, m.name(), line, null);
    }

    private static String normal(String name) {
        if (name == null) return "?";
        String n = name;
        int dot = n.lastIndexOf('.');
        if (dot >= 0) n = n.substring(dot + 1);
        return n.toLowerCase(Locale.ROOT);
    }

    /** The report of a lint run: the same model and categories as {@code run}, from static severities. */
    public static Report report(Result result, EngineSpec engine, String version, double wallSeconds) {
        Map<Category, List<Finding>> by = new EnumMap<>(Category.class);
        for (Finding f : result.counted()) by.computeIfAbsent(f.category(), k -> new ArrayList<>()).add(f);
        List<Report.CategoryResult> categories = new ArrayList<>();
        for (Category c : Category.values()) {
            List<Finding> fs = by.getOrDefault(c, List.of());
            if (fs.isEmpty()) {
                categories.add(new Report.CategoryResult(c, Status.PASS, "No rule of this category matched", "None"));
                continue;
            }
            Finding worst = fs.stream().reduce((a, b) -> b.status().ordinal() > a.status().ordinal() ? b : a).get();
            String more = fs.size() > 1 ? " (+" + (fs.size() - 1) + " more)" : "";
            String action = Rules.ALL.stream().filter(r -> r.id().equals(worst.rule())).map(Rule::advice).findFirst()
                    .orElse(worst.action() == null ? "" : worst.action().lines().findFirst().orElse(""));
            categories.add(new Report.CategoryResult(c, worst.status(), worst.file() + ":" + worst.line() + " "
                    + worst.message() + more, action));
        }
        Status worst = result.counted().stream().map(Finding::status).reduce(Status.PASS, Status::max);
        Verdict verdict = Verdict.of(worst);
        long suppressed = result.findings().size() - result.counted().size();
        String reason = verdict == Verdict.SAFE_TO_SHIP
                ? "no rule matched " + result.statements() + " statements in " + result.files() + " files"
                + (suppressed > 0 ? " (" + suppressed + " suppressed)" : "")
                : result.counted().stream().filter(f -> f.status() == worst).findFirst().map(Finding::message).orElse("");
        return new Report(new Report.Tool("rehearse", version),
                new Report.Engine(engine.kind().id(), engine.version(), null), verdict, reason, categories, List.of(),
                result.findings(), null, null, null,
                new Report.Run(java.time.Instant.now().toString(), wallSeconds, null, null, null, null, null),
                null); // nothing was sampled
    }

}
