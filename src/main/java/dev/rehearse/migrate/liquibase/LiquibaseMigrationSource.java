package dev.rehearse.migrate.liquibase;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;
import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Labels;
import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.changelog.visitor.ValidatingVisitor;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.RollbackFailedException;
import liquibase.exception.ValidationFailedException;
import liquibase.executor.ExecutorService;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Liquibase changelogs (XML, YAML, JSON, formatted SQL, with {@code include} / {@code includeAll}) rendered by
 * Liquibase itself, offline, for the target engine ({@code offline:postgresql?version=16}): the changeSets its
 * {@code update} would run, filtered by contexts, labels, dbms and {@code ignore} with Liquibase's own filters, each
 * rendered by {@link ChangeSet#execute} into the statements Liquibase would send.
 *
 * <p>A migration is one changeSet: Liquibase records and runs changeSets one by one, each in its own transaction
 * unless {@code runInTransaction="false"} (then each statement commits alone). {@code name} is the changelog file
 * (relative to the master's directory), {@code version} the changeSet id, and the down is what
 * {@link ChangeSet#rollback} sends: its rollback block, or the rollback Liquibase generates for the change types it
 * can invert (createTable, addColumn, createIndex...). Preconditions are not tested (as {@code updateSql} does not);
 * Liquibase's own bookkeeping (DATABASECHANGELOG, its lock table) is not rehearsed.
 */
public final class LiquibaseMigrationSource implements MigrationSource {

    /** Liquibase's first line of a formatted SQL changelog ({@code AbstractFormattedChangeLogParser.FIRST_LINE_REGEX}). */
    private static final Pattern FORMATTED_SQL = Pattern.compile("^\\s*--\\s*liquibase\\s*formatted.*", Pattern.CASE_INSENSITIVE);
    private static final List<String> EXTENSIONS = List.of(".xml", ".yaml", ".yml", ".json", ".sql");

    @Override
    public String format() {
        return "liquibase";
    }

    @Override
    public boolean detect(Path path) {
        return Files.isRegularFile(path) ? isChangelog(path) : Files.isDirectory(path) && master(path) != null;
    }

    /** Whether a file is a Liquibase changelog, from its first bytes. */
    static boolean isChangelog(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(name::endsWith)) return false;
        String head;
        try (var in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(8192), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        if (head.startsWith("\uFEFF")) head = head.substring(1);
        if (name.endsWith(".sql")) {
            return head.lines().filter(l -> !l.isBlank()).findFirst().map(l -> FORMATTED_SQL.matcher(l).matches()).orElse(false);
        }
        if (name.endsWith(".xml")) return head.contains("<databaseChangeLog");
        if (name.endsWith(".json")) return head.contains("\"databaseChangeLog\"");
        return Pattern.compile("(?m)^databaseChangeLog\\s*:").matcher(head).find();
    }

    /**
     * The master changelog of a directory: one whose name says master ({@code db.changelog-master.yaml}), Spring
     * Boot's {@code db/changelog/db.changelog-master.*} below it, or its only changelog; null when there is none.
     */
    static Path master(Path dir) {
        List<Path> changelogs;
        try (Stream<Path> s = Files.list(dir)) {
            changelogs = s.filter(Files::isRegularFile).filter(LiquibaseMigrationSource::isChangelog).sorted().toList();
        } catch (IOException e) {
            return null;
        }
        List<Path> masters = changelogs.stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains("master")).toList();
        if (masters.size() == 1) return masters.get(0);
        if (masters.isEmpty()) {
            for (String ext : EXTENSIONS) {
                Path spring = dir.resolve("db/changelog/db.changelog-master" + ext);
                if (Files.isRegularFile(spring) && isChangelog(spring)) return spring;
            }
            if (changelogs.size() == 1) return changelogs.get(0);
        }
        return null;
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) throw new InvalidInputException(path + ": no such changelog file or directory");
            Path master = path;
            if (Files.isDirectory(path)) {
                master = master(path);
                if (master == null) {
                    throw new InvalidInputException(path + ": no master changelog in this directory (a db.changelog-master.xml"
                            + " / .yaml / .json / .sql, or a single changelog); name the master changelog file");
                }
            } else if (!isChangelog(path)) {
                throw new InvalidInputException(path + ": not a Liquibase changelog (expected <databaseChangeLog> in XML, a"
                        + " databaseChangeLog key in YAML or JSON, or '--liquibase formatted sql' as a SQL file's first line)");
            }
            out.addAll(read(master.toAbsolutePath().normalize(), context));
        }
        return out;
    }

    private List<Migration> read(Path master, Context context) {
        EngineSpec engine = context.engine() == null ? EngineSpec.DEFAULT : context.engine();
        Map<String, Object> scope = new HashMap<>();
        ResourceAccessor accessor = searchPath(master);
        scope.put(Scope.Attr.resourceAccessor.name(), accessor);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new QuietLogService(System.err::println));
        // the nearest directory of the search path wins when a path exists in several (see searchPath)
        scope.put(GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(), GlobalConfiguration.DuplicateFileMode.SILENT);
        scope.put("liquibase.analytics.enabled", false);
        try {
            return Scope.child(scope, () -> new Reading(master, context, engine, accessor).run());
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            // ours, from reading a changelog's lines (a NUL, a byte that is not UTF-8), wrapped by Liquibase's scope
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof InvalidInputException invalid) throw invalid;
            }
            throw new InvalidInputException(master + ": Liquibase cannot read this changelog: " + oneLine(e));
        }
    }

    /**
     * Where includes are looked up: the master's directory (what {@code relativeToChangelogFile} and a CLI run from
     * there see), then each parent up to the working directory or the repository root (a Spring Boot classpath root,
     * a project root the deploy runs from), nearest first.
     */
    private static ResourceAccessor searchPath(Path master) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        List<ResourceAccessor> roots = new ArrayList<>();
        for (Path dir = master.getParent(); dir != null; dir = dir.getParent()) {
            try {
                roots.add(new DirectoryResourceAccessor(dir));
            } catch (IOException e) {
                break;
            }
            if (dir.equals(cwd) || Files.exists(dir.resolve(".git"))) break;
        }
        return new CompositeResourceAccessor(roots);
    }

    /** One master changelog read in one Liquibase scope. */
    private static final class Reading {

        private final Path master;
        private final Context context;
        private final EngineSpec engine;
        private final ResourceAccessor accessor;
        private final Map<Path, ChangeSetLines> lines = new HashMap<>();

        Reading(Path master, Context context, EngineSpec engine, ResourceAccessor accessor) {
            this.master = master;
            this.context = context;
            this.engine = engine;
            this.accessor = accessor;
        }

        List<Migration> run() throws Exception {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                    new OfflineConnection(offlineUrl(engine), accessor));
            Contexts contexts = new Contexts(context.contexts());
            LabelExpression labels = new LabelExpression(context.labels());
            checkExpression("contexts", context.contexts());
            checkExpression("labels", context.labels());
            ChangeLogParameters parameters = new ChangeLogParameters(db);
            parameters.setContexts(contexts);
            parameters.setLabels(labels);
            String logical = master.getFileName().toString();
            DatabaseChangeLog changeLog;
            try {
                changeLog = ChangeLogParserFactory.getInstance().getParser(logical, accessor).parse(logical, parameters, accessor);
            } catch (LiquibaseException e) {
                throw new InvalidInputException(master + ": " + oneLine(e));
            }
            ExecutorService executors = Scope.getCurrentScope().getSingleton(ExecutorService.class);
            CapturingExecutor executor = new CapturingExecutor(executors.getExecutor("jdbc", db), db);
            executors.setExecutor("jdbc", db, executor);
            try {
                validate(changeLog, db, contexts, labels);
                List<Migration> out = new ArrayList<>();
                // the filters Liquibase's update applies (AbstractUpdateCommandStep.getStandardChangelogIteratorFilters)
                new ChangeLogIterator(changeLog, new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(labels),
                        new DbmsChangeSetFilter(db), new IgnoreChangeSetFilter())
                        .run(new ChangeSetVisitor() {
                            @Override
                            public Direction getDirection() {
                                return Direction.FORWARD;
                            }

                            @Override
                            public void visit(ChangeSet cs, DatabaseChangeLog log, Database d, Set<ChangeSetFilterResult> r) {
                                Migration m = render(cs, log, db, executor);
                                if (m != null) out.add(m);
                            }
                        }, new RuntimeEnvironment(db, contexts, labels));
                return out;
            } finally {
                executors.clearExecutor("jdbc", db);
            }
        }

        /** What Liquibase's update checks before it runs anything, with nothing deployed yet. */
        private void validate(DatabaseChangeLog changeLog, Database db, Contexts contexts, LabelExpression labels)
                throws LiquibaseException {
            ValidatingVisitor v = new ValidatingVisitor(List.of());
            v.validate(db, changeLog);
            new ChangeLogIterator(changeLog, new DbmsChangeSetFilter(db), new ContextChangeSetFilter(contexts),
                    new LabelChangeSetFilter(labels)).run(v, new RuntimeEnvironment(db, contexts, labels));
            if (v.validationPassed()) return;
            if (!v.getDuplicateChangeSets().isEmpty()) {
                ChangeSet dup = v.getDuplicateChangeSets().iterator().next();
                Path file = file(dup);
                throw InvalidInputException.at(file, lines(file).start(dup.getId(), dup.getAuthor()),
                        "changeSet " + dup.toString(false) + " is defined more than once; Liquibase refuses the changelog");
            }
            throw new InvalidInputException(master + ": Liquibase validation failed: "
                    + oneLine(new ValidationFailedException(v)).replaceFirst("^Validation Failed:\\s*", ""));
        }

        private Migration render(ChangeSet cs, DatabaseChangeLog log, Database db, CapturingExecutor executor) {
            Path file = file(cs);
            ChangeSetLines where = lines(file);
            int start = where.start(cs.getId(), cs.getAuthor());
            // as ChangeSet.execute sets autocommit: off for a runInTransaction changeSet where the database takes DDL in one
            TransactionMode mode = cs.isRunInTransaction() && db.supportsDDLInTransaction()
                    ? TransactionMode.TRANSACTION : TransactionMode.AUTOCOMMIT;
            List<Migration.Problem> problems = new ArrayList<>();
            for (int i = 0; i < cs.getChanges().size(); i++) {
                Change change = cs.getChanges().get(i);
                // what Liquibase's updateSql marks "may change each run": it reads the live schema to decide
                if (change.generateStatementsVolatile(db)) {
                    problems.add(new Migration.Problem(where.change(cs.getId(), cs.getAuthor(), i), "changeSet "
                            + cs.getId() + ": " + change.getSerializedObjectName() + " reads the live database's schema"
                            + " to decide its SQL; rendered offline from the changelog, it may differ from what the deploy"
                            + " sends", false));
                }
            }
            executor.take();
            try {
                cs.execute(log, null, db);
            } catch (MigrationFailedException | RuntimeException e) {
                problems.add(new Migration.Problem(start, "changeSet " + cs.getId()
                        + " cannot be rendered offline: " + oneLine(e), false));
            }
            List<SqlStatement> up = statements(executor.take(), cs, file, where, start);

            Path rollbackFile = null;
            List<Migration.Unit> down = List.of();
            try {
                cs.rollback(db);
                List<SqlStatement> undo = statements(executor.take(), cs, file, where, start);
                rollbackFile = file;
                if (!undo.isEmpty()) down = List.of(new Migration.Unit(undo, mode));
            } catch (RollbackFailedException | RuntimeException e) {
                executor.take(); // no rollback block, and none Liquibase can generate (raw SQL): no down
            }
            if (up.isEmpty() && problems.isEmpty()) return null;
            return new Migration(name(file), file, cs.getId(), List.of(new Migration.Unit(up, mode)), rollbackFile, down,
                    problems);
        }

        /**
         * Liquibase's statements, each as the engine's splitter classifies it, at its line in the file: where its text
         * is written inside the changeSet, else the line of the change that generated it, else the changeSet's own.
         */
        private List<SqlStatement> statements(List<CapturingExecutor.Sent> sent, ChangeSet cs, Path file,
                                              ChangeSetLines where, int start) {
            List<SqlStatement> out = new ArrayList<>();
            int cursor = start;
            for (CapturingExecutor.Sent one : sent) {
                String sql = one.sql();
                Integer at = where.find(sql, start, cursor);
                if (at != null) cursor = at;
                int changeLine = one.change() == null ? start
                        : where.change(cs.getId(), cs.getAuthor(), indexOf(cs.getChanges(), one.change()));
                int base = at == null ? changeLine : at;
                List<SqlStatement> split;
                try {
                    split = context.splitter().split(sql);
                } catch (SqlSplitException e) {
                    throw InvalidInputException.at(file, base, e.getMessage());
                }
                for (SqlStatement s : split) {
                    int line = at == null ? changeLine : base + s.line() - 1;
                    out.add(new SqlStatement(s.sql(), line, s.kind(), s.comments()));
                }
            }
            return out;
        }

        private static int indexOf(List<Change> changes, Change change) {
            for (int i = 0; i < changes.size(); i++) if (changes.get(i) == change) return i;
            return -1;
        }

        private Path file(ChangeSet cs) {
            String physical = cs.getChangeLog() == null ? cs.getFilePath() : cs.getChangeLog().getPhysicalFilePath();
            try {
                return Path.of(accessor.getExisting(physical).getUri()).normalize();
            } catch (IOException | RuntimeException e) {
                return master.resolveSibling(physical).normalize();
            }
        }

        private ChangeSetLines lines(Path file) {
            return lines.computeIfAbsent(file, ChangeSetLines::of);
        }

        private String name(Path file) {
            Path dir = master.getParent();
            return file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
        }

        /** Liquibase accepts any text as an expression and fails when matching; fail here, naming the setting. */
        private static void checkExpression(String what, String expression) {
            if (expression == null || expression.isBlank()) return;
            try {
                if (what.equals("labels")) new LabelExpression(expression).matches(new Labels("x"));
                else new ContextExpression(expression).matches(new Contexts("x"));
            } catch (RuntimeException e) {
                throw new InvalidInputException("--" + what + " / migrations." + what + ": '" + expression
                        + "' is not a Liquibase " + what + " expression: " + oneLine(e));
            }
        }
    }

    /** Liquibase's offline URL for the target engine: the SQL it renders depends on the database and its version. */
    static String offlineUrl(EngineSpec engine) {
        String db = switch (engine.kind()) {
            case POSTGRES -> "postgresql";
            case MYSQL -> "mysql";
            case MARIADB -> "mariadb";
        };
        return "offline:" + db + "?version=" + engine.version();
    }

    /** A Liquibase message on one line, without the exception class names it nests. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                break;
            }
            t = t.getCause();
        }
        if (message == null) message = e.getClass().getSimpleName();
        return message.strip().replaceAll("(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error): ", "").replaceAll("\\s*\\R\\s*", " ");
    }
}
