package dev.rehearse.migrate.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Diesel: a directory per migration, {@code <version>_<name>/up.sql} with its {@code down.sql}, as diesel_migrations
 * reads them. The version is the directory name before its first {@code _} with the dashes removed, and migrations
 * run in string order of it: crates.io's {@code 20170820180453_x} and {@code 2017-08-31-230457_x} interleave by date.
 * Each migration (and its revert) runs in a transaction unless its {@code metadata.toml} says
 * {@code run_in_transaction = false}; then the script goes to the server as one batch.
 */
public final class DieselMigrationSource implements MigrationSource {

    @Override
    public String format() {
        return "diesel";
    }

    @Override
    public boolean detect(Path path) {
        return Files.isRegularFile(path) ? path.getFileName().toString().equals("up.sql") : root(path) != null;
    }

    /** The folder holding the migration directories: the path, or its {@code migrations/} (Diesel looks there). */
    private static Path root(Path dir) {
        if (!Files.isDirectory(dir)) return null;
        if (hasMigrations(dir)) return dir;
        Path nested = dir.resolve("migrations");
        return Files.isDirectory(nested) && hasMigrations(nested) ? nested : null;
    }

    private static boolean hasMigrations(Path dir) {
        return Scripts.list(dir).stream().anyMatch(p -> Files.isRegularFile(p.resolve("up.sql")));
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path path : paths) {
            Scripts.mustExist(path);
            if (Files.isRegularFile(path)) {
                if (!path.getFileName().toString().equals("up.sql")) {
                    throw new InvalidInputException(path + ": a Diesel migration is a directory <version>_<name>/ holding up.sql");
                }
                Path dir = path.toAbsolutePath().getParent();
                out.add(migration(dir, dir.getFileName() + "/up.sql", context));
                continue;
            }
            Path root = root(path);
            if (root == null) throw new InvalidInputException(path + ": no Diesel migrations here (<version>_<name>/up.sql)");
            List<Path> dirs = new ArrayList<>();
            for (Path p : Scripts.list(root)) {
                // Diesel skips files and empty directories; any other directory must be a migration
                if (!Files.isDirectory(p) || Scripts.isEmptyDirectory(p)) continue;
                if (!Files.isRegularFile(p.resolve("up.sql"))) {
                    throw new InvalidInputException(p + ": not a Diesel migration (no up.sql); Diesel refuses to run any migration of "
                            + root + " while it is there");
                }
                dirs.add(p);
            }
            dirs.sort(Comparator.comparing((Path p) -> version(p.getFileName().toString()))
                    .thenComparing(p -> p.getFileName().toString()));
            for (Path dir : dirs) out.add(migration(dir, root.relativize(dir).resolve("up.sql").toString(), context));
        }
        return out;
    }

    /** As diesel_migrations' {@code version_from_string}: before the first {@code _}, dashes removed. */
    static String version(String directoryName) {
        return directoryName.split("_", 2)[0].replace("-", "");
    }

    private static Migration migration(Path dir, String name, Context context) {
        Path up = dir.resolve("up.sql");
        Path down = dir.resolve("down.sql");
        List<Migration.Problem> problems = new ArrayList<>();
        boolean inTransaction = runInTransaction(dir.resolve("metadata.toml"), problems);
        String text = dev.rehearse.migrate.ScriptText.read(up);
        if (text.isEmpty()) {
            // Diesel's run_sql_from_file: an empty script is an error before anything is sent
            problems.add(new Migration.Problem(null, "up.sql is empty: Diesel refuses to run an empty migration", true));
        }
        List<Migration.Unit> units = units(context, up, text, inTransaction);
        List<Migration.Unit> downUnits = Files.isRegularFile(down)
                ? units(context, down, dev.rehearse.migrate.ScriptText.read(down), inTransaction) : List.of();
        return new Migration(name, up, version(dir.getFileName().toString()), units,
                Files.isRegularFile(down) ? down : null, downUnits, problems);
    }

    private static List<Migration.Unit> units(Context context, Path file, String text, boolean inTransaction) {
        List<SqlStatement> statements = dev.rehearse.migrate.ScriptText.split(context.splitter(), file, text);
        if (statements.isEmpty()) return List.of();
        // run_in_transaction = false: batch_execute of the whole script, no BEGIN of Diesel's own
        TransactionMode mode = inTransaction ? TransactionMode.TRANSACTION : Scripts.batch(statements, context.engine());
        return List.of(new Migration.Unit(statements, mode));
    }

    /**
     * As diesel_migrations reads {@code metadata.toml}: absent or unreadable, the default (in a transaction); present,
     * its {@code run_in_transaction}, false when the key is missing (serde's default for a bool).
     */
    private static boolean runInTransaction(Path metadata, List<Migration.Problem> problems) {
        if (!Files.isRegularFile(metadata)) return true;
        JsonNode toml;
        try {
            toml = Scripts.toml(metadata);
        } catch (InvalidInputException e) {
            problems.add(new Migration.Problem(null, e.getMessage()
                    + "; Diesel ignores an unreadable metadata.toml and runs the migration in a transaction", false));
            return true;
        }
        JsonNode value = toml.get("run_in_transaction");
        return value != null && value.asBoolean(false);
    }
}
