package dev.rehearse.migrate.flyway;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlSplitter;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.Token;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.flywaydb.core.internal.sqlscript.ParserSqlScript;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLCopyParsedStatement;
import org.flywaydb.database.postgresql.PostgreSQLParser;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Flyway's SQL migrations, read as Flyway 13 reads them (its library does the work: {@code ResourceNameParser} for
 * names, {@code MigrationVersion} for order, {@code PostgreSQLParser} (MySQL and MariaDB: flyway-mysql's
 * {@code MySQLParser} / {@code MariaDBParser}) for statements and placeholders,
 * {@code ParserSqlScript} for the transaction decision and the refusal of mixed scripts).
 *
 * <ul>
 *   <li>Versioned {@code V<version>__<desc>.sql} in {@code MigrationVersion} order ({@code 1.10} after {@code 1.9}),
 *   then repeatables {@code R__<desc>.sql} by description, as Flyway applies them to an empty history; prefixes,
 *   separator and suffixes from the settings ({@link FlywaySettings}).</li>
 *   <li>Undo {@code U<version>__<desc>.sql} is the down of the versioned migration of that version.</li>
 *   <li>Each migration runs in one transaction; one whose every statement cannot (CONCURRENTLY, VACUUM...) runs
 *   without one. One mixing both is refused unless {@code mixed=true}, which runs it all without a transaction;
 *   {@code executeInTransaction} in the settings or in a {@code <script>.sql.conf} decides for the script.</li>
 *   <li>Placeholders replaced with the configured values and Flyway's own {@code ${flyway:...}} ones; those Flyway
 *   asks the live database for take the rehearsal's values (PostgreSQL: {@code defaultSchema} public, {@code user}
 *   and {@code database} postgres; MySQL and MariaDB: the database rehearse, the user root) unless configured.</li>
 * </ul>
 * Java migrations and SQL callbacks ({@code beforeMigrate.sql}...) are not read.
 */
public final class FlywayMigrationSource implements MigrationSource {

    /** Flyway's own words (ParserSqlScript) when it refuses a mixed script. */
    static final String MIXED_REFUSAL = "Detected both transactional and non-transactional statements";
    private static final Pattern ALTER_TYPE_ADD_VALUE = Pattern.compile("^ALTER TYPE( .*)? ADD VALUE");
    private static final Pattern DEFAULT_NAME = Pattern.compile("^(V\\d[^_]*|R)__.+\\.sql$");

    @Override
    public String format() {
        return "flyway";
    }

    /**
     * Flyway's settings found for the path (flyway.conf, flyway.toml, spring.flyway.*), or Flyway's default location
     * {@code db/migration} holding V-files. A bare folder of {@code V1__x.sql} files stays plain SQL: its wrapping
     * ({@code transaction: auto}) already follows Flyway's, and many such folders are not deployed by Flyway.
     */
    @Override
    public boolean detect(Path path) {
        if (!Files.exists(path)) return false;
        Path abs = path.toAbsolutePath().normalize();
        if (!FlywaySettings.find(abs).files().isEmpty()) return true;
        if (Files.isRegularFile(abs)) {
            return DEFAULT_NAME.matcher(abs.getFileName().toString()).matches() && underDefaultLocation(abs);
        }
        try (Stream<Path> s = Files.walk(abs, 8)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && DEFAULT_NAME.matcher(p.getFileName().toString()).matches()
                    && underDefaultLocation(p));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean underDefaultLocation(Path file) {
        for (Path d = file.getParent(); d != null && d.getParent() != null; d = d.getParent()) {
            if (d.getFileName().toString().equals("migration") && d.getParent().getFileName() != null
                    && d.getParent().getFileName().toString().equals("db")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        // null: a caller that does not say, which means PostgreSQL (MigrationSource.Context)
        Database db = context.engine() == null ? Database.POSTGRES : Database.of(context.engine().kind());
        List<Migration> out = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) throw new InvalidInputException(path + ": no such migration file or directory");
            out.addAll(read(path, context.splitter(), db));
        }
        return out;
    }

    /** The settings found for {@code path} as Flyway's configuration. */
    static Configuration configuration(FlywaySettings settings) {
        try {
            return new FluentConfiguration(FlywayMigrationSource.class.getClassLoader())
                    .configuration(settings.properties());
        } catch (FlywayException e) {
            throw new InvalidInputException(settings + ": " + FlywaySettings.oneLine(e.getMessage()));
        }
    }

    /**
     * What Flyway's database type gives the scripts of an engine: its parser (flyway-database-postgresql's, or
     * flyway-mysql's MySQL and MariaDB ones: DELIMITER, {@code #} comments, stored programs, MariaDB's BEGIN NOT
     * ATOMIC), the defaults of the placeholders Flyway would ask the live database for, and its history table.
     */
    enum Database {
        POSTGRES("public", "postgres", "postgres"),
        MYSQL(REHEARSAL_DATABASE, "root", REHEARSAL_DATABASE),
        MARIADB(REHEARSAL_DATABASE, "root", REHEARSAL_DATABASE);

        final String schema, user, database;

        Database(String schema, String user, String database) {
            this.schema = schema;
            this.user = user;
            this.database = database;
        }

        static Database of(dev.rehearse.scenario.EngineSpec.Kind kind) {
            return switch (kind) {
                case POSTGRES -> POSTGRES;
                case MYSQL -> MYSQL;
                case MARIADB -> MARIADB;
            };
        }

        org.flywaydb.core.internal.parser.Parser parser(Configuration conf, ParsingContext parsing, boolean addValueOutsideTransaction) {
            return switch (this) {
                case POSTGRES -> new Parser(conf, parsing, addValueOutsideTransaction);
                case MYSQL -> new org.flywaydb.database.mysql.MySQLParser(conf, parsing);
                case MARIADB -> new org.flywaydb.database.mysql.mariadb.MariaDBParser(conf, parsing);
            };
        }

        /** Flyway's getRawCreateScript for the database (PostgreSQLDatabase, MySQLDatabase), the table named. */
        String historyTable(String schema, String table) {
            if (this == POSTGRES) {
                String t = "\"" + schema + "\".\"" + table + "\"";
                return "CREATE TABLE " + t + " (\n"
                        + "    \"installed_rank\" INT NOT NULL,\n"
                        + "    \"version\" VARCHAR(50),\n"
                        + "    \"description\" VARCHAR(200) NOT NULL,\n"
                        + "    \"type\" VARCHAR(20) NOT NULL,\n"
                        + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                        + "    \"checksum\" INTEGER,\n"
                        + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                        + "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
                        + "    \"execution_time\" INTEGER NOT NULL,\n"
                        + "    \"success\" BOOLEAN NOT NULL\n"
                        + ");\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT \"" + table + "_pk\" PRIMARY KEY (\"installed_rank\");\n"
                        + "CREATE INDEX \"" + table + "_s_idx\" ON " + t + " (\"success\");\n";
            }
            String t = "`" + schema + "`.`" + table + "`";
            return "CREATE TABLE " + t + " (\n"
                    + "    `installed_rank` INT NOT NULL,\n"
                    + "    `version` VARCHAR(50),\n"
                    + "    `description` VARCHAR(200) NOT NULL,\n"
                    + "    `type` VARCHAR(20) NOT NULL,\n"
                    + "    `script` VARCHAR(1000) NOT NULL,\n"
                    + "    `checksum` INT,\n"
                    + "    `installed_by` VARCHAR(100) NOT NULL,\n"
                    + "    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "    `execution_time` INT NOT NULL,\n"
                    + "    `success` BOOL NOT NULL,\n"
                    + "    CONSTRAINT `" + table + "_pk` PRIMARY KEY (`installed_rank`)\n"
                    + ") ENGINE=InnoDB;\n"
                    + "CREATE INDEX `" + table + "_s_idx` ON " + t + " (`success`);\n";
        }
    }

    /** The database a MySQL-family rehearsal migrates (the embedded and Docker servers' {@code DATABASE}). */
    static final String REHEARSAL_DATABASE = "rehearse";

    private List<Migration> read(Path path, SqlSplitter splitter, Database db) {
        FlywaySettings settings = FlywaySettings.find(path);
        Configuration conf = configuration(settings);
        Path root = path.toAbsolutePath().normalize();
        List<Path> locations = settings.locationsFor(root, settings.properties().get("flyway.locations"));

        ResourceNameParser names = new ResourceNameParser(conf);
        ResourceNameParser undoNames = new ResourceNameParser(new FluentConfiguration(conf.getClassLoader())
                .configuration(conf).sqlMigrationPrefix(settings.undoPrefix()));
        List<Found> versioned = new ArrayList<>(), repeatable = new ArrayList<>();
        Map<MigrationVersion, Found> undo = new HashMap<>();
        for (Path location : locations) {
            for (Path file : files(location, conf.getSqlMigrationSuffixes())) {
                String filename = file.getFileName().toString();
                ResourceName n = names.parse(filename);
                String name = displayName(root, location, file);
                if (n.isValid() && n.getPrefix().equals(conf.getSqlMigrationPrefix()) && n.getType().isVersioned()) {
                    versioned.add(new Found(file, name, n));
                } else if (n.isValid() && n.getPrefix().equals(conf.getRepeatableSqlMigrationPrefix())) {
                    repeatable.add(new Found(file, name, n));
                } else if (!settings.undoPrefix().isEmpty() && filename.startsWith(settings.undoPrefix())
                        && undoNames.parse(filename).isValid() && undoNames.parse(filename).getType().isVersioned()) {
                    ResourceName u = undoNames.parse(filename);
                    undo.put(u.getVersion(), new Found(file, name, u));
                } else if (!n.isValid() && conf.isValidateMigrationNaming()) {
                    // Flyway ignores a misnamed file unless told to validate names; then it fails before migrating
                    throw new InvalidInputException(file + ": " + n.getValidityMessage() + " (flyway.validateMigrationNaming)");
                }
            }
        }
        versioned.sort(Comparator.comparing((Found f) -> f.name.getVersion()));
        // flyway.target: an empty database is migrated up to that version (NEXT: the first one) and no further
        MigrationVersion target = conf.getTarget();
        if (target == MigrationVersion.NEXT) {
            versioned = new ArrayList<>(versioned.subList(0, Math.min(1, versioned.size())));
        } else if (target != null && target != MigrationVersion.LATEST && target != MigrationVersion.CURRENT) {
            versioned.removeIf(f -> f.name.getVersion().compareTo(target) > 0);
        }
        for (int i = 1; i < versioned.size(); i++) {
            if (versioned.get(i).name.getVersion().equals(versioned.get(i - 1).name.getVersion())) {
                // Flyway's validation fails the same way before migrating anything
                throw new InvalidInputException(versioned.get(i).file + ": Found more than one migration with version "
                        + versioned.get(i).name.getVersion() + " (also " + versioned.get(i - 1).file + ")");
            }
        }
        repeatable.sort(Comparator.comparing((Found f) -> f.name.getDescription()));

        Scripts scripts = new Scripts(conf, settings, splitter, db);
        List<Migration> out = new ArrayList<>();
        for (Found f : versioned) {
            Script up = scripts.read(f);
            Found u = undo.get(f.name.getVersion());
            Script down = u == null ? null : scripts.read(u);
            List<Migration.Problem> problems = new ArrayList<>(up.problems);
            if (down != null) {
                down.problems.forEach(p -> problems.add(new Migration.Problem(p.line(),
                        "undo " + u.file.getFileName() + (p.line() == null ? "" : ":" + p.line()) + ": " + p.message(),
                        false)));
            }
            out.add(new Migration(f.display, f.file, f.name.getVersion().getVersion(), up.units,
                    down == null ? null : u.file, down == null ? List.of() : down.units, problems));
        }
        for (Found f : repeatable) {
            Script r = scripts.read(f);
            out.add(new Migration(f.display, f.file, null, r.units, null, List.of(), r.problems));
        }
        List<Migration.Problem> notRehearsed = notRehearsed(conf, settings);
        if (!out.isEmpty() && !notRehearsed.isEmpty()) {
            Migration first = out.get(0);
            List<Migration.Problem> problems = new ArrayList<>(notRehearsed);
            problems.addAll(first.problems());
            out.set(0, new Migration(first.name(), first.file(), first.version(), first.units(), first.rollback(),
                    first.down(), problems));
        }
        if (!out.isEmpty() && refersTo(out, conf.getTable())) out.add(0, historyTable(conf, root, splitter, db));
        if (out.isEmpty()) {
            throw new InvalidInputException(path + ": no Flyway migrations ("
                    + conf.getSqlMigrationPrefix() + "<version>" + conf.getSqlMigrationSeparator() + "<description>"
                    + String.join("|", conf.getSqlMigrationSuffixes()) + ") in " + String.join(", ",
                    locations.stream().map(Path::toString).toList()) + " (settings: " + settings + ")");
        }
        return out;
    }

    /**
     * Settings that change how the deploy runs but that a migration's units cannot carry: reported on the first
     * migration (FLAG {@code untranslated}), never dropped silently. {@code lockRetryCount} is not among them: it
     * retries Flyway's own advisory lock on the history table, not a statement.
     */
    private static List<Migration.Problem> notRehearsed(Configuration conf, FlywaySettings settings) {
        List<Migration.Problem> out = new ArrayList<>();
        if (conf.getInitSql() != null && !conf.getInitSql().isBlank()) {
            out.add(new Migration.Problem(null, "flyway.initSql (" + FlywaySettings.oneLine(conf.getInitSql())
                    + ", " + settings + ") runs on Flyway's connection before the first migration; the rehearsal does "
                    + "not send it: give its timeouts as --lock-timeout / --statement-timeout", false));
        }
        if (conf.isGroup()) {
            out.add(new Migration.Problem(null, "flyway.group=true (" + settings + ") runs all pending migrations in "
                    + "one transaction; the rehearsal runs each migration in its own", false));
        }
        return out;
    }

    /** Whether a statement names Flyway's history table (a fix-up of its rows, as real histories have). */
    private static boolean refersTo(List<Migration> migrations, String table) {
        Pattern name = Pattern.compile("(?i)(^|[^a-z0-9_$])\"?" + Pattern.quote(table) + "\"?($|[^a-z0-9_$])");
        return migrations.stream().flatMap(m -> m.statements().stream()).anyMatch(st -> name.matcher(st.sql()).find());
    }

    /**
     * Flyway creates its history table before the first migration (PostgreSQLDatabase.getRawCreateScript), so a
     * migration that reads or fixes its rows finds it at deploy: the rehearsal creates it the same way, first.
     */
    private static Migration historyTable(Configuration conf, Path root, SqlSplitter splitter, Database db) {
        String schema = conf.getDefaultSchema() != null ? conf.getDefaultSchema()
                : conf.getSchemas().length > 0 ? conf.getSchemas()[0] : db.schema;
        String sql = db.historyTable(schema, conf.getTable());
        // version 0: before every migration, so --from counts it as deployed, as it is once anything was deployed
        return new Migration(conf.getTable() + HISTORY_TABLE, root, "0",
                List.of(new Migration.Unit(splitter.split(sql), TransactionMode.TRANSACTION)), null, List.of(), List.of());
    }

    /** The name's end of the migration that stands for Flyway creating its history table. */
    private static final String HISTORY_TABLE = " (Flyway's history table)";

    /** Whether {@code m} is the history table Flyway creates before the first migration, not one of the team's. */
    public static boolean createsHistoryTable(Migration m) {
        return m.name().endsWith(HISTORY_TABLE);
    }

    private static String displayName(Path root, Path location, Path file) {
        if (Files.isRegularFile(root)) return file.getFileName().toString();
        if (file.startsWith(root)) return root.relativize(file).toString();
        Path base = location.getParent() == null ? location : location.getParent();
        return base.relativize(file).toString();
    }

    /** Files of a location, recursively, as Flyway's file-system scanner finds them. */
    private static List<Path> files(Path location, String[] suffixes) {
        if (Files.isRegularFile(location)) return List.of(location);
        try (Stream<Path> s = Files.walk(location)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                for (String suffix : suffixes) if (n.endsWith(suffix)) return true;
                return false;
            }).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(location + ": cannot list migrations: " + e.getMessage());
        }
    }

    private record Found(Path file, String display, ResourceName name) {}

    private record Script(List<Migration.Unit> units, List<Migration.Problem> problems) {}

    /** Parses scripts with one configuration, as Flyway's SqlMigrationResolver does. */
    private static final class Scripts {
        private final Configuration conf;
        private final SqlSplitter splitter;
        private final ParsingContext parsing = new ParsingContext();
        private final boolean addValueOutsideTransaction;
        private final Database db;

        Scripts(Configuration conf, FlywaySettings settings, SqlSplitter splitter, Database db) {
            this.conf = conf;
            this.db = db;
            this.splitter = splitter;
            // With a live database Flyway runs ALTER TYPE ... ADD VALUE outside a transaction below PostgreSQL 12
            // only; offline it cannot ask, so the engine's version decides, as it would at deploy.
            this.addValueOutsideTransaction = splitter.split("ALTER TYPE t ADD VALUE 'v'").get(0).kind()
                    == SqlStatement.Kind.NON_TRANSACTIONAL;
            Map<String, String> p = parsing.getPlaceholders();
            String sep = conf.getPlaceholderSeparator();
            String schema = conf.getDefaultSchema() != null ? conf.getDefaultSchema()
                    : conf.getSchemas().length > 0 ? conf.getSchemas()[0] : db.schema;
            p.put("flyway" + sep + "defaultSchema", schema);
            p.put("flyway" + sep + "user", conf.getUser() != null ? conf.getUser() : db.user);
            p.put("flyway" + sep + "database", database(conf.getUrl(), db.database));
            p.put("flyway" + sep + "timestamp", new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date()));
            p.put("flyway" + sep + "workingDirectory", conf.getWorkingDirectory() != null ? conf.getWorkingDirectory()
                    : settings.baseDir().toString());
            p.put("flyway" + sep + "table", conf.getTable());
            p.put("flyway" + sep + "environment", conf.getCurrentEnvironmentName());
        }

        private static String database(String url, String otherwise) {
            if (url == null || !url.startsWith("jdbc:")) return otherwise;
            try {
                String path = URI.create(url.substring(5)).getPath();
                return path == null || path.length() < 2 ? otherwise : path.substring(1);
            } catch (IllegalArgumentException e) {
                return otherwise;
            }
        }

        Script read(Found f) {
            // Flyway's reader replaces a byte that is not UTF-8 and keeps a NUL: say where they are, as for plain SQL
            if (java.nio.charset.StandardCharsets.UTF_8.equals(conf.getEncoding())) dev.rehearse.migrate.ScriptText.read(f.file);
            parsing.updateFilenamePlaceholder(f.name, conf);
            Path metadata = f.file.resolveSibling(f.file.getFileName() + ".conf");
            if (Files.isRegularFile(metadata)) dev.rehearse.migrate.ScriptText.read(metadata); // Flyway: "Unable to read config"
            try {
                ParserSqlScript script = script(f.file, metadata, conf.isMixed());
                List<Migration.Problem> problems = new ArrayList<>();
                try {
                    script.validate();
                } catch (FlywayException e) {
                    if (e.getMessage() == null || !e.getMessage().startsWith(MIXED_REFUSAL)) throw e;
                    // Flyway refuses it before sending anything; read it all to lint what it says
                    problems.add(new Migration.Problem(line(e.getMessage()), FlywaySettings.oneLine(e.getMessage()), true));
                    script = script(f.file, metadata, true);
                }
                List<SqlStatement> statements = new ArrayList<>();
                try (SqlStatementIterator it = script.getSqlStatements()) {
                    while (it.hasNext()) {
                        org.flywaydb.core.internal.sqlscript.SqlStatement s = it.next();
                        if (s instanceof PostgreSQLCopyParsedStatement) {
                            problems.add(new Migration.Problem(s.getLineNumber(), "COPY ... FROM STDIN: Flyway streams "
                                    + "the rows that follow it in the file; the rehearsal does not send them", false));
                            continue;
                        }
                        statements.add(statement(f.file, s));
                    }
                }
                TransactionMode mode = script.executeInTransaction() ? TransactionMode.TRANSACTION : TransactionMode.AUTOCOMMIT;
                return new Script(List.of(new Migration.Unit(statements, mode)), problems);
            } catch (FlywayException e) {
                throw new InvalidInputException(f.file + ": " + FlywaySettings.oneLine(e.getMessage()));
            }
        }

        private ParserSqlScript script(Path file, Path metadata, boolean mixed) {
            FileSystemResource resource = new FileSystemResource(null, file.toString(), conf.getEncoding(),
                    conf.isDetectEncoding(), false);
            FileSystemResource meta = Files.isRegularFile(metadata)
                    ? new FileSystemResource(null, metadata.toString(), conf.getEncoding(), false, false) : null;
            return new ParserSqlScript(db.parser(conf, parsing, addValueOutsideTransaction), resource, meta, mixed);
        }

        /**
         * The statement Flyway split, as the engine's splitter reads it: Flyway's text carries the comments before the
         * statement (suppressions live there), the engine knows TRANSACTION_CONTROL and version-dependent kinds.
         * {@code getLineNumber()} is the line of the statement's first token.
         */
        private SqlStatement statement(Path file, org.flywaydb.core.internal.sqlscript.SqlStatement s) {
            String sql = s.getSql().strip();
            try {
                List<SqlStatement> split = splitter.split(sql);
                if (split.size() == 1) {
                    SqlStatement e = split.get(0);
                    return new SqlStatement(e.sql(), s.getLineNumber(), e.kind(), e.comments());
                }
            } catch (SqlSplitException e) {
                throw InvalidInputException.at(file, s.getLineNumber(), e.getMessage());
            }
            return new SqlStatement(sql, s.getLineNumber(), s.canExecuteInTransaction()
                    ? SqlStatement.Kind.TRANSACTIONAL : SqlStatement.Kind.NON_TRANSACTIONAL);
        }

        private static Integer line(String message) {
            java.util.regex.Matcher m = Pattern.compile("at line (\\d+)").matcher(message);
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        }
    }

    /** Flyway's PostgreSQL parser, told the engine's version where Flyway would ask the database for it. */
    static final class Parser extends PostgreSQLParser {
        private final boolean addValueOutsideTransaction;

        Parser(Configuration conf, ParsingContext parsing, boolean addValueOutsideTransaction) {
            super(conf, parsing);
            this.addValueOutsideTransaction = addValueOutsideTransaction;
        }

        @Override
        protected Boolean detectCanExecuteInTransaction(String simplified, List<Token> keywords) {
            Boolean flyway = super.detectCanExecuteInTransaction(simplified, keywords);
            if (Boolean.FALSE.equals(flyway) && ALTER_TYPE_ADD_VALUE.matcher(simplified).matches()
                    && !addValueOutsideTransaction) {
                return null;
            }
            return flyway;
        }
    }
}
