package dev.rehearse.migrate.rails;

import dev.rehearse.migrate.rails.Ruby.Nil;
import dev.rehearse.migrate.rails.Ruby.Opaque;
import dev.rehearse.migrate.rails.Ruby.Raw;
import dev.rehearse.migrate.rails.Ruby.Sym;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL ActiveRecord 7.x sends for each schema statement, per adapter: what {@code schema_statements.rb} and
 * {@code schema_creation.rb} of {@code activerecord/lib/active_record/connection_adapters/{abstract,postgresql,mysql}}
 * (v7.2.3) render, and the {@code Migration[x.y]} compatibility layers (migration/compatibility.rb) for older
 * migrations: serial keys and integer references before 5.1, datetime without precision before 7.0, legacy index
 * names before 7.1. These are the adapter's facts, kept with the Rails source as ActiveRecord keeps them with its
 * adapters; the engines' own facts stay in {@code engine/}.
 */
final class ActiveRecordSql {

    /** Thrown for a form of a known call that cannot be rendered; becomes an {@code untranslated} problem. */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(String message) {
            super(message);
        }
    }

    enum Adapter { POSTGRES, MYSQL }

    private final Adapter adapter;
    private final double version;

    /**
     * @param version the migration's {@code ActiveRecord::Migration[x.y]}
     */
    ActiveRecordSql(Adapter adapter, double version) {
        this.adapter = adapter;
        this.version = version;
    }

    private boolean pg() {
        return adapter == Adapter.POSTGRES;
    }

    // ---- quoting (postgresql/quoting.rb, mysql/quoting.rb)

    String qt(Object table) {
        String t = name(table);
        StringBuilder out = new StringBuilder();
        for (String part : t.split("\\.", -1)) {
            if (!out.isEmpty()) out.append('.');
            out.append(qc(part));
        }
        return out.toString();
    }

    String qc(Object column) {
        String c = name(column);
        return pg() ? "\"" + c.replace("\"", "\"\"") + "\"" : "`" + c.replace("`", "``") + "`";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String name(Object v) {
        if (v instanceof Sym s) return s.name();
        if (v instanceof String s) return s;
        throw new Untranslatable("a name that is not a literal (" + describe(v) + ")");
    }

    static String describe(Object v) {
        return v instanceof Opaque o ? o.what() : String.valueOf(v);
    }

    // ---- types (NATIVE_DATABASE_TYPES, type_to_sql)

    private static final Map<String, String> PG_TYPES = new LinkedHashMap<>();
    private static final Map<String, String> MYSQL_TYPES = new LinkedHashMap<>();

    static {
        for (String t : List.of("text", "bigint", "float", "decimal", "timestamp", "timestamptz", "time", "date",
                "daterange", "numrange", "tsrange", "tstzrange", "int4range", "int8range", "boolean", "xml", "tsvector",
                "hstore", "inet", "cidr", "macaddr", "uuid", "json", "jsonb", "ltree", "citext", "point", "line", "lseg",
                "box", "path", "polygon", "circle", "bit", "money", "interval", "oid", "serial", "bigserial")) {
            PG_TYPES.put(t, t);
        }
        PG_TYPES.put("string", "character varying");
        PG_TYPES.put("integer", "integer");
        PG_TYPES.put("datetime", "timestamp");
        PG_TYPES.put("binary", "bytea");
        PG_TYPES.put("bit_varying", "bit varying");
        PG_TYPES.put("primary_key", "bigserial primary key");
        MYSQL_TYPES.put("string", "varchar");
        MYSQL_TYPES.put("text", "text");
        MYSQL_TYPES.put("integer", "int");
        MYSQL_TYPES.put("bigint", "bigint");
        MYSQL_TYPES.put("float", "float");
        MYSQL_TYPES.put("decimal", "decimal");
        MYSQL_TYPES.put("datetime", "datetime");
        MYSQL_TYPES.put("timestamp", "timestamp");
        MYSQL_TYPES.put("time", "time");
        MYSQL_TYPES.put("date", "date");
        MYSQL_TYPES.put("binary", "blob");
        MYSQL_TYPES.put("blob", "blob");
        MYSQL_TYPES.put("boolean", "tinyint(1)");
        MYSQL_TYPES.put("json", "json");
        MYSQL_TYPES.put("primary_key", "bigint auto_increment PRIMARY KEY");
    }

    /** The column's SQL type. A string type is used as written ({@code t.column :x, "varchar(20)"}). */
    String type(Object typeValue, Map<String, Object> o) {
        if (typeValue instanceof String raw) return raw;
        String type = name(typeValue);
        Object limit = o.get("limit");
        Object precision = o.get("precision");
        Object scale = o.get("scale");
        String sql;
        if (type.equals("integer") && limit instanceof Long l) {
            if (pg()) sql = l <= 2 ? "smallint" : l <= 4 ? "integer" : "bigint";
            else sql = l == 1 ? "tinyint" : l == 2 ? "smallint" : l == 3 ? "mediumint" : l <= 4 ? "int" : "bigint";
        } else if (type.equals("text") && !pg() && limit instanceof Long l) {
            sql = l <= 0xff ? "tinytext" : l <= 0xffff ? "text" : l <= 0xffffff ? "mediumtext" : "longtext";
        } else {
            Map<String, String> natives = pg() ? PG_TYPES : MYSQL_TYPES;
            String base = natives.get(type);
            if (base == null) {
                if (pg()) throw new Untranslatable("column type :" + type);
                base = type;
            }
            sql = base;
            if (type.equals("decimal")) {
                if (precision instanceof Long p) sql += scale instanceof Long s ? "(" + p + "," + s + ")" : "(" + p + ")";
            } else if (Set.of("datetime", "timestamp", "time", "interval").contains(type)) {
                if (precision instanceof Long p) sql += "(" + p + ")";
            } else if (type.equals("string")) {
                if (limit instanceof Long l) sql += "(" + l + ")";
                else if (!pg()) sql += "(255)";
            } else if (limit instanceof Long l && !type.equals("text") && !type.equals("binary")
                    && !type.equals("primary_key") && !type.equals("boolean") && !type.equals("bigint")) {
                sql += "(" + l + ")";
            }
        }
        if (Boolean.TRUE.equals(o.get("array")) && pg()) sql += "[]";
        return sql;
    }

    /** Options as TableDefinition#new_column_definition leaves them: datetime precision 6 from 7.0 on. */
    Map<String, Object> columnOptions(String type, Map<String, Object> o) {
        Map<String, Object> out = new LinkedHashMap<>(o);
        if (type.equals("datetime") && !out.containsKey("precision") && version >= 7.0) out.put("precision", 6L);
        if (out.get("precision") == Nil.NIL) out.remove("precision");
        return out;
    }

    /** A column definition: {@code "name" type [DEFAULT x] [NOT NULL] [PRIMARY KEY]} (visit_ColumnDefinition). */
    String column(Object columnName, Object typeValue, Map<String, Object> options) {
        String typeName = typeValue instanceof Sym s ? s.name() : String.valueOf(typeValue);
        Map<String, Object> o = columnOptions(typeName, options);
        boolean pk = Boolean.TRUE.equals(o.get("primary_key"));
        Object effectiveType = typeValue;
        if (pk && (typeName.equals("integer") || typeName.equals("bigint")) && !o.containsKey("default")) {
            if (pg()) effectiveType = new Sym(typeName.equals("bigint") || Long.valueOf(8).equals(o.get("limit")) ? "bigserial" : "serial");
            else o.put("auto_increment", true);
        }
        if (pk) o.put("null", false);
        StringBuilder sql = new StringBuilder(qc(columnName)).append(' ').append(type(effectiveType, o));
        if (typeName.equals("primary_key")) return sql.toString();
        if (ActiveRecordSql.given(o.get("collation")) instanceof ActiveRecordSql.Given c) {
            sql.append(pg() ? " COLLATE \"" + name(c) + "\"" : " COLLATE " + name(c));
        }
        if (o.containsKey("as")) {
            sql.append(" GENERATED ALWAYS AS (").append(string(o.get("as"), "as:")).append(")");
            if (Boolean.TRUE.equals(o.get("stored"))) sql.append(" STORED");
        }
        // options_include_default?: a nil default is written as DEFAULT NULL unless the column is NOT NULL
        if (o.containsKey("default") && !(o.get("default") == Nil.NIL && Boolean.FALSE.equals(o.get("null")))) {
            sql.append(" DEFAULT ").append(defaultSql(o.get("default"), typeName, o));
        }
        if (Boolean.FALSE.equals(o.get("null"))) sql.append(" NOT NULL");
        if (Boolean.TRUE.equals(o.get("auto_increment"))) sql.append(" AUTO_INCREMENT");
        if (pk) sql.append(" PRIMARY KEY");
        if (!pg() && o.get("comment") instanceof String c) sql.append(" COMMENT ").append(quote(c));
        return sql.toString();
    }

    /** quote_default_expression: the value cast through the column's type, a lambda's string as raw SQL. */
    String defaultSql(Object v, String type, Map<String, Object> o) {
        if (v instanceof Raw r) return r.sql();
        if (v == Nil.NIL) return "NULL";
        boolean array = Boolean.TRUE.equals(o.get("array"));
        if (array && v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object e : l) parts.add(e instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : String.valueOf(e));
            return quote("{" + String.join(",", parts) + "}");
        }
        if ((type.equals("json") || type.equals("jsonb")) && (v instanceof Map || v instanceof List)) return quote(json(v));
        if (type.equals("hstore") && v instanceof Map<?, ?> m) {
            List<String> pairs = new ArrayList<>();
            m.forEach((k, x) -> pairs.add("\"" + k + "\"=>\"" + plain(x) + "\""));
            return quote(String.join(", ", pairs));
        }
        if (v instanceof Boolean b) {
            if (type.equals("string") || type.equals("text")) return quote(b ? "t" : "f");
            return pg() ? (b ? "TRUE" : "FALSE") : (b ? "TRUE" : "FALSE");
        }
        if (v instanceof Long || v instanceof Double || v instanceof java.math.BigInteger) {
            if (Set.of("string", "text", "citext").contains(type)) return quote(String.valueOf(v));
            return String.valueOf(v);
        }
        if (v instanceof String s) {
            if (Set.of("integer", "bigint", "float", "decimal").contains(type) && s.matches("-?\\d+(\\.\\d+)?")) return s;
            if (type.equals("boolean") && Set.of("true", "false", "t", "f").contains(s)) {
                return s.startsWith("t") ? "TRUE" : "FALSE";
            }
            return quote(s);
        }
        if (v instanceof Sym s) return quote(s.name());
        throw new Untranslatable("a default that is not a literal (" + describe(v) + ")");
    }

    private static String json(Object v) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(plain(v));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Untranslatable("a JSON default: " + e.getMessage());
        }
    }

    private static Object plain(Object v) {
        if (v instanceof Sym s) return s.name();
        if (v == Nil.NIL) return null;
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(ActiveRecordSql::plain).toList();
        return v;
    }

    static String string(Object v, String what) {
        if (v instanceof String s) return s;
        if (v instanceof Sym s) return s.name();
        throw new Untranslatable(what + " that is not a literal string (" + describe(v) + ")");
    }

    // ---- names (abstract/schema_statements.rb)

    /** index_name / generate_index_name: {@code index_<table>_on_<a>_and_<b>}, shortened with a hash from 7.1 on. */
    String indexName(Object table, List<String> columns) {
        String t = name(table);
        if (t.contains(".")) t = t.substring(t.lastIndexOf('.') + 1);
        String name = "index_" + t + "_on_" + String.join("_and_", columns);
        if (version < 7.1 || name.getBytes(StandardCharsets.UTF_8).length <= 62) return name;
        String hashed = "_" + sha256(name).substring(0, 10);
        String shortName = "idx_on_" + String.join("_", columns);
        int limit = 62 - hashed.length();
        if (shortName.length() > limit) shortName = shortName.substring(0, limit);
        return shortName + hashed;
    }

    /** foreign_key_name: {@code fk_rails_} and the first 10 hex digits of SHA256 of {@code <table>_<column>_fk}. */
    static String foreignKeyName(String table, List<String> columns) {
        return "fk_rails_" + sha256(table + "_" + String.join("_and_", columns) + "_fk").substring(0, 10);
    }

    /** check_constraint_name: {@code chk_rails_} and SHA256 of {@code <table>_<expression>_chk}. */
    static String checkName(String table, String expression) {
        return "chk_rails_" + sha256(table + "_" + expression + "_chk").substring(0, 10);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(Object columns) {
        if (columns instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object c : l) out.add(name(c));
            return out;
        }
        return List.of(name(columns));
    }

    // ---- indexes

    /** The index's name: {@code name:} or the generated one; a string of SQL columns takes the generated one too. */
    String indexNameFor(Object table, Object columns, Map<String, Object> o) {
        if (o.get("name") != null && o.get("name") != Nil.NIL) return name(o.get("name"));
        if (columns instanceof String expr && !expr.matches("\\w+")) {
            return indexName(table, List.of(expr.replaceAll("\\W+", "_").replaceAll("^_|_$", "")));
        }
        return indexName(table, names(columns));
    }

    /** visit_CreateIndexDefinition (add_index; the indexes of create_table on PostgreSQL). */
    String createIndex(Object table, Object columns, Map<String, Object> o) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE");
        if (Boolean.TRUE.equals(o.get("unique"))) sql.add("UNIQUE");
        if (!pg() && o.get("type") instanceof Sym type) sql.add(type.name().toUpperCase(Locale.ROOT));
        sql.add("INDEX");
        String algorithm = algorithm(o.get("algorithm"));
        if (pg() && algorithm != null) sql.add(algorithm);
        if (pg() && Boolean.TRUE.equals(o.get("if_not_exists"))) sql.add("IF NOT EXISTS");
        sql.add(qc(indexNameFor(table, columns, o)) + " ON " + qt(table));
        if (pg() && ActiveRecordSql.given(o.get("using")) instanceof ActiveRecordSql.Given using) sql.add("USING " + name(using.v()));
        sql.add("(" + indexColumns(columns, o) + ")");
        if (pg() && ActiveRecordSql.given(o.get("include")) instanceof ActiveRecordSql.Given inc) {
            sql.add("INCLUDE (" + String.join(", ", names(inc.v()).stream().map(this::qc).toList()) + ")");
        }
        if (pg() && Boolean.TRUE.equals(o.get("nulls_not_distinct"))) sql.add("NULLS NOT DISTINCT");
        if (pg() && ActiveRecordSql.given(o.get("where")) instanceof ActiveRecordSql.Given w) sql.add("WHERE " + string(w.v(), "where:"));
        if (!pg() && algorithm != null) sql.add(algorithm);
        return String.join(" ", sql);
    }

    private String algorithm(Object a) {
        if (a == null || a == Nil.NIL) return null;
        String n = name(a);
        if (pg()) {
            if (n.equals("concurrently")) return "CONCURRENTLY";
            throw new Untranslatable("algorithm: :" + n + " (PostgreSQL's is :concurrently)");
        }
        return switch (n) {
            case "default", "copy", "inplace", "instant" -> "ALGORITHM = " + n.toUpperCase(Locale.ROOT);
            default -> throw new Untranslatable("algorithm: :" + n + " (MySQL's are :default, :copy, :inplace, :instant)");
        };
    }

    /** quoted_columns_for_index with its order:, opclass: and (MySQL) length: options. */
    private String indexColumns(Object columns, Map<String, Object> o) {
        if (columns instanceof String expr && !expr.matches("\\w+")) return expr;
        List<String> out = new ArrayList<>();
        for (String c : names(columns)) {
            String q = qc(c);
            if (!pg() && ActiveRecordSql.given(o.get("length")) instanceof ActiveRecordSql.Given len) {
                Object l = len.v() instanceof Map<?, ?> m ? m.get(c) : len.v();
                if (l instanceof Long n) q += "(" + n + ")";
            }
            Object opclass = o.get("opclass");
            Object oc = opclass instanceof Map<?, ?> m ? m.get(c) : opclass;
            if (pg() && oc != null && oc != Nil.NIL) q += " " + name(oc);
            Object order = o.get("order");
            Object ord = order instanceof Map<?, ?> m ? m.get(c) : order;
            if (ord != null && ord != Nil.NIL) q += " " + name(ord).toUpperCase(Locale.ROOT);
            out.add(q);
        }
        return String.join(", ", out);
    }

    /** remove_index: {@code DROP INDEX [CONCURRENTLY] "name"} (PostgreSQL), {@code DROP INDEX `name` ON `t`} (MySQL). */
    String dropIndex(Object table, Object columns, Map<String, Object> o) {
        Object cols = columns != null ? columns : o.get("column");
        if (cols == null && (o.get("name") == null || o.get("name") == Nil.NIL)) {
            throw new Untranslatable("remove_index without a column or a name");
        }
        String name = indexNameFor(table, cols, o);
        if (pg()) {
            String algorithm = algorithm(o.get("algorithm"));
            String prefix = name(table).contains(".") ? qc(name(table).substring(0, name(table).indexOf('.'))) + "." : "";
            return "DROP INDEX " + (algorithm == null ? "" : algorithm + " ")
                    + (Boolean.TRUE.equals(o.get("if_exists")) ? "IF EXISTS " : "") + prefix + qc(name);
        }
        String algorithm = algorithm(o.get("algorithm"));
        return "DROP INDEX " + qc(name) + " ON " + qt(table) + (algorithm == null ? "" : " " + algorithm);
    }

    // ---- foreign keys and checks

    /** The options add_foreign_key fills: column, primary key, name. */
    record ForeignKey(String from, String to, List<String> columns, List<String> primaryKey, String name,
                      Map<String, Object> options) {}

    ForeignKey foreignKey(Object from, Object to, Map<String, Object> o) {
        String fromTable = name(from);
        String toTable = name(to);
        String bare = toTable.contains(".") ? toTable.substring(toTable.lastIndexOf('.') + 1) : toTable;
        List<String> columns = ActiveRecordSql.given(o.get("column")) instanceof ActiveRecordSql.Given c ? names(c.v())
                : List.of(Inflector.singularize(bare) + "_id");
        List<String> pk = ActiveRecordSql.given(o.get("primary_key")) instanceof ActiveRecordSql.Given p ? names(p.v()) : List.of("id");
        String fkName = ActiveRecordSql.given(o.get("name")) instanceof ActiveRecordSql.Given n ? name(n.v()) : foreignKeyName(fromTable, columns);
        return new ForeignKey(fromTable, toTable, columns, pk, fkName, o);
    }

    /** visit_ForeignKeyDefinition: the constraint clause, for CREATE TABLE and ADD. */
    String foreignKeyClause(ForeignKey fk) {
        StringBuilder sql = new StringBuilder("CONSTRAINT ").append(qc(fk.name())).append(" FOREIGN KEY (")
                .append(String.join(", ", fk.columns().stream().map(this::qc).toList())).append(") REFERENCES ")
                .append(qt(fk.to())).append(" (").append(String.join(", ", fk.primaryKey().stream().map(this::qc).toList()))
                .append(")");
        action(sql, "DELETE", fk.options().get("on_delete"));
        action(sql, "UPDATE", fk.options().get("on_update"));
        if (pg() && fk.options().get("deferrable") instanceof Sym d) {
            sql.append(" DEFERRABLE INITIALLY ").append(d.name().toUpperCase(Locale.ROOT));
        }
        return sql.toString();
    }

    private static void action(StringBuilder sql, String on, Object v) {
        if (v == null || v == Nil.NIL) return;
        String a = switch (name(v)) {
            case "nullify" -> "SET NULL";
            case "cascade" -> "CASCADE";
            case "restrict" -> "RESTRICT";
            default -> throw new Untranslatable("on_" + on.toLowerCase(Locale.ROOT) + ": :" + name(v));
        };
        sql.append(" ON ").append(on).append(' ').append(a);
    }

    /** add_foreign_key: {@code ALTER TABLE ... ADD CONSTRAINT ... [NOT VALID]} (NOT VALID for validate: false, PostgreSQL). */
    String addForeignKey(ForeignKey fk) {
        String sql = "ALTER TABLE " + qt(fk.from()) + " ADD " + foreignKeyClause(fk);
        if (pg() && Boolean.FALSE.equals(fk.options().get("validate"))) sql += " NOT VALID";
        return sql;
    }

    String dropForeignKey(ForeignKey fk) {
        return "ALTER TABLE " + qt(fk.from()) + (pg() ? " DROP CONSTRAINT " : " DROP FOREIGN KEY ") + qc(fk.name());
    }

    /** visit_CheckConstraintDefinition: the name is not quoted there. */
    String checkClause(String table, String expression, Map<String, Object> o) {
        String n = ActiveRecordSql.given(o.get("name")) instanceof ActiveRecordSql.Given x ? name(x.v()) : checkName(table, expression);
        String sql = "CONSTRAINT " + n + " CHECK (" + expression + ")";
        if (pg() && Boolean.FALSE.equals(o.get("validate"))) sql += " NOT VALID";
        return sql;
    }

    String checkNameFor(String table, Object expression, Map<String, Object> o) {
        if (ActiveRecordSql.given(o.get("name")) instanceof ActiveRecordSql.Given x) return name(x.v());
        if (expression == null) throw new Untranslatable("a check constraint without a name or an expression");
        return checkName(table, string(expression, "the check expression"));
    }

    /** A present option: neither missing nor nil. */
    record Given(Object v) {}

    static Object given(Object v) {
        return v == null || v == Nil.NIL ? null : new Given(v);
    }

    boolean postgres() {
        return pg();
    }

    double version() {
        return version;
    }
}
