package dev.rehearse.migrate.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Migrate: {@code prisma/migrations/<timestamp>_<name>/migration.sql}, applied in the order of the directory
 * names, as {@code prisma migrate deploy} does. How a script reaches PostgreSQL depends on Prisma's version, read from
 * the {@code prisma} (or {@code @prisma/client}) dependency in the nearest {@code package.json} above the folder:
 * <ul>
 *   <li>up to 7.3 (and when no version is found): the whole script as one simple query, so several statements are
 *       one implicit transaction and a {@code CREATE INDEX CONCURRENTLY} among them fails, as at deploy;</li>
 *   <li>from 7.4 (prisma-engines#5767): statement by statement, each committing alone, unless the script holds a
 *       statement its splitter cannot parse ({@code DROP INDEX CONCURRENTLY}): then again the whole script at once.</li>
 * </ul>
 * {@code migration_lock.toml} names the provider the history was written for; Prisma refuses to apply it to another.
 */
public final class PrismaMigrationSource implements MigrationSource {

    /** Made on first use: every command instantiates every source, and lint of plain SQL needs no Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    /** The first Prisma release that sends a migration's statements one by one. */
    static final int[] SPLITS_FROM = {7, 4};
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    /** Statements sqlparser (up to 0.62, in Prisma's splitter) cannot parse, which make Prisma send the whole script. */
    private static final Pattern UNSPLITTABLE = Pattern.compile("(?is)^\\s*DROP\\s+INDEX\\s+CONCURRENTLY\\b.*");

    @Override
    public String format() {
        return "prisma";
    }

    @Override
    public boolean detect(Path path) {
        if (Files.isRegularFile(path)) return path.getFileName().toString().equals("migration.sql");
        return root(path) != null;
    }

    /** The migrations folder: the path itself, or its {@code migrations/} or {@code prisma/migrations/}. */
    private static Path root(Path dir) {
        if (!Files.isDirectory(dir)) return null;
        for (Path candidate : List.of(dir, dir.resolve("migrations"), dir.resolve("prisma").resolve("migrations"))) {
            if (Files.isDirectory(candidate) && (Files.isRegularFile(candidate.resolve("migration_lock.toml"))
                    || Scripts.list(candidate).stream().anyMatch(p -> Files.isRegularFile(p.resolve("migration.sql"))))) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path path : paths) {
            Scripts.mustExist(path);
            if (Files.isRegularFile(path)) {
                if (!path.getFileName().toString().equals("migration.sql")) {
                    throw new InvalidInputException(path + ": a Prisma migration is <timestamp>_<name>/migration.sql");
                }
                Path dir = path.toAbsolutePath().getParent();
                Path root = dir.getParent();
                out.add(migration(dir, dir.getFileName() + "/migration.sql", context, splits(root),
                        providerProblem(root, context.engine())));
                continue;
            }
            Path root = root(path);
            if (root == null) throw new InvalidInputException(path + ": no Prisma migrations here (<timestamp>_<name>/migration.sql)");
            boolean splits = splits(root);
            List<Migration.Problem> provider = providerProblem(root, context.engine());
            for (Path dir : Scripts.list(root)) {
                if (!Files.isDirectory(dir)) continue;
                if (!Files.isRegularFile(dir.resolve("migration.sql"))) {
                    // prisma migrate deploy stops on a migration directory without its script
                    throw new InvalidInputException(dir + ": a Prisma migration directory without migration.sql (Prisma stops with P3015)");
                }
                out.add(migration(dir, root.relativize(dir).resolve("migration.sql").toString(), context, splits, provider));
            }
        }
        return out;
    }

    private static Migration migration(Path dir, String name, Context context, boolean splits,
                                       List<Migration.Problem> problems) {
        Path file = dir.resolve("migration.sql");
        List<SqlStatement> statements = dev.rehearse.migrate.ScriptText.split(context.splitter(), file, dev.rehearse.migrate.ScriptText.read(file));
        List<Migration.Unit> units = statements.isEmpty() ? List.of()
                : List.of(new Migration.Unit(statements, mode(statements, splits, context.engine())));
        String version = dir.getFileName().toString().split("_", 2)[0];
        return new Migration(name, file, version.matches("\\d+") ? version : null, units, null, List.of(), problems);
    }

    static TransactionMode mode(List<SqlStatement> statements, boolean splits, EngineSpec engine) {
        boolean unsplittable = statements.stream().anyMatch(s -> UNSPLITTABLE.matcher(s.sql()).matches());
        return splits && !unsplittable ? TransactionMode.AUTOCOMMIT : Scripts.batch(statements, engine);
    }

    /** Whether the project's Prisma sends statements one by one: its version from package.json is 7.4 or later. */
    static boolean splits(Path root) {
        int[] v = prismaVersion(root);
        return v != null && (v[0] != SPLITS_FROM[0] ? v[0] > SPLITS_FROM[0] : v[1] >= SPLITS_FROM[1]);
    }

    /**
     * The major and minor of the {@code prisma} dependency in the package.json of the folder holding the migrations
     * folder, or of the one above it ({@code packages/db/prisma/migrations}); null when neither names one.
     */
    static int[] prismaVersion(Path root) {
        Path dir = root.toAbsolutePath().getParent();
        for (int up = 0; up < 2 && dir != null; up++, dir = dir.getParent()) {
            Path pkg = dir.resolve("package.json");
            if (!Files.isRegularFile(pkg)) continue;
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(pkg.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(pkg + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            for (String section : List.of("dependencies", "devDependencies")) {
                for (String dependency : List.of("prisma", "@prisma/client")) {
                    JsonNode range = json.path(section).path(dependency);
                    if (!range.isTextual()) continue;
                    Matcher m = VERSION.matcher(range.asText());
                    if (m.find()) return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                }
            }
        }
        return null;
    }

    /** Prisma's P3019: the lock file's provider is not the one deployed to. On every migration, so none slips past. */
    private static List<Migration.Problem> providerProblem(Path root, EngineSpec engine) {
        Path lock = root.resolve("migration_lock.toml");
        if (!Files.isRegularFile(lock)) return List.of();
        JsonNode provider = Scripts.toml(lock).get("provider");
        if (provider == null || !provider.isTextual()) {
            throw InvalidInputException.at(lock, 0, "expected provider = \"postgresql\" (or another Prisma provider)");
        }
        EngineSpec.Kind kind = engine == null ? EngineSpec.Kind.POSTGRES : engine.kind();
        String expected = switch (kind) {
            case POSTGRES -> "postgresql";
            case MYSQL, MARIADB -> "mysql";
        };
        String named = provider.asText().toLowerCase(Locale.ROOT);
        if (named.equals(expected)) return List.of();
        String fix = switch (named) {
            case "postgresql" -> "rehearse with --engine postgres:<version>";
            case "mysql" -> "rehearse with --engine mysql:8.0 or mariadb:10.11";
            default -> "rehearse has no engine for " + named;
        };
        return List.of(new Migration.Problem(null, lock + " names provider \"" + named + "\" but this rehearsal targets "
                + kind.id() + "; Prisma refuses to apply a history written for another provider (P3019): " + fix, true));
    }
}
