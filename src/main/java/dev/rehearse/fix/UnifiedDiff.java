package dev.rehearse.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The changes as one unified diff (java-diff-utils), paths relative to a base, as {@code git diff} prints them. */
public final class UnifiedDiff {

    private UnifiedDiff() {}

    public static String of(List<FileChange> changes, Path base) {
        StringBuilder out = new StringBuilder();
        for (FileChange c : changes) {
            List<String> before = c.before() == null ? List.of() : lines(c.before());
            List<String> after = lines(c.after());
            Patch<String> patch = DiffUtils.diff(before, after);
            if (patch.getDeltas().isEmpty()) continue;
            String name = relative(base, c.path());
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(c.before() == null ? "/dev/null" : "a/" + name,
                    "b/" + name, before, patch, 3);
            for (String l : diff) {
                // a new file's hunk starts at line 0 of nothing, as git writes it
                out.append(c.before() == null && l.startsWith("@@ -1,0 ") ? "@@ -0,0 " + l.substring(8) : l).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    static String relative(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        return (abs.startsWith(b) ? b.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
