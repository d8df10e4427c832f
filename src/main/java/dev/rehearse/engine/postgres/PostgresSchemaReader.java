package dev.rehearse.engine.postgres;

import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ColumnType;
import dev.rehearse.seed.ColumnType.Kind;
import dev.rehearse.seed.SchemaReader;
import dev.rehearse.seed.TableModel;
import dev.rehearse.seed.TableModel.Check;
import dev.rehearse.seed.TableModel.ForeignKey;
import dev.rehearse.seed.TableModel.UniqueKey;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the seed model from pg_catalog, PostgreSQL 10 and later: ordinary and partitioned tables
 * outside the system schemas (partitions are loaded through their parent), columns with their types
 * (domains resolved to the base type with their CHECKs and NOT NULL, enums with their labels, arrays),
 * identity/serial sequences, generated columns (12+), unique indexes (which include primary keys and
 * unique constraints), foreign keys (validated or not: new rows must satisfy both) and CHECKs.
 */
public final class PostgresSchemaReader implements SchemaReader {

    private static final String USER_TABLES = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /** Column names of a table for an attnum array, in the array's order. */
    private static String names(String table, String attnums, String limit) {
        return "ARRAY(SELECT a.attname::text FROM unnest(" + attnums + ") WITH ORDINALITY k(n, o)"
                + " JOIN pg_attribute a ON a.attrelid = " + table + " AND a.attnum = k.n"
                + (limit == null ? "" : " WHERE k.o <= " + limit) + " ORDER BY k.o)";
    }

    private record PgType(String name, char typtype, long base, int typmod, boolean notNull, long elem, char category) {}

    private static final Pattern NEXTVAL = Pattern.compile("^nextval\\('((?:[^']|'')+)'::regclass\\)$");

    @Override
    public List<TableModel> read(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version = single(s, "SELECT current_setting('server_version_num')::int");
            Map<Long, PgType> types = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT oid, typname, typtype, typbasetype, typtypmod, typnotnull, typelem,"
                    + " typcategory FROM pg_type")) {
                while (rs.next()) {
                    types.put(rs.getLong(1), new PgType(rs.getString(2), rs.getString(3).charAt(0), rs.getLong(4),
                            rs.getInt(5), rs.getBoolean(6), rs.getLong(7), rs.getString(8).charAt(0)));
                }
            }
            Map<Long, List<String>> labels = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT enumtypid, enumlabel FROM pg_enum ORDER BY enumtypid, enumsortorder")) {
                while (rs.next()) labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
            Map<Long, List<Check>> domainChecks = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT contypid, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE contypid <> 0 AND contype = 'c' ORDER BY conname")) {
                while (rs.next()) {
                    domainChecks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Check(rs.getString(2), rs.getString(3)));
                }
            }

            Map<Long, Table> tables = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT c.oid, n.nspname, c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid IN (" + USER_TABLES + ")"
                    + " ORDER BY n.nspname, c.relname")) {
                while (rs.next()) tables.put(rs.getLong(1), new Table(rs.getString(2), rs.getString(3)));
            }

            // attgenerated exists from 12; before that no column is generated.
            String generated = version >= 120000 ? "a.attgenerated::text" : "''";
            try (ResultSet rs = s.executeQuery("SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, a.attnotnull,"
                    + " pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, " + generated + ","
                    + " format_type(a.atttypid, a.atttypmod),"
                    + " pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attrelid IN (" + USER_TABLES + ") AND a.attnum > 0 AND NOT a.attisdropped"
                    + " ORDER BY a.attrelid, a.attnum")) {
                while (rs.next()) {
                    Table t = tables.get(rs.getLong(1));
                    if (t == null) continue;
                    boolean isGenerated = !rs.getString(8).isEmpty();
                    String defaultExpr = isGenerated ? null : rs.getString(6);
                    String sequence = rs.getString(10);
                    if (sequence == null && defaultExpr != null) { // a serial-like default on a sequence it does not own
                        Matcher m = NEXTVAL.matcher(defaultExpr);
                        if (m.matches()) sequence = m.group(1).replace("''", "'");
                    }
                    List<Check> checks = new ArrayList<>();
                    boolean[] domainNotNull = {false};
                    ColumnType type = resolve(rs.getLong(3), rs.getInt(4), rs.getString(9), types, labels,
                            domainChecks, checks, domainNotNull);
                    boolean identity = !rs.getString(7).isEmpty() || sequence != null;
                    t.columns.add(new ColumnModel(rs.getString(2), type, rs.getBoolean(5) || domainNotNull[0], defaultExpr,
                            sequence, identity, isGenerated, checks));
                }
            }

            // Unique indexes cover primary keys, unique constraints and bare CREATE UNIQUE INDEX; INCLUDE
            // columns (11+) are not part of the key. Expression indexes cannot be modelled per column.
            String keyAtts = version >= 110000 ? "i.indnkeyatts" : "i.indnatts";
            try (ResultSet rs = s.executeQuery("SELECT i.indrelid, ic.relname, i.indisprimary, "
                    + names("i.indrelid", "i.indkey::int2[]", keyAtts)
                    + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " WHERE i.indisunique AND i.indexprs IS NULL AND i.indrelid IN (" + USER_TABLES + ")"
                    + " ORDER BY i.indrelid, NOT i.indisprimary, ic.relname")) {
                while (rs.next()) {
                    Table t = tables.get(rs.getLong(1));
                    if (t != null) t.keys.add(new UniqueKey(rs.getString(2), strings(rs, 4), rs.getBoolean(3)));
                }
            }

            // From 12 a foreign key to a partitioned table also has one row per partition (conparentid <> 0).
            String ownRows = version >= 110000 ? " AND con.conparentid = 0" : "";
            try (ResultSet rs = s.executeQuery("SELECT con.conrelid, con.conname, con.contype, "
                    + names("con.conrelid", "con.conkey", null) + ", rn.nspname, rc.relname, "
                    + names("con.confrelid", "con.confkey", null) + ", con.convalidated, pg_get_constraintdef(con.oid)"
                    + " FROM pg_constraint con LEFT JOIN pg_class rc ON rc.oid = con.confrelid"
                    + " LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
                    + " WHERE con.contype IN ('f', 'c') AND con.conrelid IN (" + USER_TABLES + ")" + ownRows
                    + " ORDER BY con.conrelid, con.conname")) {
                while (rs.next()) {
                    Table t = tables.get(rs.getLong(1));
                    if (t == null) continue;
                    if (rs.getString(3).equals("f")) {
                        t.foreignKeys.add(new ForeignKey(rs.getString(2), strings(rs, 4), rs.getString(5), rs.getString(6),
                                strings(rs, 7), rs.getBoolean(8), rs.getString(9)));
                    } else {
                        t.checks.add(new Check(rs.getString(2), rs.getString(9)));
                    }
                }
            }
            return tables.values().stream().map(Table::model).toList();
        }
    }

    private static final class Table {
        final String schema;
        final String name;
        final List<ColumnModel> columns = new ArrayList<>();
        final List<UniqueKey> keys = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();

        Table(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        TableModel model() {
            return new TableModel(schema, name, columns, keys, foreignKeys, checks);
        }
    }

    /** Follows domains down to their base type, collecting their CHECKs and NOT NULL on the way. */
    private static ColumnType resolve(long oid, int typmod, String shownAs, Map<Long, PgType> types,
                                      Map<Long, List<String>> labels, Map<Long, List<Check>> domainChecks,
                                      List<Check> checksOut, boolean[] notNullOut) {
        PgType t = types.get(oid);
        while (t != null && t.typtype() == 'd') {
            checksOut.addAll(domainChecks.getOrDefault(oid, List.of()));
            notNullOut[0] |= t.notNull();
            if (typmod < 0) typmod = t.typmod();
            oid = t.base();
            t = types.get(oid);
        }
        if (t == null) return ColumnType.of(Kind.UNSUPPORTED, shownAs);
        if (t.category() == 'A' && t.elem() != 0) {
            PgType element = types.get(t.elem());
            String elementName = element == null ? shownAs : element.name();
            return ColumnType.arrayOf(resolve(t.elem(), typmod, elementName, types, labels, domainChecks,
                    new ArrayList<>(), new boolean[1]));
        }
        if (t.typtype() == 'e') return ColumnType.enumOf(shownAs, labels.getOrDefault(oid, List.of()));
        int length = typmod >= 4 ? typmod - 4 : -1;
        return switch (t.name()) {
            case "int2" -> ColumnType.of(Kind.SMALLINT, shownAs);
            case "int4" -> ColumnType.of(Kind.INTEGER, shownAs);
            case "int8" -> ColumnType.of(Kind.BIGINT, shownAs);
            case "numeric" -> typmod < 4 ? ColumnType.numeric(shownAs, -1, 0)
                    // scale is an 11-bit signed field since PostgreSQL 15 (negative scales)
                    : ColumnType.numeric(shownAs, ((typmod - 4) >> 16) & 0xffff, (((typmod - 4) & 0x7ff) ^ 1024) - 1024);
            case "money" -> ColumnType.numeric(shownAs, -1, 0);
            case "float4" -> ColumnType.of(Kind.REAL, shownAs);
            case "float8" -> ColumnType.of(Kind.DOUBLE, shownAs);
            case "text", "citext", "name" -> ColumnType.of(Kind.TEXT, shownAs);
            case "varchar" -> ColumnType.sized(Kind.VARCHAR, shownAs, length);
            case "bpchar" -> ColumnType.sized(Kind.CHAR, shownAs, length);
            case "bool" -> ColumnType.of(Kind.BOOLEAN, shownAs);
            case "date" -> ColumnType.of(Kind.DATE, shownAs);
            case "timestamp" -> ColumnType.of(Kind.TIMESTAMP, shownAs);
            case "timestamptz" -> ColumnType.of(Kind.TIMESTAMPTZ, shownAs);
            case "time", "timetz" -> ColumnType.of(Kind.TIME, shownAs);
            case "uuid" -> ColumnType.of(Kind.UUID, shownAs);
            case "json" -> ColumnType.of(Kind.JSON, shownAs);
            case "jsonb" -> ColumnType.of(Kind.JSONB, shownAs);
            case "bytea" -> ColumnType.of(Kind.BYTEA, shownAs);
            case "interval" -> ColumnType.of(Kind.INTERVAL, shownAs);
            case "inet", "cidr" -> ColumnType.of(Kind.INET, shownAs); // a host address with no mask is a valid cidr
            default -> ColumnType.of(Kind.UNSUPPORTED, shownAs);
        };
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
