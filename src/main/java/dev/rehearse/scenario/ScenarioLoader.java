package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.Scenario.Data;
import dev.rehearse.scenario.Scenario.External;
import dev.rehearse.scenario.Scenario.FailOn;
import dev.rehearse.scenario.Scenario.Load;
import dev.rehearse.scenario.Scenario.Migrations;
import dev.rehearse.scenario.Scenario.Observe;
import dev.rehearse.scenario.Scenario.Output;
import dev.rehearse.scenario.Scenario.Param;
import dev.rehearse.scenario.Scenario.Query;
import dev.rehearse.scenario.Scenario.Schema;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.scenario.Scenario.Thresholds;
import dev.rehearse.scenario.Scenario.Transaction;
import dev.rehearse.scenario.YamlNode.Entry;
import dev.rehearse.scenario.YamlNode.Mapping;
import dev.rehearse.scenario.YamlNode.Scalar;
import dev.rehearse.scenario.YamlNode.Sequence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link Scenario} from a YAML file (keys in snake_case, every one optional) and from {@code run}'s flags.
 * Every mistake is an {@link InvalidInputException} with one {@code file:line: message} line.
 */
public final class ScenarioLoader {

    public static final List<String> MIGRATION_FORMATS = List.of("sql", "flyway", "liquibase", "prisma", "drizzle", "rails");
    public static final List<String> REPORT_FORMATS = List.of("console", "json", "md", "junit", "sarif", "html");

    /**
     * The format names a scenario may use: the contract's by default; the CLI passes the registries' (the contract's
     * plus any plug-in's), so that a plug-in format is a valid name and a typo is still an error at its line.
     */
    public record Vocabulary(List<String> migrationFormats, List<String> reportFormats,
                             Function<EngineSpec, String> unsupportedEngine) {
        public static final Vocabulary CONTRACT = new Vocabulary(MIGRATION_FORMATS, REPORT_FORMATS);

        public Vocabulary {
            if (unsupportedEngine == null) unsupportedEngine = e -> null;
        }

        /** Any engine version accepted: the engines' ranges are checked by whoever runs it. */
        public Vocabulary(List<String> migrationFormats, List<String> reportFormats) {
            this(migrationFormats, reportFormats, null);
        }

        /** An engine as the user wrote it, refused when the engine's range does not hold its version. */
        EngineSpec engine(String text) {
            EngineSpec spec = EngineSpec.parse(text);
            String why = unsupportedEngine.apply(spec);
            if (why != null) throw new IllegalArgumentException(why);
            return spec;
        }
    }

    private static final List<String> TOP_KEYS = List.of("engine", "provider", "external", "schema", "data", "load",
            "replica", "migrations", "observe", "thresholds", "report", "deadlines");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern ROWS_FLAG = Pattern.compile("([^=\\s]+)=(.+)");

    private final Path file;
    private final Path dir;
    private final Function<String, String> env;
    private final Vocabulary names;

    private ScenarioLoader(Path file, Function<String, String> env, Vocabulary names) {
        this.file = file;
        this.dir = file.toAbsolutePath().getParent();
        this.env = env;
        this.names = names;
    }

    /** The scenario of a run described by flags alone. */
    public static Scenario defaults() {
        return new Scenario(null, EngineSpec.DEFAULT, Provider.EMBEDDED, External.NONE, Schema.NONE, Data.NONE,
                Load.DEFAULT, false, Migrations.NONE, Observe.DEFAULT, Thresholds.DEFAULT, Output.DEFAULT);
    }

    /** Reads and validates a scenario file; relative paths in it are relative to its directory. */
    public static Scenario load(Path yamlFile) {
        return load(yamlFile, Vocabulary.CONTRACT);
    }

    /** As {@link #load(Path)}, accepting the format names of {@code names}. */
    public static Scenario load(Path yamlFile, Vocabulary names) {
        return new ScenarioLoader(yamlFile, System::getenv, names).build(YamlNode.read(yamlFile));
    }

    /** As {@link #load(Path)}, with {@code ${VAR}} references resolved through {@code env} (tests). */
    static Scenario load(Path yamlFile, Function<String, String> env) {
        return new ScenarioLoader(yamlFile, env, Vocabulary.CONTRACT).build(YamlNode.read(yamlFile));
    }

    /** Keys of the project configuration, {@code .rehearse.yaml}. */
    private static final List<String> PROJECT_KEYS = List.of("engine", "exclude", "thresholds", "lock_timeout", "transaction");

    /**
     * Reads a project configuration ({@code .rehearse.yaml}): {@code engine} (the version lint assumes),
     * {@code exclude} (rule ids accepted project-wide; {@code knownRule} says which ids exist),
     * {@code thresholds} (the scenario keys) and {@code lock_timeout} (the deploy sets one itself).
     */
    public static ProjectConfig loadProjectConfig(Path yamlFile, java.util.function.Predicate<String> knownRule) {
        return loadProjectConfig(yamlFile, knownRule, null);
    }

    /** As {@link #loadProjectConfig(Path, java.util.function.Predicate)}, refusing engine versions out of range. */
    public static ProjectConfig loadProjectConfig(Path yamlFile, java.util.function.Predicate<String> knownRule,
                                                 Function<EngineSpec, String> unsupportedEngine) {
        Vocabulary names = new Vocabulary(MIGRATION_FORMATS, REPORT_FORMATS, unsupportedEngine);
        ScenarioLoader l = new ScenarioLoader(yamlFile, System::getenv, names);
        Section top = l.new Section(YamlNode.read(yamlFile), "", 1, PROJECT_KEYS);
        EngineSpec engine = top.get("engine", null, new Conv<>("an engine such as postgres:16", names::engine));
        List<String> exclude = new ArrayList<>();
        for (Scalar s : top.items("exclude")) {
            if (!knownRule.test(s.text())) {
                throw InvalidInputException.at(yamlFile, s.line(), "unknown rule '" + s.text()
                        + "' in exclude; rule ids are listed in docs/patterns/");
            }
            exclude.add(s.text());
        }
        Thresholds thresholds = l.thresholds(top.section("thresholds", "query_wait_flag", "query_wait_block",
                "lock_hold_flag", "lock_hold_block", "p99_factor", "p99_min_increase", "backfill_rows_flag",
                "wal_bytes_flag", "replication_lag_flag", "replication_lag_block", "replication_lag_production_block"));
        Integer lockTimeout = top.get("lock_timeout", null, l.intDuration(0));
        Transaction transaction = top.get("transaction", Transaction.AUTO, l.enumChoice(Transaction.values()));
        return new ProjectConfig(yamlFile, engine, List.copyOf(exclude), thresholds, lockTimeout, transaction);
    }

    /**
     * The line of {@code keys} (a path of mapping keys) in a scenario file, for checks made after loading (the
     * machine's capacity, the schema's tables): the value's line when it is a scalar, else the deepest key found;
     * 0 when the file has none of it (the value came from a flag) or cannot be read.
     */
    public static int line(Path file, String... keys) {
        if (file == null) return 0;
        YamlNode node;
        try {
            node = YamlNode.read(file);
        } catch (InvalidInputException e) {
            return 0;
        }
        int line = 0;
        for (String key : keys) {
            if (!(node instanceof Mapping m) || !m.entries().containsKey(key)) return line;
            Entry e = m.entries().get(key);
            line = e.keyLine();
            node = e.value();
        }
        return node instanceof Scalar s ? s.line() : line;
    }

    /** The text of the scalar at {@code keys} in a scenario file, or null (see {@link #line}). */
    public static String text(Path file, String... keys) {
        if (file == null) return null;
        try {
            YamlNode node = YamlNode.read(file);
            for (String key : keys) {
                if (!(node instanceof Mapping m) || !m.entries().containsKey(key)) return null;
                node = m.entries().get(key).value();
            }
            return node instanceof Scalar s ? s.text() : null;
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** A URL as it may be printed: a password in it ({@code user:pw@}, {@code password=}) replaced. */
    static String maskedUrl(String url) {
        return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    // ---- the file ----

    private Scenario build(YamlNode root) {
        Section top = new Section(root, "", 1, TOP_KEYS);
        External external = external(top.section("external", "url", "user", "password", "allow_writes",
                "marker_table", "database_pattern", "rollback"));
        // A URL only makes sense for an external server, so it implies the provider unless one is named.
        Provider provider = top.get("provider", external.url() != null ? Provider.EXTERNAL : Provider.EMBEDDED,
                new Conv<>("a provider", Provider::parse));
        boolean replicaOn;
        Scenario.Replica replica = Scenario.Replica.DEFAULT;
        if (top.value("replica") instanceof Mapping) {
            // a mapping describes the replica, and asks for one unless it says enabled: false
            Section r = top.section("replica", REPLICA_KEYS.toArray(String[]::new));
            replicaOn = r.get("enabled", true, BOOL);
            replica = replica(r);
        } else {
            replicaOn = top.get("replica", false, BOOL);
        }
        return new Scenario(file,
                top.get("engine", EngineSpec.DEFAULT, new Conv<>("an engine such as postgres:16", names::engine)),
                provider, external, schema(top),
                data(top.section("data", "seed", "profile", "tables")),
                load(top.section("load", "enabled", "clients", "rate", "baseline_seconds", "cooldown_seconds",
                        "write_fraction", "queries", "long_transaction", "settle_seconds", "statement_timeout",
                        "replica_share")),
                replicaOn,
                migrations(top.section("migrations", "path", "paths", "format", "transaction", "lock_timeout",
                        "statement_timeout", "lock_retries", "contexts", "labels")),
                new Observe(top.section("observe", "lock_sample_interval")
                        .get("lock_sample_interval", Observe.DEFAULT.lockSampleIntervalMs(), intDuration(1))),
                thresholds(top.section("thresholds", "query_wait_flag", "query_wait_block", "lock_hold_flag",
                        "lock_hold_block", "p99_factor", "p99_min_increase", "backfill_rows_flag", "wal_bytes_flag",
                        "replication_lag_flag", "replication_lag_block", "replication_lag_production_block")),
                output(top.section("report", "out", "formats", "fail_on")), replica,
                deadlines(top.section("deadlines", "statement", "run")));
    }

    private static final List<String> REPLICA_KEYS = List.of("enabled", "apply_rate", "apply_delay",
            "max_standby_streaming_delay", "hot_standby_feedback", "url", "user", "password", "tune_batches");

    /** {@code replica: { apply_rate: 20MB/s, apply_delay: 1s, max_standby_streaming_delay: 30s, ... }}. */
    private Scenario.Replica replica(Section s) {
        Conv<String> expanded = new Conv<>("a string", this::expandEnv);
        External external = new External(s.get("url", null, expanded), s.get("user", null, expanded),
                s.get("password", null, expanded), false);
        return new Scenario.Replica(s.get("apply_rate", null, new Conv<>("a rate such as 20MB/s", Units::bytesPerSecond)),
                s.get("apply_delay", null, intDuration(0)),
                s.get("max_standby_streaming_delay", null, intDuration(0)),
                s.get("hot_standby_feedback", null, BOOL), external, s.get("tune_batches", false, BOOL));
    }

    /** {@code deadlines: { statement: 10m, run: 1h }}: the tool's own limits (not the deploy's timeouts). */
    private Scenario.Deadlines deadlines(Section s) {
        Scenario.Deadlines d = Scenario.Deadlines.DEFAULT;
        return new Scenario.Deadlines(s.get("statement", (int) d.statementMs(), intDuration(1)),
                s.get("run", (int) d.runMs(), intDuration(1)));
    }

    private External external(Section s) {
        Conv<String> expanded = new Conv<>("a string", this::expandEnv);
        Conv<String> url = new Conv<>("a JDBC URL", t -> {
            String u = expandEnv(t);
            if (!u.startsWith("jdbc:")) throw new IllegalArgumentException("'" + maskedUrl(u) + "' is not a JDBC URL;"
                    + " expected jdbc:postgresql://HOST:PORT/DB, jdbc:mysql://… or jdbc:mariadb://…");
            return u;
        });
        String pattern = s.get("database_pattern", null, new Conv<>("a regular expression", ScenarioLoader::regularExpression));
        return new External(s.get("url", null, url), s.get("user", null, expanded),
                s.get("password", null, expanded), s.get("allow_writes", false, BOOL),
                s.get("marker_table", null, new Conv<>("a table name", ScenarioLoader::tableName)), pattern, false,
                s.get("rollback", false, BOOL));
    }

    /** Replaces {@code ${VAR}} so that secrets stay out of the file. */
    private String expandEnv(String text) {
        Matcher m = ENV_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) throw new IllegalArgumentException("environment variable " + m.group(1) + " is not set");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** SQL if it spans lines or has a ';' (no file name does); otherwise a file next to the scenario. */
    private Schema schema(Section top) {
        String text = top.get("schema", null, STRING);
        if (text == null || text.isBlank()) return Schema.NONE;
        if (text.contains("\n") || text.contains(";")) return new Schema(null, text);
        Path path = dir.resolve(text.trim()).normalize();
        if (!Files.isRegularFile(path)) {
            throw InvalidInputException.at(file, top.keyLine("schema"), "schema: no such file '" + text.trim() + "' (" + path + ")");
        }
        return new Schema(path, null);
    }

    private Data data(Section s) {
        long seed = s.get("seed", Data.NONE.seed(), integer(Long.MIN_VALUE, Long.MAX_VALUE));
        Section tables = s.section("tables", (String[]) null); // any key: keys are table names
        Map<String, TableData> out = new LinkedHashMap<>();
        for (Entry e : tables.entries.values()) {
            if (e.value() instanceof Mapping) {
                // Long form: { rows: 200k, production_rows: 2B }
                Section t = tables.section(e.key(), "rows", "production_rows");
                if (t.value("rows") == null) {
                    throw InvalidInputException.at(file, e.keyLine(), "missing key 'rows' in " + t.path);
                }
                out.put(e.key(), new TableData(t.get("rows", 0L, ROWS), t.get("production_rows", null, ROWS)));
            } else {
                out.put(e.key(), new TableData(tables.require(e.key(), ROWS), null));
            }
        }
        Path profile = null;
        String p = s.get("profile", null, STRING);
        if (p != null && !p.isBlank()) {
            profile = dir.resolve(p.trim()).normalize();
            if (!Files.isRegularFile(profile)) {
                throw InvalidInputException.at(file, s.keyLine("profile"), "data.profile: no such file '" + p.trim() + "' (" + profile + ")");
            }
        }
        return new Data(seed, out, profile);
    }

    private Load load(Section s) {
        Load d = Load.DEFAULT;
        return new Load(s.get("enabled", d.enabled(), BOOL),
                (int) (long) s.get("clients", (long) d.clients(), integer(1, Integer.MAX_VALUE)),
                s.get("rate", d.rate(), decimal(0, true, Double.MAX_VALUE)),
                s.get("baseline_seconds", d.baselineSeconds(), decimal(0, false, Double.MAX_VALUE)),
                s.get("cooldown_seconds", d.cooldownSeconds(), decimal(0, false, Double.MAX_VALUE)),
                s.get("write_fraction", d.writeFraction(), decimal(0, false, 1)),
                s.value("queries") == null ? d.queries() : queries(s.value("queries"), s.child("queries"), s.keyLine("queries")),
                longTransaction(s.section("long_transaction", "hold")),
                s.get("settle_seconds", d.settleSeconds(), decimal(0, false, Double.MAX_VALUE)),
                s.get("statement_timeout", d.statementTimeoutMs(), intDuration(1)),
                s.get("replica_share", d.replicaShare(), decimal(0, false, 1)));
    }

    /** {@code load.long_transaction: { hold: 5s }}: a reader held open before each blocking statement. */
    private Scenario.LongTransaction longTransaction(Section s) {
        if (s.entries.isEmpty()) return null;
        return new Scenario.LongTransaction(s.require("hold", intDuration(1)));
    }

    /** {@code migrations.lock_retries: { attempts: 5, backoff: 1s }}: a unit that hit its lock timeout runs again. */
    private Scenario.LockRetries lockRetries(Section s) {
        if (s.entries.isEmpty()) return null;
        return new Scenario.LockRetries((int) (long) s.require("attempts", integer(1, 1_000)),
                s.get("backoff", 0, intDuration(0)));
    }

    private static final List<String> QUERY_KEYS = List.of("name", "sql", "transaction", "params", "weight");

    /**
     * A workload file ({@code --workload}): the {@code queries:} list of {@code load}, either under a top-level key
     * {@code queries} or as the document itself.
     */
    public static List<Query> loadWorkload(Path yamlFile) {
        ScenarioLoader l = new ScenarioLoader(yamlFile, System::getenv, Vocabulary.CONTRACT);
        YamlNode root = YamlNode.read(yamlFile);
        if (root instanceof Sequence) return l.queries(root, "queries", root.line());
        Section top = l.new Section(root, "", 1, List.of("queries"));
        if (top.value("queries") == null) {
            throw InvalidInputException.at(yamlFile, top.keyLine("queries"), "expected a list of queries under 'queries'");
        }
        return l.queries(top.value("queries"), "queries", top.keyLine("queries"));
    }

    /** The named queries of a workload: each a {@code sql} or a {@code transaction}, its params and weight. */
    private List<Query> queries(YamlNode node, String path, int line) {
        if (!(node instanceof Sequence seq)) {
            throw InvalidInputException.at(file, line, "expected a list for " + path + ", got " + YamlNode.describe(node));
        }
        if (seq.items().isEmpty()) throw InvalidInputException.at(file, line, path + ": expected at least one query");
        List<Query> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            Section q = new Section(item, path + "[" + i + "]", item.line(), QUERY_KEYS);
            String name = q.require("name", STRING).trim();
            if (name.isEmpty()) throw InvalidInputException.at(file, q.keyLine("name"), q.child("name") + ": must not be empty");
            if (!names.add(name)) {
                throw InvalidInputException.at(file, q.keyLine("name"), q.child("name") + ": duplicate query name '" + name + "'");
            }
            if (q.value("sql") != null && q.value("transaction") != null) {
                throw InvalidInputException.at(file, q.keyLine("transaction"),
                        "give either sql or transaction in " + q.path + ", not both");
            }
            List<Scalar> statements = q.value("sql") != null ? List.of(sqlScalar(q)) : q.items("transaction");
            if (statements.isEmpty()) {
                throw InvalidInputException.at(file, item.line(), "missing key 'sql' (or 'transaction', a list of statements) in "
                        + q.path + " (query " + name + ")");
            }
            Section p = q.section("params", (String[]) null);
            Map<String, Param> params = new LinkedHashMap<>();
            for (Entry e : p.entries.values()) params.put(e.key(), p.require(e.key(), PARAM));
            List<String> sql = new ArrayList<>();
            for (Scalar st : statements) {
                String text = convert(st, q.child(q.value("sql") != null ? "sql" : "transaction"), STRING).trim();
                if (text.endsWith(";")) text = text.substring(0, text.length() - 1).trim();
                if (text.isEmpty()) throw InvalidInputException.at(file, st.line(), q.path + ": empty statement in query " + name);
                for (String placeholder : NamedSql.parse(text).names()) {
                    if (!params.containsKey(placeholder)) {
                        throw InvalidInputException.at(file, st.line(), q.path + ": placeholder :" + placeholder + " of query "
                                + name + " has no source in params");
                    }
                }
                sql.add(text);
            }
            double weight = q.get("weight", 1.0, decimal(0, true, Double.MAX_VALUE));
            out.add(new Query(name, sql, params, weight, file + ":" + item.line()));
        }
        return List.copyOf(out);
    }

    private Scalar sqlScalar(Section q) {
        YamlNode v = q.value("sql");
        if (!(v instanceof Scalar s)) {
            throw InvalidInputException.at(file, q.keyLine("sql"), "expected a string for " + q.child("sql") + ", got "
                    + YamlNode.describe(v) + " (several statements in one transaction go under 'transaction')");
        }
        return s;
    }

    private static final Conv<Param> PARAM = new Conv<>("a parameter source (table.column or new table.column)", Param::parse);

    private Migrations migrations(Section s) {
        Migrations d = Migrations.NONE;
        if (s.value("path") != null && s.value("paths") != null) {
            throw InvalidInputException.at(file, s.keyLine("paths"), "give either path or paths in migrations, not both");
        }
        List<Path> paths = new ArrayList<>();
        for (String key : List.of("path", "paths")) {
            List<Scalar> items = s.items(key);
            for (int i = 0; i < items.size(); i++) {
                String name = s.child(key) + (key.equals("paths") ? "[" + i + "]" : "");
                String text = convert(items.get(i), name, STRING);
                Path path = dir.resolve(text.trim()).normalize();
                if (!Files.exists(path)) {
                    throw InvalidInputException.at(file, items.get(i).line(),
                            name + ": no such file or directory '" + text.trim() + "' (" + path + ")");
                }
                paths.add(path);
            }
        }
        return new Migrations(paths, s.get("format", d.format(), choice(names.migrationFormats())),
                s.get("transaction", d.transaction(), enumChoice(Transaction.values())),
                s.get("lock_timeout", d.lockTimeoutMs(), intDuration(0)),
                s.get("statement_timeout", d.statementTimeoutMs(), intDuration(0)))
                .withLockRetries(lockRetries(s.section("lock_retries", "attempts", "backoff")))
                .withContexts(expression(s, "contexts")).withLabels(expression(s, "labels"));
    }

    /** {@code migrations.contexts: "dev and !test"} or a list ({@code [dev, test]}, any of them), as Liquibase takes them. */
    private String expression(Section s, String key) {
        List<Scalar> items = s.items(key);
        if (items.isEmpty()) return null;
        List<String> parts = new ArrayList<>();
        for (Scalar item : items) {
            String text = convert(item, s.child(key), STRING).strip();
            if (text.isEmpty()) throw InvalidInputException.at(file, item.line(), s.child(key) + ": must not be empty");
            parts.add(text);
        }
        return String.join(", ", parts);
    }

    private Thresholds thresholds(Section s) {
        Thresholds d = Thresholds.DEFAULT;
        Conv<Long> ms = new Conv<>("a duration", Units::durationMs);
        return new Thresholds(s.get("query_wait_flag", d.queryWaitFlagMs(), ms),
                s.get("query_wait_block", d.queryWaitBlockMs(), ms),
                s.get("lock_hold_flag", d.lockHoldFlagMs(), ms),
                s.get("lock_hold_block", d.lockHoldBlockMs(), ms),
                s.get("p99_factor", d.p99Factor(), decimal(0, true, Double.MAX_VALUE)),
                s.get("p99_min_increase", d.p99MinIncreaseMs(), ms),
                s.get("backfill_rows_flag", d.backfillRowsFlag(), ROWS),
                s.get("wal_bytes_flag", d.walBytesFlag(), new Conv<>("a size", Units::bytes)),
                s.get("replication_lag_flag", d.replicationLagFlagMs(), ms),
                s.get("replication_lag_block", d.replicationLagBlockMs(), ms),
                s.get("replication_lag_production_block", d.replicationLagProductionBlockMs(), ms));
    }

    private Output output(Section s) {
        Output d = Output.DEFAULT;
        String out = s.get("out", null, STRING);
        Set<String> formats = d.formats();
        if (s.value("formats") != null) {
            // A list, or one comma-separated string as on the command line.
            List<String> parts = new ArrayList<>();
            List<Scalar> items = s.items("formats");
            for (int i = 0; i < items.size(); i++) {
                for (String part : convert(items.get(i), s.child("formats"), STRING).split(",")) {
                    if (!part.isBlank()) parts.add(convert(new Scalar(part, items.get(i).line()), s.child("formats"), choice(names.reportFormats())));
                }
            }
            formats = Collections.unmodifiableSet(new LinkedHashSet<>(parts));
        }
        return new Output(out == null ? d.dir() : Path.of(out), formats,
                s.get("fail_on", d.failOn(), enumChoice(FailOn.values())));
    }

    // ---- flags ----

    /** Flags win over the file; their paths are relative to the current directory. Errors name the flag. */
    public static Scenario applyOverrides(Scenario base, CliOverrides o) {
        return applyOverrides(base, o, Vocabulary.CONTRACT);
    }

    /** As {@link #applyOverrides(Scenario, CliOverrides)}, accepting the format names of {@code names}. */
    public static Scenario applyOverrides(Scenario base, CliOverrides o, Vocabulary names) {
        EngineSpec engine = o.engine() == null ? base.engine() : flag("--engine", () -> names.engine(o.engine()));
        External x = base.external();
        External external = x.withConnection(or(o.url(), x.url()), or(o.user(), x.user()), or(o.password(), x.password()),
                or(o.allowWrites(), x.allowWrites()));
        Provider provider = o.provider() != null ? flag("--provider", () -> Provider.parse(o.provider()))
                : o.url() != null ? Provider.EXTERNAL : base.provider();
        if (provider == Provider.EXTERNAL && external.url() == null) {
            if (o.provider() == null && base.source() != null) {
                throw InvalidInputException.at(base.source(), line(base.source(), "provider"),
                        "provider: external needs external.url (or --url)");
            }
            throw new InvalidInputException("--provider: external needs --url (or external.url in the scenario)");
        }
        if (o.url() != null && !o.url().startsWith("jdbc:")) {
            throw new InvalidInputException("--url: '" + dev.rehearse.scenario.ScenarioLoader.maskedUrl(o.url())
                    + "' is not a JDBC URL; expected jdbc:postgresql://HOST:PORT/DB, jdbc:mysql://… or jdbc:mariadb://…");
        }

        Schema schema = base.schema();
        if (o.schemaFile() != null) {
            if (!Files.isRegularFile(o.schemaFile())) throw new InvalidInputException("--schema: " + (Files.isDirectory(o.schemaFile())
                    ? "'" + o.schemaFile() + "' is a directory, not a file" : "no such file '" + o.schemaFile() + "'"));
            schema = new Schema(o.schemaFile().toAbsolutePath().normalize(), null);
        }

        Map<String, TableData> tables = new LinkedHashMap<>(base.data().tables());
        for (String spec : o.rows() == null ? List.<String>of() : o.rows()) {
            Matcher m = ROWS_FLAG.matcher(spec.trim());
            long rows;
            try {
                if (!m.matches()) throw new IllegalArgumentException();
                rows = RowCount.parse(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--rows: invalid '" + spec + "'; expected TABLE=N such as orders=1M");
            }
            TableData old = tables.get(m.group(1));
            tables.put(m.group(1), new TableData(rows, old == null ? null : old.productionRows()));
        }
        Path profile = base.data().profile();
        if (o.profile() != null) {
            if (!Files.isRegularFile(o.profile())) throw new InvalidInputException("--profile: " + (Files.isDirectory(o.profile())
                    ? "'" + o.profile() + "' is a directory, not a file" : "no such file '" + o.profile() + "'"));
            profile = o.profile().toAbsolutePath().normalize();
        }
        Data data = new Data(or(o.seed(), base.data().seed()), tables, profile);

        Load l = base.load();
        Load load = o.noLoad() == null ? l : l.withEnabled(!o.noLoad());
        if (o.workload() != null) {
            if (!Files.isRegularFile(o.workload())) throw new InvalidInputException("--workload: " + (Files.isDirectory(o.workload())
                    ? "'" + o.workload() + "' is a directory, not a file" : "no such file '" + o.workload() + "'"));
            load = load.withQueries(loadWorkload(o.workload().toAbsolutePath().normalize()));
        }
        if (o.longTransaction() != null) {
            load = load.withLongTransaction(new Scenario.LongTransaction(
                    flag("--long-transaction", () -> intDuration(1).fn.apply(o.longTransaction()))));
        }

        Migrations mg = base.migrations();
        List<Path> paths = mg.paths();
        if (o.migrations() != null && !o.migrations().isEmpty()) {
            paths = new ArrayList<>();
            for (Path p : o.migrations()) {
                if (!Files.exists(p)) throw new InvalidInputException("--migrations: no such file or directory '" + p + "'");
                paths.add(p.toAbsolutePath().normalize());
            }
        }
        Migrations migrations = new Migrations(paths,
                o.format() == null ? mg.format() : flag("--format", () -> choice(names.migrationFormats()).fn.apply(o.format())),
                mg.transaction(),
                o.lockTimeout() == null ? mg.lockTimeoutMs() : flag("--lock-timeout", () -> intDuration(0).fn.apply(o.lockTimeout())),
                mg.statementTimeoutMs(), mg.lockRetries(), mg.contexts(), mg.labels());

        Output out = base.output();
        Set<String> formats = out.formats();
        if (o.reportFormats() != null) {
            Set<String> parsed = new LinkedHashSet<>();
            for (String part : o.reportFormats().split(",")) {
                if (!part.isBlank()) parsed.add(flag("--report", () -> choice(names.reportFormats()).fn.apply(part)));
            }
            formats = Collections.unmodifiableSet(parsed);
        }
        Output output = new Output(or(o.out(), out.dir()), formats,
                o.failOn() == null ? out.failOn() : failOnFlag(o.failOn()));

        return new Scenario(base.source(), engine, provider, external, schema, data, load, or(o.replica(), base.replica()),
                migrations, base.observe(), base.thresholds(), output, base.replicaSettings(), base.deadlines());
    }

    private static <T> T or(T flag, T fromFile) {
        return flag != null ? flag : fromFile;
    }

    /** The value of {@code --fail-on}, for every command that takes it. */
    public static FailOn failOnFlag(String text) {
        return flag("--fail-on", () -> enumChoice(FailOn.values()).fn.apply(text.trim()));
    }

    private static <T> T flag(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }

    // ---- conversions ----

    /**
     * Text to value. {@code fn} throws {@link Mismatch} when the text is not of the expected kind at all
     * ("expected a number for load.clients, got 'many'"), or an IllegalArgumentException saying what is wrong.
     */
    private record Conv<T>(String expected, Function<String, T> fn) {}

    private static final class Mismatch extends IllegalArgumentException {}

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static final Conv<String> STRING = new Conv<>("a string", t -> t);
    private static final Conv<Long> ROWS = new Conv<>("a row count", RowCount::parse);
    private static final Conv<Boolean> BOOL = new Conv<>("true or false", t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new Mismatch();
    });

    private static Conv<Long> integer(long min, long max) {
        return new Conv<>("a number", t -> {
            String s = t.trim().replace("_", "");
            if (!INTEGER.matcher(s).matches()) {
                if (DECIMAL.matcher(s).matches()) throw new IllegalArgumentException("expected a whole number, got '" + t + "'");
                throw new Mismatch();
            }
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("number '" + t + "' is too large");
            }
            if (v < min) throw new IllegalArgumentException("must be " + (min == 1 ? "positive" : "at least " + min) + ", got " + t.trim());
            if (v > max) throw new IllegalArgumentException("must be at most " + max + ", got " + t.trim());
            return v;
        });
    }

    private static Conv<Double> decimal(double min, boolean exclusive, double max) {
        return new Conv<>("a number", t -> {
            String s = t.trim().replace("_", "");
            if (!DECIMAL.matcher(s).matches()) throw new Mismatch();
            double v = Double.parseDouble(s);
            if (v < min || (exclusive && v == min) || v > max) {
                throw new IllegalArgumentException("must be " + (max < Double.MAX_VALUE ? "between " + fmt(min) + " and " + fmt(max)
                        : exclusive ? "positive" : "at least " + fmt(min)) + ", got " + t.trim());
            }
            return v;
        });
    }

    /** A regular expression, checked here so that a broken one names its line. */
    public static String regularExpression(String text) {
        try {
            Pattern.compile(text);
            return text;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + e.getDescription());
        }
    }

    /** A plain (unquoted) table name, optionally schema-qualified. */
    public static String tableName(String text) {
        String t = text.trim();
        if (!t.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?")) {
            throw new IllegalArgumentException("expected a table name such as rehearse_target, got '" + text + "'");
        }
        return t;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A duration in milliseconds that fits an int, at least {@code min}. */
    private static Conv<Integer> intDuration(int min) {
        return new Conv<>("a duration", t -> {
            long ms = Units.durationMs(t);
            if (ms > Integer.MAX_VALUE) throw new IllegalArgumentException("duration '" + t + "' is too large");
            if (ms < min) throw new IllegalArgumentException("must be positive, got " + t);
            return (int) ms;
        });
    }

    private static Conv<String> choice(List<String> allowed) {
        Map<String, String> byName = new LinkedHashMap<>();
        allowed.forEach(a -> byName.put(a, a));
        return choice(byName);
    }

    private static <E extends Enum<E>> Conv<E> enumChoice(E[] values) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E v : values) byName.put(v.name().toLowerCase(Locale.ROOT), v);
        return choice(byName);
    }

    private static <T> Conv<T> choice(Map<String, T> byName) {
        String names = String.join(", ", byName.keySet());
        return new Conv<>("one of " + names, t -> {
            T v = byName.get(t.trim().toLowerCase(Locale.ROOT));
            if (v == null) throw new IllegalArgumentException("invalid value '" + t.trim() + "'; allowed: " + names);
            return v;
        });
    }

    /** Applies {@code conv}, turning its failures into {@code file:line:} errors that name {@code path}. */
    private <T> T convert(Scalar s, String path, Conv<T> conv) {
        try {
            return conv.fn.apply(s.text());
        } catch (Mismatch e) {
            throw InvalidInputException.at(file, s.line(), "expected " + conv.expected + " for " + path + ", got '" + s.text() + "'");
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.at(file, s.line(), path + ": " + e.getMessage());
        }
    }

    /** One mapping of the file, checked against its allowed keys when constructed. */
    private final class Section {
        final String path;
        final int line;
        final Map<String, Entry> entries;

        /** {@code node} null is an absent or empty section; {@code allowed} null allows any key (table names). */
        Section(YamlNode node, String path, int line, List<String> allowed) {
            this.path = path;
            this.line = line;
            if (node == null) {
                entries = Map.of();
                return;
            }
            if (!(node instanceof Mapping m)) {
                throw InvalidInputException.at(file, line, "expected a mapping "
                        + (path.isEmpty() ? "at the top level" : "for " + path) + ", got " + YamlNode.describe(node));
            }
            entries = m.entries();
            if (allowed == null) return;
            for (Entry e : entries.values()) {
                if (!allowed.contains(e.key())) {
                    throw InvalidInputException.at(file, e.keyLine(), "unknown key '" + e.key() + "' "
                            + (path.isEmpty() ? "at the top level" : "in " + path) + "; allowed: " + String.join(", ", allowed));
                }
            }
        }

        Section section(String key, String... allowed) {
            return new Section(value(key), child(key), keyLine(key), allowed == null ? null : List.of(allowed));
        }

        String child(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        int keyLine(String key) {
            Entry e = entries.get(key);
            return e == null ? line : e.keyLine();
        }

        /** The value, or null when the key is absent or its value is YAML null. */
        YamlNode value(String key) {
            Entry e = entries.get(key);
            if (e == null || (e.value() instanceof Scalar s && s.text() == null)) return null;
            return e.value();
        }

        <T> T get(String key, T absent, Conv<T> conv) {
            YamlNode v = value(key);
            if (v == null) return absent;
            if (!(v instanceof Scalar s)) {
                throw InvalidInputException.at(file, keyLine(key),
                        "expected " + conv.expected + " for " + child(key) + ", got " + YamlNode.describe(v));
            }
            return convert(s, child(key), conv);
        }

        <T> T require(String key, Conv<T> conv) {
            if (value(key) == null) {
                throw InvalidInputException.at(file, keyLine(key), "expected " + conv.expected + " for " + child(key) + ", got nothing");
            }
            return get(key, null, conv);
        }

        /** A list of scalars; a single scalar counts as a list of one. */
        List<Scalar> items(String key) {
            YamlNode v = value(key);
            if (v == null) return List.of();
            if (v instanceof Scalar s) return List.of(s);
            if (!(v instanceof Sequence seq)) {
                throw InvalidInputException.at(file, keyLine(key), "expected a list for " + child(key) + ", got a mapping");
            }
            List<Scalar> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (!(item instanceof Scalar s) || s.text() == null) {
                    throw InvalidInputException.at(file, item.line(), "expected a string in " + child(key) + ", got " + YamlNode.describe(item));
                }
                out.add(s);
            }
            return out;
        }
    }
}
