package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prisma Migrate's {@code <timestamp>_<name>/migration.sql}: the first migration stays in the original directory; each
 * later one is a new directory whose timestamp follows the original's by a second per step, when that still sorts
 * before the next migration, else {@code <original>_<k>_<what>} (which does). Prisma has no down migrations. Prisma up
 * to 7.3 sends a migration as one script, which PostgreSQL runs as one implicit transaction: a migration that must run
 * outside a transaction block holds its one statement alone (a session setting before it is left out: CONCURRENTLY
 * and a batched backfill take no lock that blocks the application).
 */
final class PrismaWriter implements MigrationWriter {

    @Override
    public String format() {
        return "prisma";
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        Path file = fix.original().file();
        Path dir = file.getParent();
        Path root = dir.getParent();
        String name = dir.getFileName().toString();
        String next = siblings(root).stream().filter(n -> n.compareTo(name) > 0).findFirst().orElse(null);
        List<FileChange> out = new ArrayList<>();
        List<Fixer.Segment> segments = fix.segments();
        out.add(new FileChange(file, fix.originalText(), alone(segments.get(0), SqlFiles.first(segments.get(0)))));
        String ts = name.matches("\\d{14}_.*") ? name.substring(0, 14) : null;
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = segments.get(k - 1);
            String what = SqlFiles.slug(s.name(), k);
            String candidate = ts == null ? null : (Long.parseLong(ts) + k - 1) + "_" + what;
            if (candidate == null || next != null && candidate.compareTo(next) >= 0) candidate = name + "_" + k + "_" + what;
            out.add(new FileChange(root.resolve(candidate).resolve("migration.sql"), null, alone(s, SqlFiles.body(s))));
        }
        return out;
    }

    /** A migration outside a transaction block with its settings left out, so its script is one statement. */
    private static String alone(Fixer.Segment s, String text) {
        if (!s.outsideTransaction() || s.statements().size() < 2) return text;
        List<String> kept = s.statements().stream().filter(x -> !x.strip().toUpperCase(java.util.Locale.ROOT).startsWith("SET ")).toList();
        if (kept.size() != 1) return text;
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) if (line.startsWith("-- ")) b.append(line).append('\n'); else break;
        b.append("-- one statement: Prisma up to 7.3 runs a script of several in one transaction\n");
        b.append(kept.get(0)).append(";\n");
        return b.toString();
    }

    private static List<String> siblings(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
