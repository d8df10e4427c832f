package dev.rehearse.engine.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A live database's schema as statements that recreate it, from {@code pg_catalog} and the server's own
 * {@code pg_get_*def} functions (the embedded bundle has no {@code pg_dump}): schemas, extensions, enum types and
 * domains, functions and procedures, sequences, tables (columns with types, collations, defaults, identity, generated
 * expressions; partitioning), constraints (NOT VALID kept), indexes, views and materialized views (empty), triggers.
 * In the order they depend on each other; what it leaves out (policies, rules, comments, grants, aggregates) is said.
 */
final class PostgresSchemaStatements {

    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static String notMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalog + "'::regclass AND d.objid = "
                + oid + " AND d.deptype = 'e')";
    }

    private PostgresSchemaStatements() {
    }

    static List<String> read(Connection c, Set<String> exclude, Consumer<String> warnings) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            int version = one(s, "SELECT current_setting('server_version_num')::int");
            String excluded = exclude.isEmpty() ? "''" : String.join(", ", exclude.stream().map(PostgresSchemaStatements::literal).toList());
            String notExcluded = "(n.nspname || '.' || c.relname) NOT IN (" + excluded + ")";
            add(s, out, "SELECT format('CREATE SCHEMA IF NOT EXISTS %I', n.nspname) FROM pg_namespace n WHERE " + USER_SCHEMA
                    + " AND n.nspname <> 'public' AND " + notMember("pg_namespace", "n.oid") + " ORDER BY n.oid");
            add(s, out, "SELECT format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I', e.extname, n.nspname)"
                    + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.oid");
            add(s, out, "SELECT format('CREATE TYPE %I.%I AS ENUM (%s)', n.nspname, t.typname,"
                    + " (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND " + USER_SCHEMA
                    + " AND " + notMember("pg_type", "t.oid") + " ORDER BY t.oid");
            add(s, out, "SELECT format('CREATE DOMAIN %I.%I AS %s', n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod))"
                    + " || COALESCE(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END"
                    + " || COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), '')"
                    + "   FROM pg_constraint k WHERE k.contypid = t.oid), '')"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND " + USER_SCHEMA
                    + " AND " + notMember("pg_type", "t.oid") + " ORDER BY t.oid");
            String plain = version >= 110000 ? "p.prokind IN ('f', 'p')" : "NOT p.proisagg AND NOT p.proiswindow";
            add(s, out, "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE " + plain + " AND " + USER_SCHEMA + " AND " + notMember("pg_proc", "p.oid") + " ORDER BY p.oid");
            // sequences a serial column owns are created here and owned after their table; identity ones come with it
            add(s, out, "SELECT format('CREATE SEQUENCE %I.%I AS %s INCREMENT %s MINVALUE %s MAXVALUE %s START %s%s',"
                    + " n.nspname, c.relname, format_type(q.seqtypid, NULL), q.seqincrement, q.seqmin, q.seqmax, q.seqstart,"
                    + " CASE WHEN q.seqcycle THEN ' CYCLE' ELSE '' END)"
                    + " FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_SCHEMA + " AND " + notMember("pg_class", "c.oid")
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')"
                    + " ORDER BY c.oid");
            String generated = version >= 120000 ? "a.attgenerated = 's'" : "false";
            add(s, out, "SELECT format('CREATE %sTABLE %I.%I (%s)%s', CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END,"
                    + " n.nspname, c.relname, COALESCE((SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))"
                    + "   || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END"
                    + "   || CASE WHEN " + generated + " THEN ' GENERATED ALWAYS AS (' || pg_get_expr(ad.adbin, ad.adrelid) || ') STORED'"
                    + "      WHEN ad.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END"
                    + "   || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END"
                    + "   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY a.attnum)"
                    + "   FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                    + "   LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                    + "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), ''),"
                    + " CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                    + " AND NOT c.relispartition AND " + USER_SCHEMA + " AND " + notMember("pg_class", "c.oid") + " AND " + notExcluded
                    + " ORDER BY c.oid");
            add(s, out, "SELECT format('CREATE TABLE %I.%I PARTITION OF %s %s', n.nspname, c.relname,"
                    + " (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid), pg_get_expr(c.relpartbound, c.oid))"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition AND " + USER_SCHEMA
                    + " AND " + notExcluded + " ORDER BY c.oid");
            add(s, out, "SELECT format('ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I', n.nspname, c.relname, tn.nspname, t.relname, a.attname)"
                    + " FROM pg_depend d JOIN pg_class c ON c.oid = d.objid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
                    + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'"
                    + " AND c.relkind = 'S' AND " + USER_SCHEMA + " AND (tn.nspname || '.' || t.relname) NOT IN (" + excluded + ")");
            // keys and checks before foreign keys, which need the keys they reference; inherited ones come with the parent
            String notNull = version >= 180000 ? " AND k.contype <> 'n'" : "";
            add(s, out, "SELECT format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid))"
                    + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE k.conislocal AND " + USER_SCHEMA + notNull + " AND " + notMember("pg_class", "c.oid") + " AND " + notExcluded
                    + " AND NOT (c.relispartition AND k.contype <> 'c')"
                    + " ORDER BY CASE k.contype WHEN 'f' THEN 2 ELSE 1 END, k.oid");
            add(s, out, "SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    + " JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_SCHEMA + " AND " + notMember("pg_class", "c.oid") + " AND " + notExcluded
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid) ORDER BY x.indexrelid");
            add(s, out, "SELECT format('CREATE %s %I.%I AS %s%s', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,"
                    + " n.nspname, c.relname, rtrim(pg_get_viewdef(c.oid), ';'), CASE c.relkind WHEN 'm' THEN ' WITH NO DATA' ELSE '' END)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMA
                    + " AND " + notMember("pg_class", "c.oid") + " ORDER BY c.oid");
            add(s, out, "SELECT pg_get_triggerdef(g.oid) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT g.tgisinternal AND " + USER_SCHEMA
                    + " AND " + notExcluded + " ORDER BY g.oid");
            int left = one(s, "SELECT (SELECT count(*) FROM pg_policy) + (SELECT count(*) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
                    + " WHERE r.rulename <> '_RETURN' AND c.relnamespace <> 'pg_catalog'::regnamespace)");
            if (left > 0) warnings.accept(left + " row-level policies and rules are not recreated");
        }
        return out;
    }

    private static void add(Statement s, List<String> out, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
    }

    private static int one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
