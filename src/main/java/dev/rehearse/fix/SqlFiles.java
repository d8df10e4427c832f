package dev.rehearse.fix;

import java.util.List;

/** What the SQL-file writers share: a new file's header and body, a down's body. */
final class SqlFiles {

    private SqlFiles() {}

    /** A new migration's text: where it came from, why it is a migration of its own, then its statements. */
    static String body(Fixer.Segment s) {
        StringBuilder b = new StringBuilder();
        if (s.step() != null) {
            String[] lines = s.step().split("\n");
            b.append("-- rehearse fix: ").append(lines[0]).append('\n');
            for (int i = 1; i < lines.length; i++) b.append("-- ").append(lines[i]).append('\n');
        }
        if (s.outsideTransaction()) b.append("-- runs outside a transaction block\n");
        b.append(s.text().toString().strip()).append('\n');
        return b.toString();
    }

    /** The first migration keeps the original's text around what changed. */
    static String first(Fixer.Segment s) {
        String t = s.text().toString().replaceFirst("^\\s*\n", "");
        return t.endsWith("\n") ? t : t + "\n";
    }

    static String down(List<String> statements) {
        StringBuilder b = new StringBuilder("-- rehearse fix: undoes the migration of the same name\n");
        for (String d : statements) b.append(d).append(";\n");
        return b.toString();
    }

    /** A file-name part from a step's description. */
    static String slug(String name, int k) {
        return name == null || name.isBlank() ? "step_" + k : name;
    }
}
