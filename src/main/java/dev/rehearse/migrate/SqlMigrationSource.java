package dev.rehearse.migrate;

import dev.rehearse.InvalidInputException;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plain SQL migrations: files, or directories of {@code .sql} files (recursively) in natural order.
 * {@code X.down.sql} / {@code X.undo.sql} are rollback scripts of {@code X.sql} / {@code X.up.sql}, not
 * applied. Each file is one unit; {@code transaction: auto} wraps it as Flyway does (one transaction unless a
 * statement cannot run in one, or the file manages its own BEGIN/COMMIT), {@code always} wraps every file (tools
 * that wrap everything: CONCURRENTLY then fails, as it would), {@code never} runs it in autocommit.
 */
public final class SqlMigrationSource implements MigrationSource {

    private SqlSplitter splitter;
    private Scenario.Transaction transaction = Scenario.Transaction.AUTO;

    /** For {@link java.util.ServiceLoader}: the splitter comes with each {@link #read(List, Context)}. */
    public SqlMigrationSource() {}

    /** Reads with {@code transaction: auto}. */
    public SqlMigrationSource(SqlSplitter splitter) {
        this.splitter = splitter;
    }

    @Override
    public String format() {
        return "sql";
    }

    @Override
    public boolean detect(Path path) {
        return Files.isRegularFile(path) ? path.getFileName().toString().endsWith(".sql") : !sqlFiles(path).isEmpty();
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        SqlMigrationSource configured = new SqlMigrationSource(context.splitter());
        configured.transaction = context.transaction();
        return configured.read(paths);
    }

    public List<Migration> read(List<Path> paths) {
        List<Migration> migrations = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new InvalidInputException(path + ": no such migration file or directory");
            }
            if (Files.isDirectory(path)) {
                List<Path> files = sqlFiles(path);
                if (files.isEmpty()) throw new InvalidInputException(path + ": no .sql migrations in this directory");
                for (Path f : files) migrations.add(read(f, path.relativize(f).toString()));
            } else {
                migrations.add(read(path, path.getFileName().toString()));
            }
        }
        return migrations;
    }

    private static List<Path> sqlFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .filter(p -> !isRollback(p))
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(dir.relativize(a).toString(),
                            dir.relativize(b).toString()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list migrations: " + e.getMessage());
        }
    }

    /** {@code X.down.sql}, {@code X.undo.sql}, or a {@code down.sql} beside an {@code up.sql} (a migration per folder). */
    static boolean isRollback(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".down.sql") || n.endsWith(".undo.sql")
                || n.equals("down.sql") && java.nio.file.Files.exists(p.resolveSibling("up.sql"));
    }

    /** The version a file's name gives: its first run of digits ({@code V12__x.sql}, {@code 20240101_x/up.sql}). */
    static String version(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+(?:[._]\\d+)*").matcher(name);
        return m.find() ? m.group() : null;
    }

    private Migration read(Path file, String name) {
        List<SqlStatement> statements = statements(file);
        Path rollback = rollbackOf(file);
        // the down runs as the up does: one file, wrapped by the same rule
        List<SqlStatement> down = rollback == null ? List.of() : statements(rollback);
        return new Migration(name, file, version(name), List.of(new Migration.Unit(statements, mode(transaction, statements))),
                rollback, down.isEmpty() ? List.of() : List.of(new Migration.Unit(down, mode(transaction, down))), List.of());
    }

    private List<SqlStatement> statements(Path file) {
        return ScriptText.statements(splitter, file);
    }

    /** How a file of these statements runs under the deploy's wrapping setting. */
    public static TransactionMode mode(Scenario.Transaction transaction, List<SqlStatement> statements) {
        return switch (transaction) {
            case ALWAYS -> TransactionMode.TRANSACTION;
            case NEVER -> TransactionMode.AUTOCOMMIT;
            case AUTO -> statements.stream().anyMatch(s -> s.kind() != SqlStatement.Kind.TRANSACTIONAL)
                    ? TransactionMode.AUTOCOMMIT : TransactionMode.TRANSACTION;
        };
    }

    private static Path rollbackOf(Path file) {
        String n = file.getFileName().toString();
        if (n.equals("up.sql")) {
            Path down = file.resolveSibling("down.sql");
            return Files.exists(down) ? down : null;
        }
        String stem = n.endsWith(".up.sql") ? n.substring(0, n.length() - 7) : n.substring(0, n.length() - 4);
        for (String suffix : List.of(".down.sql", ".undo.sql")) {
            Path candidate = file.resolveSibling(stem + suffix);
            if (Files.exists(candidate)) return candidate;
        }
        return null;
    }
}
