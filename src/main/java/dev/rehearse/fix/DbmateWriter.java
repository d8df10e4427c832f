package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate's {@code <version>_<name>.sql}, its up and down in one file ({@code -- migrate:up} / {@code -- migrate:down}):
 * the first migration stays in the original file (its down section kept as written); each later one is a new file whose
 * version follows the original's by one per step, padded to its width (dbmate's timestamps: a second per step), when
 * that still sorts before the next file (dbmate runs them in order of their names), with the derived down in its
 * {@code -- migrate:down} section (empty where none is derived: dbmate requires the section). One that must run outside
 * a transaction says {@code -- migrate:up transaction:false}; dbmate then execs the section as one query, which
 * PostgreSQL runs as one implicit transaction when it holds several statements, so it holds its one statement alone.
 */
final class DbmateWriter implements MigrationWriter {

    private static final String TOOL = "dbmate (transaction:false)";
    // dbmate's own directive expressions (pkg/dbmate/migration.go)
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+).*$");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down(\\s*$|\\s+\\S+)");
    private static final Pattern NAME = Pattern.compile("^(\\d+)(.*)\\.sql$");

    @Override
    public String format() {
        return "dbmate";
    }

    @Override
    public String refuses(Fixer.FileFix fix, List<Migration> all) {
        String text = fix.originalText();
        if (text == null) return "dbmate: the migration file could not be read back";
        Matcher up = UP.matcher(text);
        int ups = 0;
        while (up.find()) ups++;
        if (ups != 1) return "a dbmate file of " + ups + " up sections: split it by hand (dbmate records one version per file)";
        if (!SqlFiles.aloneEach(fix.segments())) return SqlFiles.notAlone(TOOL);
        if (names(fix, all) == null) {
            return "no dbmate version sorts between " + fix.original().file().getFileName() + " and the next migration for "
                    + (fix.segments().size() - 1) + " new migrations; renumber the later migrations first";
        }
        return null;
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        List<String> names = names(fix, all);
        if (names == null) throw new IllegalStateException(refuses(fix, all));
        List<Fixer.Segment> segments = fix.segments();
        String text = fix.originalText();
        Matcher down = DOWN.matcher(text);
        // the Fixer carries the text after the last statement (here the down section) to the last migration: it is
        // the original's down, and stays in the original file
        String downSection = down.find() ? text.substring(down.start()) : "-- migrate:down\n";
        List<String> bodies = new ArrayList<>();
        for (Fixer.Segment s : segments) bodies.add(s.text().toString());
        int last = bodies.size() - 1;
        int at = bodies.get(last).lastIndexOf(downSection.strip());
        if (at >= 0) bodies.set(last, bodies.get(last).substring(0, at));
        List<FileChange> out = new ArrayList<>();
        Fixer.Segment first = segments.get(0);
        String firstText = SqlFiles.first(rebuilt(first, bodies.get(0)));
        firstText = SqlFiles.alone(first, firstText, TOOL);
        if (first.outsideTransaction()) firstText = withoutTransaction(firstText);
        if (!UP.matcher(firstText).find()) firstText = directive(first) + firstText; // alone() keeps comment lines only
        out.add(new FileChange(fix.original().file(), text, firstText.stripTrailing() + "\n\n" + downSection));
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = rebuilt(segments.get(k - 1), bodies.get(k - 1));
            StringBuilder b = new StringBuilder(directive(s));
            b.append(SqlFiles.alone(s, SqlFiles.body(s), TOOL)).append("\n-- migrate:down\n");
            for (String d : s.down()) b.append(d).append(";\n");
            out.add(new FileChange(fix.original().file().resolveSibling(names.get(k - 2)), null, b.toString()));
        }
        return out;
    }

    private static Fixer.Segment rebuilt(Fixer.Segment s, String text) {
        return new Fixer.Segment(new StringBuilder(text), s.statements(), s.outsideTransaction(), s.down(), s.name(), s.step());
    }

    private static String directive(Fixer.Segment s) {
        return "-- migrate:up" + (s.outsideTransaction() ? " transaction:false" : "") + "\n";
    }

    /** The up directive with {@code transaction:false}. */
    private static String withoutTransaction(String text) {
        Matcher m = UP.matcher(text);
        if (!m.find() || m.group().matches(".*\\stransaction:false(\\s.*|$)")) return text;
        String line = m.group().replaceAll("\\s+transaction:\\S*", "").stripTrailing() + " transaction:false";
        return text.substring(0, m.start()) + line + text.substring(m.end());
    }

    /** The new files' names, in order; null when no version fits between the original and the next file. */
    private static List<String> names(Fixer.FileFix fix, List<Migration> all) {
        String name = fix.original().file().getFileName().toString();
        Matcher n = NAME.matcher(name);
        if (!n.matches()) return null;
        String digits = n.group(1);
        String next = null;
        List<String> taken = new ArrayList<>();
        for (Migration m : all) {
            String other = m.file().getFileName().toString();
            if (m.version() != null) taken.add(m.version());
            if (other.compareTo(name) > 0 && (next == null || other.compareTo(next) < 0)) next = other;
        }
        List<String> out = new ArrayList<>();
        for (int k = 2; k <= fix.segments().size(); k++) {
            String v = new BigInteger(digits).add(BigInteger.valueOf(k - 1)).toString();
            if (v.length() < digits.length()) v = "0".repeat(digits.length() - v.length()) + v;
            String candidate = v + "_" + SqlFiles.slug(fix.segments().get(k - 1).name(), k) + ".sql";
            if (v.length() != digits.length() || taken.contains(v) || next != null && candidate.compareTo(next) >= 0) return null;
            out.add(candidate);
        }
        return out;
    }
}
