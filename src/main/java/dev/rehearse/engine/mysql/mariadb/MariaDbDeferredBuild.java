package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;
import dev.rehearse.seed.ConstraintViolation;
import dev.rehearse.seed.DeferredBuild;
import dev.rehearse.seed.TableModel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before the load: records each seeded table's {@code SHOW CREATE TABLE}, and drops its secondary indexes (unique,
 * plain, prefix, FULLTEXT, SPATIAL) and every foreign key on either side of it. After: adds each table's b-tree
 * indexes back in one {@code ALTER TABLE} (InnoDB reads the clustered index once and sorts for each new index) and
 * each FULLTEXT/SPATIAL index in its own (InnoDB builds one full-text index per statement); then the foreign keys,
 * and checks that every table's {@code SHOW CREATE TABLE} reads exactly as before.
 *
 * <p>The definitions re-added are the server's own lines of {@code SHOW CREATE TABLE} (what mysqldump replays), so
 * names, column order, prefixes, {@code DESC}, {@code USING}, comments and key order come back as they were. The
 * primary key stays: it is InnoDB's clustered index, and dropping it would rebuild the table. A foreign key is added
 * back with {@code foreign_key_checks = 0}, which InnoDB does in place without reading a row (with checks on it
 * copies the whole table), and the rows are then checked with one anti-join per key, so a row without its parent
 * still fails the seed naming the constraint, as PostgreSQL's validating ADD CONSTRAINT does.
 */
final class MariaDbDeferredBuild implements DeferredBuild {

    private static final Pattern INDEX = Pattern.compile("^(UNIQUE |FULLTEXT |SPATIAL )?KEY `((?:[^`]|``)+)` .*");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY .*");
    private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");

    /** @param definition as SHOW CREATE TABLE prints it, without the separating comma */
    private record Index(String name, String definition, boolean fullText) {}

    private record ForeignKey(String table, String name, String definition, List<String> columns, String refTable,
                              List<String> refColumns) {}

    /** SHOW CREATE TABLE of every table touched, by its quoted qualified name. */
    private final Map<String, String> before;
    private final Map<String, List<Index>> indexes;
    private final List<ForeignKey> foreignKeys;

    private MariaDbDeferredBuild(Map<String, String> before, Map<String, List<Index>> indexes, List<ForeignKey> foreignKeys) {
        this.before = before;
        this.indexes = indexes;
        this.foreignKeys = foreignKeys;
    }

    static MariaDbDeferredBuild drop(Connection c, List<TableModel> tables) throws SQLException {
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, List<Index>> indexes = new LinkedHashMap<>();
        List<String[]> children = new ArrayList<>(); // schema, table, whether it is seeded
        for (TableModel t : tables) {
            String q = qualified(t.schema(), t.name());
            String create = showCreate(c, q);
            before.put(q, create);
            List<Index> list = new ArrayList<>();
            for (String line : lines(create)) {
                Matcher m = INDEX.matcher(line);
                if (m.matches()) list.add(new Index(unquote(m.group(2)), line, m.group(1) != null && !m.group(1).equals("UNIQUE ")));
            }
            if (!list.isEmpty()) indexes.put(q, list);
            children.add(new String[] {t.schema(), t.name(), "seeded"});
        }
        // Tables not seeded whose foreign keys point at a seeded one: the referenced key's index cannot go while they stand.
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ? ORDER BY 1, 2")) {
            for (TableModel t : tables) {
                ps.setString(1, t.schema());
                ps.setString(2, t.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String q = qualified(rs.getString(1), rs.getString(2));
                        if (!before.containsKey(q)) {
                            before.put(q, showCreate(c, q));
                            children.add(new String[] {rs.getString(1), rs.getString(2), null});
                        }
                    }
                }
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (String[] child : children) {
            String q = qualified(child[0], child[1]);
            for (String line : lines(before.get(q))) {
                Matcher m = FOREIGN_KEY.matcher(line);
                if (!m.matches()) continue;
                String name = unquote(m.group(1));
                List<String> cols = new ArrayList<>();
                List<String> refCols = new ArrayList<>();
                String ref = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,"
                        + " REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " AND CONSTRAINT_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY ORDINAL_POSITION")) {
                    ps.setString(1, child[0]);
                    ps.setString(2, child[1]);
                    ps.setString(3, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cols.add(rs.getString(1));
                            ref = qualified(rs.getString(2), rs.getString(3));
                            refCols.add(rs.getString(4));
                        }
                    }
                }
                // Every key of a seeded table goes; of another table, those pointing at a seeded one.
                if (ref != null && (child[2] != null || isSeeded(ref, tables))) {
                    fks.add(new ForeignKey(q, name, line, cols, ref, refCols));
                }
            }
        }
        MariaDbDeferredBuild d = new MariaDbDeferredBuild(before, indexes, fks);
        // Foreign keys first: each needs an index on its columns and on the referenced ones.
        try (Statement s = c.createStatement()) {
            Map<String, List<String>> drops = new LinkedHashMap<>();
            for (ForeignKey fk : fks) drops.computeIfAbsent(fk.table(), k -> new ArrayList<>()).add("DROP FOREIGN KEY " + quote(fk.name()));
            for (var e : drops.entrySet()) s.execute("ALTER TABLE " + e.getKey() + " " + String.join(", ", e.getValue()));
            for (var e : indexes.entrySet()) {
                s.execute("ALTER TABLE " + e.getKey() + " " + String.join(", ",
                        e.getValue().stream().map(i -> "DROP INDEX " + quote(i.name())).toList()));
            }
        }
        return d;
    }

    private static boolean isSeeded(String qualified, List<TableModel> tables) {
        return tables.stream().anyMatch(t -> qualified(t.schema(), t.name()).equals(qualified));
    }

    @Override
    public void rebuild(Database db, TableModel table) throws SQLException {
        List<Index> list = indexes.getOrDefault(qualified(table.schema(), table.name()), List.of());
        if (list.isEmpty()) return;
        String target = qualified(table.schema(), table.name());
        List<String> statements = new ArrayList<>();
        List<String> btrees = list.stream().filter(i -> !i.fullText()).map(i -> "ADD " + i.definition()).toList();
        if (!btrees.isEmpty()) statements.add("ALTER TABLE " + target + " " + String.join(", ", btrees));
        for (Index i : list) if (i.fullText()) statements.add("ALTER TABLE " + target + " ADD " + i.definition());
        try (Connection c = db.connect("rehearse-seed-index"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw translate(table, e);
                }
            }
        }
    }

    /** A duplicate found while building a unique index: the key's name, as the loader's violations carry it. */
    private static SQLException translate(TableModel table, SQLException e) {
        if (e.getErrorCode() == 1062 || (e.getSQLState() != null && e.getSQLState().startsWith("23"))) {
            return MariaDbBulkLoader.violation(table.qualifiedName() + ": ", e);
        }
        return e;
    }

    @Override
    public void rebuildForeignKeys(Connection c) throws SQLException {
        if (foreignKeys.isEmpty()) return;
        for (ForeignKey fk : foreignKeys) checkRows(c, fk);
        Map<String, List<String>> adds = new LinkedHashMap<>();
        for (ForeignKey fk : foreignKeys) adds.computeIfAbsent(fk.table(), k -> new ArrayList<>()).add("ADD " + fk.definition());
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            try {
                for (var e : adds.entrySet()) s.execute("ALTER TABLE " + e.getKey() + " " + String.join(", ", e.getValue()));
            } finally {
                s.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }

    /** The rows the key would reject (MATCH SIMPLE: a row with a NULL in the key is not checked), by an anti-join. */
    private static void checkRows(Connection c, ForeignKey fk) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM " + fk.table() + " c WHERE ");
        for (String col : fk.columns()) sql.append("c.").append(quote(col)).append(" IS NOT NULL AND ");
        sql.append("NOT EXISTS (SELECT 1 FROM ").append(fk.refTable()).append(" p WHERE ");
        for (int i = 0; i < fk.columns().size(); i++) {
            if (i > 0) sql.append(" AND ");
            sql.append("p.").append(quote(fk.refColumns().get(i))).append(" = c.").append(quote(fk.columns().get(i)));
        }
        sql.append(") LIMIT 1");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            if (rs.next()) {
                throw new ConstraintViolation(fk.table() + ": rows reference no row of " + fk.refTable() + " ("
                        + fk.definition() + ")", "23000", fk.name(), null, null);
            }
        }
    }

    @Override
    public void verify(Connection c) throws SQLException {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (var e : before.entrySet()) {
            List<String> was = lines(e.getValue());
            List<String> now = lines(showCreate(c, e.getKey()));
            if (was.equals(now)) continue;
            for (String l : was) if (!now.contains(l)) missing.add(l);
            for (String l : now) if (!was.contains(l)) extra.add(l);
            if (missing.isEmpty() && extra.isEmpty()) missing.add(e.getKey() + ": the same lines in another order");
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new RehearsalFailedException("seed: indexes and foreign keys rebuilt after the load differ from the schema;"
                    + " missing " + missing + ", unexpected " + extra);
        }
    }

    @Override
    public void restore(Connection c) {
        List<String> statements = new ArrayList<>();
        for (var e : indexes.entrySet()) for (Index i : e.getValue()) statements.add("ALTER TABLE " + e.getKey() + " ADD " + i.definition());
        for (ForeignKey fk : foreignKeys) statements.add("ALTER TABLE " + fk.table() + " ADD " + fk.definition());
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    // Already there, or the loaded rows violate it: the run is failing anyway.
                }
            }
            s.execute("SET SESSION foreign_key_checks = 1");
        } catch (SQLException e) {
            // The connection is gone: nothing more can be put back.
        }
    }

    @Override
    public String describe() {
        long n = indexes.values().stream().mapToLong(List::size).sum();
        return n == 0 && foreignKeys.isEmpty() ? ""
                : n + " secondary indexes and " + foreignKeys.size() + " foreign keys dropped for the load, rebuilt after it";
    }

    /** The table's definition as the server prints it, less the AUTO_INCREMENT counter (the load moves it). */
    static String showCreate(Connection c, String qualified) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + qualified)) {
            rs.next();
            return AUTO_INCREMENT.matcher(rs.getString(2)).replaceFirst("");
        }
    }

    /** The definition's lines inside the parentheses, each without its separating comma. */
    private static List<String> lines(String create) {
        List<String> out = new ArrayList<>();
        for (String line : create.split("\n")) {
            String l = line.strip();
            if (l.endsWith(",")) l = l.substring(0, l.length() - 1);
            out.add(l);
        }
        return out;
    }

    private static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return MariaDbBulkLoader.quote(identifier);
    }

    private static String unquote(String quotedBody) {
        return quotedBody.replace("``", "`");
    }
}
