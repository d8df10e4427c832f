package dev.rehearse.fix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test's {@code V<n>__<what>.sql} laid out as the SQL-file tools name their migrations, the way their own
 * generators would: Diesel {@code 2026-01-01-0000<nn>_<what>/up.sql}, Drizzle {@code <n-1, 4 digits>_<what>.sql} with
 * its entry in {@code meta/_journal.json}, dbmate {@code 202601010000<nn>_<what>.sql} with its
 * {@code -- migrate:up}/{@code -- migrate:down} sections, golang-migrate {@code <n, 6 digits>_<what>.up.sql}.
 */
final class SqlFileLayouts {

    private static final Pattern NAME = Pattern.compile("^V(\\d+)__(.*)\\.sql$");
    /** 2026-01-01T00:00:00Z, the journal's {@code when} of the first migration. */
    private static final long WHEN = 1767225600000L;

    /** These tools run on MySQL and MariaDB too, and their sources read them there. */
    static final java.util.Set<String> MYSQL_FAMILY = java.util.Set.of("diesel", "drizzle", "dbmate", "golang-migrate");

    private SqlFileLayouts() {}

    /** @return false for a format that is not one of these */
    static boolean place(String format, Path from, Path dir, String name) throws IOException {
        if (!java.util.List.of("diesel", "drizzle", "dbmate", "golang-migrate").contains(format)) return false;
        Matcher m = NAME.matcher(name);
        if (!m.matches()) throw new IllegalArgumentException(name);
        int n = Integer.parseInt(m.group(1));
        String what = m.group(2);
        String sql = Files.readString(from);
        switch (format) {
            case "diesel" -> {
                Path d = Files.createDirectories(dir.resolve(String.format("2026-01-01-0000%02d_%s", n, what)));
                Files.writeString(d.resolve("up.sql"), sql);
            }
            case "dbmate" -> Files.writeString(dir.resolve(String.format("202601010000%02d_%s.sql", n, what)),
                    "-- migrate:up\n" + sql + (sql.endsWith("\n") ? "" : "\n") + "\n-- migrate:down\n");
            case "golang-migrate" -> Files.writeString(dir.resolve(String.format("%06d_%s.up.sql", n, what)), sql);
            default -> drizzle(dir, n, what, sql);
        }
        return true;
    }

    private static void drizzle(Path dir, int n, String what, String sql) throws IOException {
        Path journal = dir.resolve("meta").resolve("_journal.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root;
        if (Files.exists(journal)) {
            root = (ObjectNode) json.readTree(journal.toFile());
        } else {
            Files.createDirectories(journal.getParent());
            root = json.createObjectNode().put("version", "7").put("dialect", "postgresql");
            root.putArray("entries");
        }
        String tag = String.format("%04d_%s", n - 1, what);
        ObjectNode e = ((ArrayNode) root.get("entries")).addObject();
        e.put("idx", n - 1).put("version", "7").put("when", WHEN + n * 1000L).put("tag", tag).put("breakpoints", true);
        Files.writeString(journal, json.writer(DrizzleWriter.Json.PRINTER).writeValueAsString(root));
        Files.writeString(dir.resolve(tag + ".sql"), sql);
    }
}
