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

    /**
     * A migration outside a transaction block for a tool that sends its script to PostgreSQL as one query string
     * (Diesel's {@code run_in_transaction = false}, dbmate's {@code transaction:false}, golang-migrate): several
     * statements there run as one implicit transaction, in which CONCURRENTLY and a backfill that commits per batch
     * fail, so the script holds its one statement alone. A session setting before it is left out: CONCURRENTLY and a
     * batched backfill take no lock that blocks the application. The text unchanged when it is one statement already,
     * or runs in a transaction; null when more than one statement would remain (it cannot be written as one script).
     */
    static String alone(Fixer.Segment s, String text, String tool) {
        if (!s.outsideTransaction() || s.statements().size() < 2) return text;
        List<String> kept = s.statements().stream().filter(x -> !isSetting(x)).toList();
        if (kept.size() != 1) return null;
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) if (line.startsWith("-- ")) b.append(line).append('\n'); else break;
        b.append("-- one statement: ").append(tool).append(" sends the script as one query, which PostgreSQL runs as one transaction\n");
        b.append(kept.get(0)).append(";\n");
        return b.toString();
    }

    /** Whether every migration of the fix that runs outside a transaction block can be one statement. */
    static boolean aloneEach(List<Fixer.Segment> segments) {
        for (Fixer.Segment s : segments) {
            if (s.outsideTransaction() && s.statements().stream().filter(x -> !isSetting(x)).count() > 1) return false;
        }
        return true;
    }

    /** A reason for a fix a one-script tool cannot carry, with the tool's name. */
    static String notAlone(String tool) {
        return tool + " sends a migration outside a transaction as one query string, which PostgreSQL runs as one"
                + " transaction, and a step of this fix holds several statements that must each run outside one";
    }

    private static boolean isSetting(String sql) {
        String u = sql.strip().toUpperCase(java.util.Locale.ROOT);
        return u.startsWith("SET ") || u.startsWith("RESET ");
    }
}
