package dev.rehearse.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tables migration tools keep their own records in, and what they say was applied. For {@code drift} they are
 * not the application's schema (left out of the comparison), and the one table whose rows are read: the versions a
 * tool recorded, compared with the history's.
 */
public final class Bookkeeping {

    /** A table's name (unqualified, as the tools create it) to the tool that keeps it. */
    public static final Map<String, String> TABLES = Map.of(
            "flyway_schema_history", "flyway",
            "databasechangelog", "liquibase",
            "databasechangeloglock", "liquibase",
            "_prisma_migrations", "prisma",
            "__drizzle_migrations", "drizzle",
            "schema_migrations", "rails",
            "ar_internal_metadata", "rails",
            "__diesel_schema_migrations", "diesel");

    /** Tables whose rows say what was applied, in the order they are looked for. */
    private static final List<String> RECORDS = List.of("flyway_schema_history", "databasechangelog",
            "_prisma_migrations", "__drizzle_migrations", "__diesel_schema_migrations", "schema_migrations");

    private Bookkeeping() {
    }

    public static boolean isBookkeeping(String unqualifiedTable) {
        return TABLES.containsKey(unqualifiedTable.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * What a tool recorded as applied.
     *
     * @param tool     {@code flyway}, {@code liquibase}, {@code prisma}, {@code drizzle}, {@code diesel},
     *                 {@code golang-migrate} (one row, the current version), or {@code rails} / {@code dbmate}
     *                 (one row per version)
     * @param table    the table read, qualified
     * @param versions in the table's order, as the history's {@link Migration#version()}s are written (Drizzle
     *                 records a file's SHA-256: {@link #version(Migration)} gives the same for a history's file)
     * @param upTo     golang-migrate records only the last version: every history version up to it is applied
     */
    public record Applied(String tool, String table, List<String> versions, boolean upTo) {}

    /**
     * Reads the first records table among {@code tables} (qualified name → unqualified), null when there is none.
     *
     * @param columns the qualified table's columns, to tell golang-migrate's {@code schema_migrations} (with
     *                {@code dirty}) from Rails' and dbmate's
     * @param quote   the engine's quoting of a qualified name
     * @param format  the history's format, which names the tool of a {@code schema_migrations} table (Rails, dbmate)
     */
    public static Applied read(Connection c, Map<String, String> tables, Map<String, Set<String>> columns,
                               UnaryOperator<String> quote, String format) throws SQLException {
        for (String wanted : RECORDS) {
            for (Map.Entry<String, String> t : tables.entrySet()) {
                if (!t.getValue().equalsIgnoreCase(wanted)) continue;
                String q = quote.apply(t.getKey());
                Set<String> cols = columns.getOrDefault(t.getKey(), Set.of());
                return switch (wanted) {
                    case "flyway_schema_history" -> new Applied("flyway", t.getKey(), strings(c, "SELECT version FROM " + q
                            + " WHERE success AND version IS NOT NULL AND type <> 'SCHEMA' ORDER BY installed_rank"), false);
                    case "databasechangelog" -> new Applied("liquibase", t.getKey(),
                            strings(c, "SELECT id FROM " + q + " ORDER BY orderexecuted"), false);
                    case "_prisma_migrations" -> new Applied("prisma", t.getKey(), strings(c, "SELECT migration_name FROM " + q
                            + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at").stream()
                            .map(n -> n.split("_", 2)[0]).toList(), false);
                    case "__drizzle_migrations" -> new Applied("drizzle", t.getKey(),
                            strings(c, "SELECT hash FROM " + q + " ORDER BY id"), false);
                    case "__diesel_schema_migrations" -> new Applied("diesel", t.getKey(),
                            strings(c, "SELECT version FROM " + q + " ORDER BY version"), false);
                    default -> cols.contains("dirty")
                            ? new Applied("golang-migrate", t.getKey(), strings(c, "SELECT version FROM " + q), true)
                            : new Applied("dbmate".equals(format) ? "dbmate" : "rails", t.getKey(),
                            strings(c, "SELECT version FROM " + q + " ORDER BY version"), false);
                };
            }
        }
        return null;
    }

    /** A history migration's version as its tool records it (Drizzle: the SHA-256 of its file's text). */
    public static String version(Applied applied, Migration m) {
        if (!"drizzle".equals(applied.tool())) return m.version();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(m.file())));
        } catch (IOException | NoSuchAlgorithmException e) {
            return m.version();
        }
    }

    /** History versions production has not applied, and versions it applied that the history lacks. */
    public static List<List<String>> compare(Applied applied, List<String> history) {
        Set<String> have = new LinkedHashSet<>(applied.versions());
        List<String> notApplied = new ArrayList<>(), notInHistory = new ArrayList<>();
        if (applied.upTo()) {
            long last = applied.versions().isEmpty() ? Long.MIN_VALUE : Long.parseLong(applied.versions().get(0).trim());
            for (String v : history) if (v != null && Long.parseLong(v) > last) notApplied.add(v);
            if (!applied.versions().isEmpty() && history.stream().noneMatch(v -> v != null && Long.parseLong(v) == last)) {
                notInHistory.add(applied.versions().get(0));
            }
            return List.of(notApplied, notInHistory);
        }
        for (String v : history) if (v != null && !have.contains(v)) notApplied.add(v);
        Set<String> known = new LinkedHashSet<>(history);
        for (String v : applied.versions()) if (!known.contains(v)) notInHistory.add(v);
        return List.of(notApplied, notInHistory);
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
