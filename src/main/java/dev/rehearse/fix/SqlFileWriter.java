package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain SQL files, run in natural order of their names: the first migration stays in the original file; step
 * {@code k} becomes {@code <stem>_<k>_<what>.sql} beside it, which sorts right after the original and before the
 * next file ({@code .} sorts before {@code _}), with {@code <stem>_<k>_<what>.down.sql} where a down is derived. A
 * file that must run outside a transaction needs nothing more: such statements make the runner run the file in
 * autocommit, as psql does.
 */
final class SqlFileWriter implements MigrationWriter {

    @Override
    public String format() {
        return "sql";
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        Path file = fix.original().file();
        String name = file.getFileName().toString();
        String stem = name.endsWith(".up.sql") ? name.substring(0, name.length() - 7)
                : name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
        List<FileChange> out = new ArrayList<>();
        List<Fixer.Segment> segments = fix.segments();
        out.add(new FileChange(file, fix.originalText(), SqlFiles.first(segments.get(0))));
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = segments.get(k - 1);
            String base = stem + "_" + k + "_" + SqlFiles.slug(s.name(), k);
            out.add(new FileChange(file.resolveSibling(base + ".sql"), null, SqlFiles.body(s)));
            if (!s.down().isEmpty()) out.add(new FileChange(file.resolveSibling(base + ".down.sql"), null, SqlFiles.down(s.down())));
        }
        return out;
    }
}
