package dev.rehearse.migrate.source;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate: {@code <version>_<name>.up.sql} and {@code .down.sql}, run in numeric order of the version. Its
 * PostgreSQL and MySQL drivers send each file as one exec, with no transaction of their own (the default, without
 * {@code x-multi-statement}); the server then decides, as {@link Scripts#batch} says.
 */
public final class GolangMigrateSource implements MigrationSource {

    /** golang-migrate's {@code source.Regex}, for .sql files: names it cannot parse it ignores. */
    private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.sql$");

    @Override
    public String format() {
        return "golang-migrate";
    }

    @Override
    public boolean detect(Path path) {
        if (Files.isRegularFile(path)) return NAME.matcher(path.getFileName().toString()).matches();
        return Files.isDirectory(path) && Scripts.list(path).stream()
                .anyMatch(p -> Files.isRegularFile(p) && NAME.matcher(p.getFileName().toString()).matches());
    }

    private record Pair(Path up, Path down) {}

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path path : paths) {
            Scripts.mustExist(path);
            List<Path> files = Files.isDirectory(path) ? Scripts.list(path) : List.of(path);
            Map<BigInteger, Pair> byVersion = new TreeMap<>();
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (!Files.isRegularFile(f) || !m.matches()) continue;
                BigInteger version = new BigInteger(m.group(1));
                Pair p = byVersion.getOrDefault(version, new Pair(null, null));
                boolean up = m.group(3).equals("up");
                Path earlier = up ? p.up() : p.down();
                if (earlier != null) {
                    // golang-migrate refuses to start on such a folder
                    throw new InvalidInputException(f + ": duplicate migration file: version " + version + " already has "
                            + earlier.getFileName());
                }
                byVersion.put(version, up ? new Pair(f, p.down()) : new Pair(p.up(), f));
            }
            if (Files.isDirectory(path) && byVersion.isEmpty()) {
                throw new InvalidInputException(path + ": no golang-migrate migrations here (<version>_<name>.up.sql)");
            }
            for (Map.Entry<BigInteger, Pair> e : byVersion.entrySet()) {
                Pair p = e.getValue();
                if (p.up() == null) continue; // a version with only a down applies nothing on the way up
                String name = Files.isDirectory(path) ? path.relativize(p.up()).toString() : p.up().getFileName().toString();
                out.add(new Migration(name, p.up(), e.getKey().toString(), units(context, p.up()), p.down(),
                        p.down() == null ? List.of() : units(context, p.down()), List.of()));
            }
        }
        return out;
    }

    private static List<Migration.Unit> units(Context context, Path file) {
        List<SqlStatement> statements = dev.rehearse.migrate.ScriptText.split(context.splitter(), file, dev.rehearse.migrate.ScriptText.read(file));
        if (statements.isEmpty()) return List.of(); // golang-migrate sends nothing for a blank file
        return List.of(new Migration.Unit(statements, Scripts.batch(statements, context.engine())));
    }
}
