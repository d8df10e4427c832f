package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate's {@code <version>_<name>.up.sql} with its {@code .down.sql}: the first migration stays in the
 * original file; each later one takes the next integer version, padded to the original's width
 * ({@code 000002} → {@code 000003}; a timestamp version a second per step), when it is still below the next
 * migration's (golang-migrate orders by the integer and has no sub-versions), with the derived down beside it. Its
 * PostgreSQL driver sends a file as one exec (without {@code x-multi-statement}), which PostgreSQL runs as one implicit
 * transaction when it holds several statements; its README says to give {@code CREATE INDEX CONCURRENTLY} a file of its
 * own, so a migration that must run outside a transaction holds its one statement alone.
 */
final class GolangMigrateWriter implements MigrationWriter {

    private static final String TOOL = "golang-migrate";
    private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.*)\\.up\\.sql$");

    @Override
    public String format() {
        return "golang-migrate";
    }

    @Override
    public String refuses(Fixer.FileFix fix, List<Migration> all) {
        if (!SqlFiles.aloneEach(fix.segments())) return SqlFiles.notAlone(TOOL);
        if (versions(fix, all) == null) {
            return "golang-migrate orders migrations by integer version and none is free between "
                    + fix.original().version() + " and the next migration for " + (fix.segments().size() - 1)
                    + " new migrations; renumber the later migrations first";
        }
        return null;
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        List<String> versions = versions(fix, all);
        if (versions == null) throw new IllegalStateException(refuses(fix, all));
        List<FileChange> out = new ArrayList<>();
        List<Fixer.Segment> segments = fix.segments();
        out.add(new FileChange(fix.original().file(), fix.originalText(),
                SqlFiles.alone(segments.get(0), SqlFiles.first(segments.get(0)), TOOL)));
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = segments.get(k - 1);
            String base = versions.get(k - 2) + "_" + SqlFiles.slug(s.name(), k);
            out.add(new FileChange(fix.original().file().resolveSibling(base + ".up.sql"), null,
                    SqlFiles.alone(s, SqlFiles.body(s), TOOL)));
            if (!s.down().isEmpty()) {
                out.add(new FileChange(fix.original().file().resolveSibling(base + ".down.sql"), null, SqlFiles.down(s.down())));
            }
        }
        return out;
    }

    /** The new migrations' versions as written (padded), in order; null when they do not fit below the next. */
    private static List<String> versions(Fixer.FileFix fix, List<Migration> all) {
        Matcher n = NAME.matcher(fix.original().file().getFileName().toString());
        if (!n.matches()) return null;
        String digits = n.group(1);
        BigInteger version = new BigInteger(digits);
        BigInteger next = null;
        List<BigInteger> taken = new ArrayList<>();
        for (Migration m : all) {
            if (m.version() == null || !m.version().matches("\\d+")) continue;
            BigInteger v = new BigInteger(m.version());
            taken.add(v);
            if (v.compareTo(version) > 0 && (next == null || v.compareTo(next) < 0)) next = v;
        }
        List<String> out = new ArrayList<>();
        for (int k = 1; k < fix.segments().size(); k++) {
            BigInteger v = version.add(BigInteger.valueOf(k));
            if (next != null && v.compareTo(next) >= 0 || taken.contains(v)) return null;
            String s = v.toString();
            out.add(s.length() < digits.length() ? "0".repeat(digits.length() - s.length()) + s : s);
        }
        return out;
    }
}
