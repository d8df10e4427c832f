package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Diesel's {@code <version>_<name>/up.sql} with its {@code down.sql}: the first migration stays in the original
 * directory; each later one is a new directory whose version follows the original's by one per step, in the
 * original's layout ({@code 2026-01-01-000002} → {@code 2026-01-01-000003}, as {@code diesel migration generate}
 * writes them), when that still sorts before the next migration, else {@code <version>-<k>_<what>} (Diesel drops the
 * dashes: version {@code <version><k>}, which sorts right after the original). A derived down is the directory's
 * {@code down.sql}. One that must run outside a transaction gets {@code metadata.toml} with
 * {@code run_in_transaction = false}; Diesel then sends {@code up.sql} as one batch, which PostgreSQL runs as one
 * implicit transaction when it holds several statements (diesel_migrations says so and advises a migration each),
 * so such a migration holds its one statement alone.
 */
final class DieselWriter implements MigrationWriter {

    private static final String TOOL = "Diesel (run_in_transaction = false)";

    @Override
    public String format() {
        return "diesel";
    }

    @Override
    public String refuses(Fixer.FileFix fix, List<Migration> all) {
        if (!SqlFiles.aloneEach(fix.segments())) return SqlFiles.notAlone(TOOL);
        if (names(fix, all) == null) {
            return "no Diesel version is free between " + fix.original().version() + " and the next migration for "
                    + (fix.segments().size() - 1) + " new migrations; renumber the later migrations first";
        }
        return null;
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        Path up = fix.original().file();
        Path dir = up.getParent();
        Path root = dir.getParent();
        List<String> names = names(fix, all);
        if (names == null) throw new IllegalStateException(refuses(fix, all));
        List<FileChange> out = new ArrayList<>();
        List<Fixer.Segment> segments = fix.segments();
        out.add(new FileChange(up, fix.originalText(), SqlFiles.alone(segments.get(0), SqlFiles.first(segments.get(0)), TOOL)));
        if (segments.get(0).outsideTransaction()) out.add(metadata(dir));
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = segments.get(k - 1);
            Path created = root.resolve(names.get(k - 2));
            out.add(new FileChange(created.resolve("up.sql"), null, SqlFiles.alone(s, SqlFiles.body(s), TOOL)));
            if (!s.down().isEmpty()) out.add(new FileChange(created.resolve("down.sql"), null, SqlFiles.down(s.down())));
            if (s.outsideTransaction()) out.add(metadata(created));
        }
        return out;
    }

    /** The new directories' names, in order; null when no version fits between the original and the next. */
    private static List<String> names(Fixer.FileFix fix, List<Migration> all) {
        String name = fix.original().file().getParent().getFileName().toString();
        String prefix = name.split("_", 2)[0];
        String version = prefix.replace("-", "");
        String next = null;
        List<String> taken = new ArrayList<>();
        for (Migration m : all) {
            if (m.version() == null) continue;
            taken.add(m.version());
            if (m.version().compareTo(version) > 0 && (next == null || m.version().compareTo(next) < 0)) next = m.version();
        }
        int steps = fix.segments().size() - 1;
        for (boolean byOne : new boolean[] {true, false}) {
            List<String> out = new ArrayList<>();
            for (int k = 2; k <= steps + 1; k++) {
                String p = byOne ? plus(prefix, k - 1) : k > 9 ? null : prefix + "-" + k;
                String v = p == null ? null : p.replace("-", "");
                if (v == null || v.compareTo(version) <= 0 || next != null && v.compareTo(next) >= 0 || taken.contains(v)) {
                    out = null;
                    break;
                }
                out.add(p + "_" + SqlFiles.slug(fix.segments().get(k - 1).name(), k));
            }
            if (out != null) return out;
        }
        return null;
    }

    /** The version's digits plus {@code n}, in its layout (dashes where it had them); null when it is not a number. */
    private static String plus(String prefix, int n) {
        String digits = prefix.replace("-", "");
        if (!digits.matches("\\d{1,18}")) return null;
        String sum = String.valueOf(Long.parseLong(digits) + n);
        if (sum.length() > digits.length()) return null;
        sum = "0".repeat(digits.length() - sum.length()) + sum;
        StringBuilder b = new StringBuilder();
        int d = 0;
        for (char c : prefix.toCharArray()) b.append(c == '-' ? '-' : sum.charAt(d++));
        return b.toString();
    }

    private static FileChange metadata(Path dir) {
        Path toml = dir.resolve("metadata.toml");
        String before;
        try {
            before = Files.exists(toml) ? Files.readString(toml) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String kept = before == null ? "" : before.replaceAll("(?m)^\\s*run_in_transaction\\s*=.*\\R?", "");
        if (!kept.isEmpty() && !kept.endsWith("\n")) kept += "\n";
        return new FileChange(toml, before, kept + "run_in_transaction = false\n");
    }
}
