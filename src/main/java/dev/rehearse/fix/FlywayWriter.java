package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;
import org.flywaydb.core.api.MigrationVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's {@code V<version>__<description>.sql}: the first migration stays in the original file; each later one is
 * {@code V<next>__<what>.sql} when the original is the last version, else a sub-version of it ({@code V3_1__},
 * {@code V3_2__}: Flyway orders 3 &lt; 3.1 &lt; 3.2 &lt; 4), so the steps run where the original did. One that must
 * run outside a transaction gets {@code <file>.conf} with {@code executeInTransaction=false} (Flyway would otherwise
 * wrap it, or refuse a file that mixes a SET with a CONCURRENTLY statement). A derived down is the undo migration
 * {@code U<version>__<what>.sql}.
 */
final class FlywayWriter implements MigrationWriter {

    private static final Pattern NAME = Pattern.compile("^([A-Za-z]*)([0-9][0-9._]*?)(__)(.*)\\.sql$");

    @Override
    public String format() {
        return "flyway";
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        Path file = fix.original().file();
        Matcher n = NAME.matcher(file.getFileName().toString());
        String prefix = n.matches() ? n.group(1) : "V";
        String separator = n.matches() ? n.group(3) : "__";
        MigrationVersion version = MigrationVersion.fromVersion(fix.original().version() != null ? fix.original().version()
                : n.matches() ? n.group(2) : "1");
        MigrationVersion max = version;
        boolean later = false;
        for (Migration m : all) {
            if (m.version() == null) continue;
            MigrationVersion v = MigrationVersion.fromVersion(m.version());
            if (v.compareTo(version) > 0) later = true;
            if (v.compareTo(max) > 0) max = v;
        }
        List<FileChange> out = new ArrayList<>();
        List<Fixer.Segment> segments = fix.segments();
        out.add(new FileChange(file, fix.originalText(), SqlFiles.first(segments.get(0))));
        if (segments.get(0).outsideTransaction()) conf(out, file);
        long next = max.getMajor().longValue();
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = segments.get(k - 1);
            String v = later ? version.getVersion() + "." + (k - 1) : String.valueOf(next + k - 1);
            String what = SqlFiles.slug(s.name(), k);
            Path created = file.resolveSibling(prefix + v.replace('.', '_') + separator + what + ".sql");
            out.add(new FileChange(created, null, SqlFiles.body(s)));
            if (s.outsideTransaction()) conf(out, created);
            if (!s.down().isEmpty()) {
                out.add(new FileChange(file.resolveSibling("U" + v.replace('.', '_') + separator + what + ".sql"), null,
                        SqlFiles.down(s.down())));
            }
        }
        return out;
    }

    private static void conf(List<FileChange> out, Path sql) {
        Path conf = sql.resolveSibling(sql.getFileName() + ".conf");
        String before = null;
        try {
            before = Files.exists(conf) ? Files.readString(conf) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String kept = before == null ? "" : before.replaceAll("(?m)^\\s*executeInTransaction\\s*=.*\\R?", "");
        out.add(new FileChange(conf, before, kept + "executeInTransaction=false\n"));
    }
}
