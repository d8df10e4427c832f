package dev.rehearse.engine.postgres;

import dev.rehearse.dialect.Rewrite;
import dev.rehearse.dialect.Rewrite.Statement;
import dev.rehearse.dialect.Rewrite.Step;
import dev.rehearse.dialect.Rule.Words;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mechanical rewrites of PostgreSQL's rules ({@link PostgresRules} names them in its catalog): each reads the
 * statement's text and gives the steps {@code fix} writes and lint, run and the pattern pages print. A form a plan
 * cannot read (a column-level constraint, a list of indexes) gives null, and the rule's hint text stands instead.
 */
final class PostgresRewrites {

    private PostgresRewrites() {}

    /** ALTER TABLE [ONLY] [IF EXISTS] name, the rest. */
    private static final Pattern ALTER = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+((?:ONLY\\s+)?(?:IF\\s+EXISTS\\s+)?)((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s+(.*)$");

    static String body(String sql) {
        return sql.strip().replaceFirst(";\\s*$", "");
    }

    /** CHECK NOT VALID, VALIDATE, then SET NOT NULL, which trusts the valid CHECK (12+), and the CHECK dropped. */
    static Rewrite setNotNull(Words w) {
        String t = w.table(), c = w.alteredColumn();
        if (t.equals("?") || c.equals("?")) return null;
        String k = constraintName(t, c + "_not_null");
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("add_" + k + "_not_valid", null, false,
                List.of(Statement.of("ALTER TABLE " + t + " ADD CONSTRAINT " + k + " CHECK (" + c + " IS NOT NULL) NOT VALID")),
                List.of("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + k)));
        steps.addAll(notNullAfterCheck(t, c, k));
        return new Rewrite(steps, List.of(), List.of());
    }

    private static List<Step> notNullAfterCheck(String t, String c, String k) {
        return List.of(
                new Step("validate_" + k, "validation takes SHARE UPDATE EXCLUSIVE; reads and writes go on", false,
                        List.of(Statement.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k)), List.of()),
                new Step("set_" + simple(t) + "_" + simple(c) + "_not_null",
                        "PostgreSQL 12+: SET NOT NULL now trusts the valid CHECK and skips the scan", false,
                        List.of(Statement.of("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL"),
                                Statement.of("ALTER TABLE " + t + " DROP CONSTRAINT " + k)),
                        List.of("ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL")));
    }

    /** CREATE [UNIQUE] INDEX → CONCURRENTLY, in a migration of its own outside a transaction block. */
    static Rewrite createIndex(Words w) {
        String sql = body(w.sql()).replaceFirst("(?i)^(\\s*CREATE\\s+(UNIQUE\\s+)?INDEX)\\s+", "$1 CONCURRENTLY ");
        String name = indexName(w);
        List<String> down = name == null ? List.of() : List.of("DROP INDEX CONCURRENTLY IF EXISTS " + qualified(w.table(), name));
        return Rewrite.of(new Step("create_index_" + (name == null ? simple(w.table()) : simple(name)) + "_concurrently",
                null, true, List.of(Statement.of(sql)), down));
    }

    /** DROP INDEX → CONCURRENTLY; CONCURRENTLY drops one index, without CASCADE. */
    static Rewrite dropIndex(Words w) {
        if (w.has(",") || w.has("CASCADE")) return null;
        String sql = body(w.sql()).replaceFirst("(?i)^(\\s*DROP\\s+INDEX)\\s+", "$1 CONCURRENTLY ");
        return Rewrite.of(new Step("drop_index_" + simple(w.nameAfter("INDEX")) + "_concurrently", null, true,
                List.of(Statement.of(sql)), List.of()));
    }

    /** A statement that is fine as written, moved to a migration of its own outside a transaction block. */
    static Rewrite ownMigration(Words w) {
        return Rewrite.of(new Step("outside_transaction", null, true, List.of(Statement.of(body(w.sql()))), List.of()))
                .then("(Flyway runs such a file in autocommit; Rails: disable_ddl_transaction!)");
    }

    private static final Pattern ADD_FK = Pattern.compile("(?is)^ADD\\s+(?:CONSTRAINT\\s+(\\S+)\\s+)?FOREIGN\\s+KEY\\s*\\(([^()]*)\\)(.*)$");
    private static final Pattern ADD_CHECK = Pattern.compile("(?is)^ADD\\s+(?:CONSTRAINT\\s+(\\S+)\\s+)?CHECK\\s*(\\(.*)$");

    /** ADD FOREIGN KEY → NOT VALID, then VALIDATE in the next migration. */
    static Rewrite foreignKey(Words w) {
        Matcher a = ALTER.matcher(body(w.sql()));
        if (!a.matches()) return null;
        Matcher m = ADD_FK.matcher(a.group(3));
        if (!m.matches()) return null;
        String t = a.group(2);
        String k = m.group(1) != null ? m.group(1)
                : constraintName(t, String.join("_", columns(m.group(2))) + "_fkey");
        String add = "ALTER TABLE " + a.group(1) + t + " ADD CONSTRAINT " + k + " FOREIGN KEY (" + m.group(2).strip() + ")"
                + m.group(3) + " NOT VALID";
        return notValidThenValidate(t, k, add, "SHARE UPDATE EXCLUSIVE on this table, ROW SHARE on the referenced one:"
                + " writes go on");
    }

    /** ADD CHECK → NOT VALID, then VALIDATE in the next migration. */
    static Rewrite check(Words w) {
        Matcher a = ALTER.matcher(body(w.sql()));
        if (!a.matches()) return null;
        Matcher m = ADD_CHECK.matcher(a.group(3));
        if (!m.matches() || m.group(2).toUpperCase(Locale.ROOT).contains("NO INHERIT")) return null;
        String t = a.group(2);
        String k = m.group(1) != null ? m.group(1) : constraintName(t, "check");
        String add = "ALTER TABLE " + a.group(1) + t + " ADD CONSTRAINT " + k + " CHECK " + m.group(2).strip() + " NOT VALID";
        return notValidThenValidate(t, k, add, "SHARE UPDATE EXCLUSIVE: reads and writes go on");
    }

    private static Rewrite notValidThenValidate(String t, String k, String add, String note) {
        return Rewrite.of(
                new Step("add_" + simple(k) + "_not_valid", null, false, List.of(Statement.of(add)),
                        List.of("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + k)),
                new Step("validate_" + simple(k), note, false,
                        List.of(Statement.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k)), List.of()));
    }

    private static final Pattern ADD_UNIQUE = Pattern.compile(
            "(?is)^ADD\\s+(?:CONSTRAINT\\s+(\\S+)\\s+)?(UNIQUE|PRIMARY\\s+KEY)\\s*\\(([^()]*)\\)\\s*$");

    /** ADD UNIQUE / PRIMARY KEY → CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX. */
    static Rewrite unique(Words w) {
        Matcher a = ALTER.matcher(body(w.sql()));
        if (!a.matches()) return null;
        Matcher m = ADD_UNIQUE.matcher(a.group(3));
        if (!m.matches()) return null;
        String t = a.group(2);
        boolean pk = m.group(2).toUpperCase(Locale.ROOT).startsWith("PRIMARY");
        String k = m.group(1) != null ? m.group(1)
                : constraintName(t, pk ? "pkey" : String.join("_", columns(m.group(3))) + "_key");
        String kind = pk ? "PRIMARY KEY" : "UNIQUE";
        return Rewrite.of(
                new Step("create_unique_index_" + simple(k), null, true,
                        List.of(Statement.of("CREATE UNIQUE INDEX CONCURRENTLY " + k + " ON " + t + " (" + m.group(3).strip() + ")")),
                        List.of("DROP INDEX CONCURRENTLY IF EXISTS " + qualified(t, k))),
                new Step("add_" + simple(k) + "_using_index", "attaching the built index is a catalog update"
                        + (pk ? " (PRIMARY KEY also sets NOT NULL on its columns, which scans a nullable column: SET NOT"
                        + " NULL the safe way first)" : ""), false,
                        List.of(Statement.of("ALTER TABLE " + t + " ADD CONSTRAINT " + k + " " + kind + " USING INDEX " + k)),
                        List.of("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + k)));
    }

    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]+\"|[\\w$]+)\\s+(.*)$");

    /**
     * ADD COLUMN with a default that rewrites the table → the column without it, the default for new rows, a batched
     * backfill of the rows there are, and NOT NULL the safe way when the column had it.
     */
    static Rewrite addColumn(Words w) {
        if (w.hasAny("SERIAL", "BIGSERIAL", "SMALLSERIAL", "GENERATED")) return null;
        Matcher a = ALTER.matcher(body(w.sql()));
        if (!a.matches()) return null;
        Matcher m = ADD_COLUMN.matcher(a.group(3));
        if (!m.matches()) return null;
        String t = a.group(2), c = m.group(1);
        ColumnDefinition d = ColumnDefinition.read(m.group(2));
        if (d == null || d.defaultExpression() == null) return null;
        String k = constraintName(t, simple(c) + "_not_null");
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("add_" + simple(t) + "_" + simple(c), "the column without its default: no rewrite", false,
                List.of(Statement.of("ALTER TABLE " + a.group(1) + t + " ADD COLUMN " + c + " " + d.type()),
                        Statement.of("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + d.defaultExpression())
                                .before("new rows get the default from now on; the existing rows are backfilled next")),
                List.of("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + c)));
        steps.add(batched(t, "UPDATE " + t + " SET " + c + " = " + d.defaultExpression() + " WHERE ", c + " IS NULL",
                "backfill_" + simple(t) + "_" + simple(c), true));
        if (d.notNull()) {
            steps.add(new Step("add_" + k + "_not_valid", null, false,
                    List.of(Statement.of("ALTER TABLE " + t + " ADD CONSTRAINT " + k + " CHECK (" + c + " IS NOT NULL) NOT VALID")),
                    List.of("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + k)));
            steps.addAll(notNullAfterCheck(t, c, k));
        }
        return new Rewrite(steps, List.of(), List.of());
    }

    private static final Pattern UPDATE = Pattern.compile(
            "(?is)^\\s*UPDATE\\s+(?:ONLY\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s+SET\\s+(.*?)(?:\\s+WHERE\\s+(.*))?$");
    private static final Pattern DELETE = Pattern.compile(
            "(?is)^\\s*DELETE\\s+FROM\\s+(?:ONLY\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)(?:\\s+WHERE\\s+(.*))?$");

    /**
     * A one-statement UPDATE / DELETE → the same change in batches of pages, each committed, with a pause and a
     * progress notice, skipping rows already done (an UPDATE's assignments guarded by IS DISTINCT FROM), so a stopped
     * run resumes and a re-run changes nothing twice. Null for forms a batch cannot carry (FROM, USING, RETURNING, an
     * alias, a CTE).
     */
    static Rewrite backfill(Words w) {
        String sql = body(w.sql());
        if (w.hasAny("RETURNING", "USING", "FROM") && w.startsWith("UPDATE") || w.startsWith("WITH")) return null;
        Matcher u = UPDATE.matcher(sql);
        if (u.matches()) {
            if (Pattern.compile("(?is)\\bFROM\\b|\\bRETURNING\\b").matcher(u.group(2)).find()) return null;
            List<String> sets = topLevelSplit(u.group(2));
            List<String> cols = new ArrayList<>(), vals = new ArrayList<>();
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq < 0) return null;
                cols.add(s.substring(0, eq).strip());
                vals.add(s.substring(eq + 1).strip());
            }
            for (int i = 0; i < cols.size(); i++) {
                // x = x + 1 cannot be made idempotent by a guard: backfill-not-idempotent's to solve, not a batch's
                if (Pattern.compile("(?i)\\b" + Pattern.quote(cols.get(i)) + "\\b").matcher(vals.get(i)).find()) return null;
            }
            String guard = cols.size() == 1 ? cols.get(0) + " IS DISTINCT FROM (" + vals.get(0) + ")"
                    : "(" + String.join(", ", cols) + ") IS DISTINCT FROM (" + String.join(", ", vals) + ")";
            String where = u.group(3) == null ? guard : "(" + u.group(3).strip() + ") AND " + guard;
            return Rewrite.of(backfill(u.group(1), u.group(2).strip(), where, "backfill_" + simple(u.group(1))));
        }
        Matcher d = DELETE.matcher(sql);
        if (d.matches()) {
            String t = d.group(1);
            String where = d.group(2) == null ? "true" : d.group(2).strip();
            return Rewrite.of(batched(t, "DELETE FROM " + t + " WHERE ", where, "delete_" + simple(t) + "_in_batches", false));
        }
        return null;
    }

    private static Step backfill(String table, String set, String where, String name) {
        return batched(table, "UPDATE " + table + " SET " + set + " WHERE ", where, name, false);
    }

    /**
     * The batch loop: a range of heap pages per batch (by ctid, so no key column needs to be known), committed one by
     * one (PostgreSQL 11+ lets a DO block outside a transaction block commit), a pause between batches and a notice
     * of how far it got. The table's end is read again after each batch: a row the application updates meanwhile
     * moves to a new page, often past the end the loop started with. {@code untilNone}: passes repeat until no row
     * matches (a row moved into a page already done is caught by the next pass), for a guard only the backfill
     * falsifies ({@code col IS NULL}).
     */
    private static Step batched(String table, String head, String where, String name, boolean untilNone) {
        String t = table.replace("'", "''");
        String pass = "    done := 0;\n"
                + "    WHILE done <= pg_relation_size('" + t + "') / current_setting('block_size')::int LOOP\n"
                + "      " + head + "ctid >= format('(%s,0)', done)::tid AND ctid < format('(%s,0)', done + batch)::tid\n"
                + "        AND (" + where + ");\n"
                + "      COMMIT;  -- each batch in its own transaction: row locks held for one batch only\n"
                + "      RAISE NOTICE '" + name + ": pages % to %', done, done + batch;\n"
                + "      PERFORM pg_sleep(0.05);  -- let replicas and autovacuum keep up\n"
                + "      done := done + batch;\n"
                + "    END LOOP;\n";
        String loop = "DO $$\n"
                + "DECLARE\n"
                + "  batch constant bigint := 10;  -- heap pages per batch: ~1,000 narrow rows, row locks held briefly\n"
                + "  done bigint;\n"
                + "BEGIN\n"
                + "  LOOP\n"
                + pass
                + (untilNone ? "    EXIT WHEN NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + where + ");\n" : "    EXIT;\n")
                + "  END LOOP;\n"
                + "END $$";
        return new Step(name, "batched, throttled, resumable: each batch commits, rows already done are skipped", true,
                List.of(Statement.of(loop)), List.of());
    }

    /** The type and the default of a column definition, when it has nothing else a plan would have to carry. */
    record ColumnDefinition(String type, String defaultExpression, boolean notNull) {
        private static final Pattern CONSTRAINT_START = Pattern.compile(
                "(?i)^(DEFAULT|NOT\\s+NULL|NULL|CONSTRAINT|CHECK|REFERENCES|UNIQUE|PRIMARY|COLLATE|GENERATED)\\b");

        static ColumnDefinition read(String def) {
            List<String> parts = new ArrayList<>();
            int depth = 0, from = 0;
            boolean quoted = false;
            String d = def.strip();
            for (int i = 0; i < d.length(); i++) {
                char ch = d.charAt(i);
                if (ch == '\'') quoted = !quoted;
                if (quoted) continue;
                if (ch == '(') depth++;
                else if (ch == ')') depth--;
                else if (depth == 0 && (i == 0 || Character.isWhitespace(d.charAt(i - 1)))) {
                    Matcher m = CONSTRAINT_START.matcher(d.substring(i));
                    if (m.find()) {
                        parts.add(d.substring(from, i).strip());
                        from = i;
                        i += m.end() - 1; // NOT NULL is one part, not NOT and NULL
                    }
                }
            }
            parts.add(d.substring(from).strip());
            String type = parts.get(0);
            if (type.isEmpty()) return null;
            String dflt = null;
            boolean notNull = false;
            for (String p : parts.subList(1, parts.size())) {
                String up = p.toUpperCase(Locale.ROOT);
                if (up.startsWith("DEFAULT")) dflt = p.substring(7).strip();
                else if (up.matches("NOT\\s+NULL")) notNull = true;
                else if (!up.equals("NULL")) return null; // a constraint the plan would have to carry
            }
            return new ColumnDefinition(type, dflt, notNull);
        }
    }

    private static List<String> topLevelSplit(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, from = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            if (quoted) continue;
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ',' && depth == 0) {
                out.add(s.substring(from, i).strip());
                from = i + 1;
            }
        }
        out.add(s.substring(from).strip());
        return out;
    }

    private static List<String> columns(String list) {
        List<String> out = new ArrayList<>();
        for (String c : list.split(",")) out.add(simple(c.strip()));
        return out;
    }

    /** The index's name in CREATE INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON ..., or null when it has none. */
    private static String indexName(Words w) {
        int i = w.indexOf(0, "INDEX") + 1;
        while (List.of("CONCURRENTLY", "IF", "NOT", "EXISTS").contains(w.at(i))) i++;
        String n = w.at(i);
        return n.isEmpty() || n.equals("ON") ? null : w.nameAfter("INDEX");
    }

    /** An index lives in its table's schema: its name qualified as the table is. */
    private static String qualified(String table, String name) {
        int dot = table.indexOf('.');
        return dot < 0 || name.contains(".") ? name : table.substring(0, dot + 1) + name;
    }

    static String constraintName(String table, String suffix) {
        return simple(table) + "_" + suffix;
    }

    /** A name without its schema and quotes, lower-cased, for constraint and file names. */
    static String simple(String name) {
        String n = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        n = n.replace("\"", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    }
}
