package dev.rehearse.engine.postgres;

import dev.rehearse.engine.CatalogReader;
import dev.rehearse.model.Catalog;
import dev.rehearse.model.Catalog.Item;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * PostgreSQL 10–18's schema from {@code pg_catalog} for {@code drift}: tables (partitioning and persistence), columns
 * (type, NOT NULL, default, collation where not the type's, identity, generated), indexes (definition without the
 * name, validity), constraints (definition, validation, deferrability; NOT NULL constraints on 18), sequences, enum
 * types and domains, views and materialized views, triggers, functions' signatures, extensions; owners and ACLs only
 * when asked. Objects an extension owns are the extension's, not the history's, and are left out. No table is read.
 */
final class PostgresCatalogReader implements CatalogReader {

    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /** The relation is an extension's member. */
    private static String notExtensionMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalog + "'::regclass AND d.objid = "
                + oid + " AND d.deptype = 'e')";
    }

    /**
     * The names PostgreSQL makes up (ChooseRelationName, ChooseConstraintName): table, then columns, then the kind's
     * suffix, a number when taken ({@code orders_customer_id_fkey1}).
     */
    private static final Pattern GENERATED_SUFFIX = Pattern.compile("_(pkey|key|fkey|check|excl|idx|not_null)\\d*$");

    @Override
    public String tableName(String schema, String table) {
        return schema + "." + table;
    }

    @Override
    public List<String> schemaStatements(Connection c, Set<String> exclude, java.util.function.Consumer<String> warnings)
            throws SQLException {
        CatalogReader.readOnly(c);
        try {
            return PostgresSchemaStatements.read(c, exclude, warnings);
        } finally {
            c.rollback();
        }
    }

    @Override
    public Catalog read(Connection c, Set<String> exclude, boolean withPrivileges) throws SQLException {
        CatalogReader.readOnly(c);
        try (Statement s = c.createStatement()) {
            int version = single(s, "SELECT current_setting('server_version_num')::int");
            String versionText = string(s, "SELECT current_setting('server_version')");
            List<Item> items = new ArrayList<>();
            tables(s, version, exclude, withPrivileges, items);
            columns(s, version, exclude, items);
            indexes(s, exclude, items);
            constraints(s, exclude, items);
            sequences(s, exclude, items);
            types(s, items);
            views(s, items);
            triggers(s, exclude, items);
            functions(s, version, items);
            extensions(s, items);
            c.rollback();
            return new Catalog("postgres", versionText, items);
        }
    }

    private void tables(Statement s, int version, Set<String> exclude, boolean withPrivileges, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, c.relkind, c.relpersistence,"
                + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                + " (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                + "   JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition),"
                + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
                + " pg_get_userbyid(c.relowner), c.relacl::text"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'f') AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            while (rs.next()) {
                String name = tableName(rs.getString(1), rs.getString(2));
                if (exclude.contains(name)) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("kind", switch (rs.getString(3)) {
                    case "p" -> "partitioned table";
                    case "f" -> "foreign table";
                    default -> "table";
                });
                if ("u".equals(rs.getString(4))) a.put("persistence", "unlogged");
                put(a, "partitionKey", rs.getString(5));
                put(a, "partitionOf", rs.getString(6));
                put(a, "partitionBound", rs.getString(7));
                out.add(new Item("table", name, null, false, a));
                if (withPrivileges) {
                    TreeMap<String, String> p = new TreeMap<>();
                    put(p, "owner", rs.getString(8));
                    put(p, "acl", rs.getString(9));
                    out.add(new Item("privilege", name, name, false, p));
                }
            }
        }
    }

    private void columns(Statement s, int version, Set<String> exclude, List<Item> out) throws SQLException {
        String generated = version >= 120000 ? "a.attgenerated::text" : "''";
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text, " + generated + ","
                + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm')"
                + " AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            while (rs.next()) {
                String table = tableName(rs.getString(1), rs.getString(2));
                if (exclude.contains(table)) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("type", rs.getString(4));
                a.put("nullable", rs.getBoolean(5) ? "NOT NULL" : "NULL");
                String gen = rs.getString(8);
                boolean isGenerated = gen != null && !gen.isEmpty();
                if (isGenerated) a.put("generated", "STORED " + rs.getString(6));
                else put(a, "default", rs.getString(6));
                String identity = rs.getString(7);
                if (identity != null && !identity.isEmpty()) a.put("identity", identity.equals("a") ? "ALWAYS" : "BY DEFAULT");
                put(a, "collation", rs.getString(9));
                out.add(new Item("column", table + "." + rs.getString(3), table, false, a));
            }
        }
    }

    private void indexes(Statement s, Set<String> exclude, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, t.relname, i.relname, pg_get_indexdef(x.indexrelid),"
                + " x.indisvalid, x.indisready"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = i.relnamespace"
                + " WHERE " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "t.oid"))) {
            while (rs.next()) {
                String table = tableName(rs.getString(1), rs.getString(2));
                if (exclude.contains(table)) continue;
                String name = rs.getString(3);
                TreeMap<String, String> a = new TreeMap<>();
                // the name is the item's; the definition says what the index is
                a.put("definition", rs.getString(4).replaceFirst(" INDEX \\S+ ON ", " INDEX ON "));
                a.put("valid", String.valueOf(rs.getBoolean(5) && rs.getBoolean(6)));
                out.add(new Item("index", tableName(rs.getString(1), name), table, generated(rs.getString(2), name), a));
            }
        }
    }

    private void constraints(Statement s, Set<String> exclude, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, t.relname, k.conname, k.contype::text,"
                + " pg_get_constraintdef(k.oid), k.convalidated, k.condeferrable, k.condeferred"
                + " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE k.conrelid <> 0 AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "t.oid"))) {
            while (rs.next()) {
                String table = tableName(rs.getString(1), rs.getString(2));
                if (exclude.contains(table)) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("type", switch (rs.getString(4)) {
                    case "p" -> "PRIMARY KEY";
                    case "u" -> "UNIQUE";
                    case "f" -> "FOREIGN KEY";
                    case "c" -> "CHECK";
                    case "x" -> "EXCLUDE";
                    case "n" -> "NOT NULL";
                    case "t" -> "TRIGGER";
                    default -> rs.getString(4);
                });
                // NOT VALID is the validation attribute's, not the definition's
                a.put("definition", rs.getString(5).replaceFirst(" NOT VALID$", ""));
                a.put("validated", String.valueOf(rs.getBoolean(6)));
                if (rs.getBoolean(7)) a.put("deferrable", rs.getBoolean(8) ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE");
                String name = rs.getString(3);
                out.add(new Item("constraint", table + "." + name, table, generated(rs.getString(2), name), a));
            }
        }
    }

    private void sequences(Statement s, Set<String> exclude, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, format_type(q.seqtypid, NULL), q.seqincrement,"
                + " q.seqmin, q.seqmax, q.seqstart, q.seqcycle,"
                + " (SELECT tn.nspname || '.' || t.relname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid"
                + "   JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
                + "   AND d.deptype IN ('a', 'i') LIMIT 1)"
                + " FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            while (rs.next()) {
                String owner = rs.getString(9);
                if (owner != null && exclude.contains(owner)) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("type", rs.getString(3));
                a.put("increment", rs.getString(4));
                a.put("min", rs.getString(5));
                a.put("max", rs.getString(6));
                a.put("start", rs.getString(7));
                a.put("cycle", String.valueOf(rs.getBoolean(8)));
                put(a, "ownedBy", owner);
                out.add(new Item("sequence", tableName(rs.getString(1), rs.getString(2)), owner, false, a));
            }
        }
    }

    private void types(Statement s, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, t.typname, t.typtype::text,"
                + " (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),"
                + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, t.typnotnull, t.typdefault,"
                + " (SELECT string_agg(pg_get_constraintdef(k.oid), ' AND ' ORDER BY pg_get_constraintdef(k.oid))"
                + "   FROM pg_constraint k WHERE k.contypid = t.oid)"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE t.typtype IN ('e', 'd') AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_type", "t.oid"))) {
            while (rs.next()) {
                TreeMap<String, String> a = new TreeMap<>();
                if ("e".equals(rs.getString(3))) {
                    a.put("kind", "enum");
                    a.put("values", rs.getString(4) == null ? "" : rs.getString(4));
                } else {
                    a.put("kind", "domain");
                    a.put("base", rs.getString(5));
                    a.put("nullable", rs.getBoolean(6) ? "NOT NULL" : "NULL");
                    put(a, "default", rs.getString(7));
                    put(a, "checks", rs.getString(8));
                }
                out.add(new Item("type", tableName(rs.getString(1), rs.getString(2)), null, false, a));
            }
        }
    }

    private void views(Statement s, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, c.relkind::text, pg_get_viewdef(c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            while (rs.next()) {
                TreeMap<String, String> a = new TreeMap<>();
                a.put("kind", "m".equals(rs.getString(3)) ? "materialized view" : "view");
                a.put("definition", rs.getString(4) == null ? "" : rs.getString(4).trim().replaceAll("\\s+", " "));
                out.add(new Item("view", tableName(rs.getString(1), rs.getString(2)), null, false, a));
            }
        }
    }

    private void triggers(Statement s, Set<String> exclude, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled::text"
                + " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT g.tgisinternal AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "c.oid"))) {
            while (rs.next()) {
                String table = tableName(rs.getString(1), rs.getString(2));
                if (exclude.contains(table)) continue;
                TreeMap<String, String> a = new TreeMap<>();
                a.put("definition", rs.getString(4).replaceFirst("TRIGGER \\S+ ", "TRIGGER "));
                a.put("enabled", switch (rs.getString(5)) {
                    case "D" -> "disabled";
                    case "R" -> "replica";
                    case "A" -> "always";
                    default -> "origin";
                });
                out.add(new Item("trigger", table + "." + rs.getString(3), table, false, a));
            }
        }
    }

    private void functions(Statement s, int version, List<Item> out) throws SQLException {
        String kind = version >= 110000 ? "p.prokind::text" : "CASE WHEN p.proisagg THEN 'a' WHEN p.proiswindow THEN 'w' ELSE 'f' END";
        try (ResultSet rs = s.executeQuery("SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
                + " pg_get_function_result(p.oid), l.lanname, " + kind
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang"
                + " WHERE " + USER_SCHEMA + " AND " + notExtensionMember("pg_proc", "p.oid"))) {
            while (rs.next()) {
                TreeMap<String, String> a = new TreeMap<>();
                put(a, "result", rs.getString(4));
                a.put("language", rs.getString(5));
                a.put("kind", switch (rs.getString(6)) {
                    case "a" -> "aggregate";
                    case "w" -> "window";
                    case "p" -> "procedure";
                    default -> "function";
                });
                out.add(new Item("function", tableName(rs.getString(1), rs.getString(2)) + "(" + rs.getString(3) + ")",
                        null, false, a));
            }
        }
    }

    private void extensions(Statement s, List<Item> out) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT e.extname, e.extversion, n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace")) {
            while (rs.next()) {
                TreeMap<String, String> a = new TreeMap<>();
                a.put("version", rs.getString(2));
                a.put("schema", rs.getString(3));
                out.add(new Item("extension", rs.getString(1), null, false, a));
            }
        }
    }

    /** Whether PostgreSQL would have chosen {@code name} itself for an object on {@code table}. */
    static boolean generated(String table, String name) {
        return name.startsWith(table + "_") && GENERATED_SUFFIX.matcher(name).find();
    }

    private static void put(TreeMap<String, String> a, String key, String value) {
        if (value != null) a.put(key, value);
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String string(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
