package dev.rehearse.migrate.source;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate: {@code <version>_<name>.sql} files in {@code db/migrations}, applied in order of their names, each holding
 * {@code -- migrate:up} / {@code -- migrate:down} sections (one pair or several). Each section's up runs in a
 * transaction unless its directive says {@code transaction:false}; then dbmate execs the section as one batch. A file
 * dbmate cannot parse (no up, no down, a statement before the first up) it refuses when it comes to it.
 */
public final class DbmateMigrationSource implements MigrationSource {

    /** dbmate's {@code migrationFileRegexp}. */
    private static final Pattern FILE = Pattern.compile("^(\\d+).*\\.sql$");
    // dbmate's own directive expressions (pkg/dbmate/migration.go)
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+)");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down(\\s*$|\\s+\\S+)");
    private static final Pattern NO_TRANSACTION = Pattern.compile("^--\\s*migrate:(up|down)\\b.*\\stransaction:false(\\s|$).*");

    @Override
    public String format() {
        return "dbmate";
    }

    @Override
    public boolean detect(Path path) {
        if (Files.isRegularFile(path)) return isMigration(path);
        Path root = root(path);
        return root != null;
    }

    private static boolean isMigration(Path file) {
        return FILE.matcher(file.getFileName().toString()).matches() && UP.matcher(dev.rehearse.migrate.ScriptText.read(file)).find();
    }

    /** The path, or its {@code db/migrations} (dbmate's default), when its first migration file has a migrate:up. */
    private static Path root(Path dir) {
        for (Path candidate : List.of(dir, dir.resolve("db").resolve("migrations"))) {
            if (!Files.isDirectory(candidate)) continue;
            Path first = files(candidate).stream().findFirst().orElse(null);
            if (first != null && isMigration(first)) return candidate;
        }
        return null;
    }

    private static List<Path> files(Path dir) {
        return Scripts.list(dir).stream()
                .filter(p -> Files.isRegularFile(p) && FILE.matcher(p.getFileName().toString()).matches()).toList();
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path path : paths) {
            Scripts.mustExist(path);
            if (Files.isRegularFile(path)) {
                out.add(migration(path, path.getFileName().toString(), context));
                continue;
            }
            Path root = root(path);
            if (root == null) throw new InvalidInputException(path + ": no dbmate migrations here (<version>_<name>.sql with -- migrate:up)");
            for (Path f : files(root)) out.add(migration(f, root.relativize(f).toString(), context));
        }
        return out;
    }

    private static Migration migration(Path file, String name, Context context) {
        String text = dev.rehearse.migrate.ScriptText.read(file);
        Matcher versionMatch = FILE.matcher(file.getFileName().toString());
        String version = versionMatch.matches() ? versionMatch.group(1) : null;
        List<Migration.Unit> ups = new ArrayList<>();
        List<Migration.Unit> downs = new ArrayList<>();
        Migration.Problem refusal = parse(text, context, file, ups, downs);
        if (refusal != null) {
            ups.clear(); // dbmate parses the whole file before it runs any of it
            downs.clear();
        }
        return new Migration(name, file, version, ups, downs.isEmpty() ? null : file, downs,
                refusal == null ? List.of() : List.of(refusal));
    }

    /** Fills the sections' units as dbmate runs them; returns dbmate's refusal at its line, or null. */
    private static Migration.Problem parse(String text, Context context, Path file, List<Migration.Unit> ups, List<Migration.Unit> downs) {
        List<Integer> upStarts = new ArrayList<>();
        Matcher up = UP.matcher(text);
        while (up.find()) upStarts.add(up.start());
        if (upStarts.isEmpty()) return refused(null, "dbmate requires each migration to define an up block with '-- migrate:up'");
        String[] before = text.substring(0, upStarts.get(0)).split("\n", -1);
        for (int i = 0; i < before.length; i++) {
            if (!before[i].isBlank() && !before[i].strip().startsWith("--")) {
                return refused(i + 1, "dbmate does not support statements preceding the '-- migrate:up' block");
            }
        }
        for (int i = 0; i < upStarts.size(); i++) {
            int start = upStarts.get(i);
            int end = i + 1 < upStarts.size() ? upStarts.get(i + 1) : text.length();
            String section = text.substring(start, end);
            Matcher down = DOWN.matcher(section);
            if (!down.find()) {
                return refused(Scripts.lineAt(text, start), "dbmate requires each migration to define a down block with '-- migrate:down'");
            }
            int downAt = down.start();
            if (down.find()) {
                return refused(Scripts.lineAt(text, start + down.start()),
                        "dbmate requires every '-- migrate:down' to be preceded by a '-- migrate:up'");
            }
            ups.addAll(unit(context, file, section.substring(0, downAt), Scripts.lineAt(text, start)));
            downs.addAll(unit(context, file, section.substring(downAt), Scripts.lineAt(text, start + downAt)));
        }
        return null;
    }

    private static Migration.Problem refused(Integer line, String message) {
        return new Migration.Problem(line, message, true);
    }

    private static List<Migration.Unit> unit(Context context, Path file, String block, int firstLine) {
        List<SqlStatement> statements = dev.rehearse.migrate.ScriptText.split(context.splitter(), file, block, firstLine);
        if (statements.isEmpty()) return List.of();
        boolean inTransaction = !NO_TRANSACTION.matcher(block.split("\n", 2)[0]).matches();
        return List.of(new Migration.Unit(statements,
                inTransaction ? TransactionMode.TRANSACTION : Scripts.batch(statements, context.engine())));
    }
}
