package dev.rehearse.analyze;

import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL rule catalog used to name what a rehearsed statement is and how to rewrite it safely.
 * Order matters: the first match wins, so specific forms come before general ones.
 */
public final class Rules {

    private Rules() {}

    public static final List<Rule> POSTGRES = List.of(
            new Rule("concurrently-in-transaction", Category.INDEX_DEPENDENCIES,
                    "CONCURRENTLY inside a transaction block",
                    "Run the CONCURRENTLY statement in its own migration, outside a transaction",
                    w -> false, false, // recognised from its failure (SQLSTATE 25001), not its text
                    w -> "Put the CONCURRENTLY statement in a migration of its own, outside any transaction"
                            + " (Flyway runs such a file in autocommit; Rails: disable_ddl_transaction!)."),
            new Rule("set-not-null", Category.CONSTRAINT_VALIDATION, "SET NOT NULL scans the table under ACCESS EXCLUSIVE",
                    "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("SET", "NOT", "NULL"), true,
                    w -> {
                        String t = w.table(), c = w.alteredColumn(), k = constraintName(t, c + "_not_null");
                        return "ALTER TABLE " + t + " ADD CONSTRAINT " + k + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                                + "-- next migration: validation takes SHARE UPDATE EXCLUSIVE; reads and writes go on\n"
                                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k + ";\n"
                                + "-- PostgreSQL 12+: SET NOT NULL now trusts the valid CHECK and skips the scan\n"
                                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                                + "ALTER TABLE " + t + " DROP CONSTRAINT " + k + ";";
                    }),
            new Rule("alter-column-type", Category.LOCK_CONTENTION, "ALTER COLUMN TYPE rewrites the table and its indexes",
                    "Add a new column, backfill in batches, swap in a short transaction",
                    w -> w.startsWith("ALTER", "TABLE") && w.indexOf(1, "ALTER") > 0 && w.has("TYPE"), true,
                    w -> "Add a new column of the new type, backfill it in batches (e.g. 10,000 rows per transaction),"
                            + " keep it in sync with a trigger, then swap names in one short transaction with"
                            + " SET lock_timeout. Widening varchar(n) or varchar to text needs no rewrite."),
            new Rule("add-column-rewrite", Category.LOCK_CONTENTION,
                    "ADD COLUMN with a default that forces a table rewrite",
                    "Add the column without the rewriting default, backfill in batches",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("ADD") && (w.has("DEFAULT") || w.has("GENERATED")
                            || w.has("SERIAL") || w.has("BIGSERIAL") || w.has("SMALLSERIAL")), true,
                    w -> "ALTER TABLE " + w.table() + " ADD COLUMN ... without the default (or with a constant default"
                            + " on PostgreSQL 11+, which needs no rewrite);\n"
                            + "-- backfill in batches of ~10,000 rows, each in its own transaction\n"
                            + "ALTER TABLE " + w.table() + " ALTER COLUMN ... SET DEFAULT ...;"),
            new Rule("add-foreign-key-validated", Category.FOREIGN_KEYS,
                    "ADD FOREIGN KEY validates every row under SHARE ROW EXCLUSIVE on both tables",
                    "Add the foreign key NOT VALID, then VALIDATE CONSTRAINT separately",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("FOREIGN", "KEY") || w.has("REFERENCES"))
                            && !w.has("NOT", "VALID"), true,
                    w -> withNotValid(w.sql()) + ";\n-- next migration, SHARE UPDATE EXCLUSIVE: writes go on\n"
                            + "ALTER TABLE " + w.table() + " VALIDATE CONSTRAINT " + constraintAfter(w) + ";"),
            new Rule("add-check-validated", Category.CONSTRAINT_VALIDATION,
                    "ADD CHECK validates every row under ACCESS EXCLUSIVE",
                    "Add the CHECK NOT VALID, then VALIDATE CONSTRAINT separately",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("CHECK") && !w.has("NOT", "VALID"), true,
                    w -> withNotValid(w.sql()) + ";\n-- next migration, SHARE UPDATE EXCLUSIVE: reads and writes go on\n"
                            + "ALTER TABLE " + w.table() + " VALIDATE CONSTRAINT " + constraintAfter(w) + ";"),
            new Rule("add-unique-without-index", Category.INDEX_DEPENDENCIES,
                    "ADD UNIQUE / PRIMARY KEY builds its index under ACCESS EXCLUSIVE",
                    "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX",
                    w -> w.startsWith("ALTER", "TABLE") && (w.has("UNIQUE") || w.has("PRIMARY", "KEY"))
                            && !w.has("USING", "INDEX"), true,
                    w -> "CREATE UNIQUE INDEX CONCURRENTLY " + constraintAfter(w) + "_idx ON " + w.table() + " (...);\n"
                            + "ALTER TABLE " + w.table() + " ADD CONSTRAINT " + constraintAfter(w)
                            + " UNIQUE USING INDEX " + constraintAfter(w) + "_idx;"),
            new Rule("create-index-non-concurrent", Category.INDEX_DEPENDENCIES,
                    "CREATE INDEX blocks writes for the whole build",
                    "Use CREATE INDEX CONCURRENTLY outside a transaction",
                    w -> (w.startsWith("CREATE", "INDEX") || w.startsWith("CREATE", "UNIQUE", "INDEX"))
                            && !w.has("CONCURRENTLY"), true,
                    w -> w.sql().replaceFirst("(?i)^(\\s*CREATE\\s+(UNIQUE\\s+)?INDEX)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- in a migration of its own, outside a transaction block"),
            new Rule("drop-index-non-concurrent", Category.INDEX_DEPENDENCIES,
                    "DROP INDEX takes ACCESS EXCLUSIVE on the table",
                    "Use DROP INDEX CONCURRENTLY outside a transaction",
                    w -> w.startsWith("DROP", "INDEX") && !w.has("CONCURRENTLY"), false,
                    w -> w.sql().replaceFirst("(?i)^(\\s*DROP\\s+INDEX)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- in a migration of its own, outside a transaction block"),
            new Rule("reindex-non-concurrent", Category.INDEX_DEPENDENCIES, "REINDEX blocks writes while it rebuilds",
                    "Use REINDEX CONCURRENTLY (PostgreSQL 12+)",
                    w -> w.startsWith("REINDEX") && !w.has("CONCURRENTLY"), true,
                    w -> w.sql().replaceFirst("(?i)^(\\s*REINDEX\\s+\\w+)\\s+", "$1 CONCURRENTLY ")
                            + ";\n-- PostgreSQL 12+, outside a transaction block"),
            new Rule("vacuum-full-or-cluster", Category.LOCK_CONTENTION, "VACUUM FULL / CLUSTER rewrite under ACCESS EXCLUSIVE",
                    "Use pg_repack instead",
                    w -> (w.startsWith("VACUUM") && w.has("FULL")) || w.startsWith("CLUSTER"), true,
                    w -> "Use pg_repack (or pg_squeeze), which rebuilds online and takes ACCESS EXCLUSIVE only briefly."),
            new Rule("drop-table", Category.DATA_LOSS, "DROP TABLE destroys data",
                    "Rename first, drop in a later release, keep a backup",
                    w -> w.startsWith("DROP", "TABLE"), false,
                    w -> "Rename the table first and drop it in a later release once nothing reads it; keep a backup."),
            new Rule("drop-column", Category.DATA_LOSS, "DROP COLUMN destroys data",
                    "Stop using the column in a release first, keep a backup",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("DROP") && !w.has("DROP", "CONSTRAINT")
                            && !w.has("DROP", "DEFAULT") && !w.has("DROP", "NOT", "NULL") && !w.has("DROP", "IDENTITY")
                            && !w.has("DROP", "EXPRESSION"), false,
                    w -> "Stop reading and writing the column in a release first, then drop it; keep a backup."),
            new Rule("truncate", Category.DATA_LOSS, "TRUNCATE destroys data under ACCESS EXCLUSIVE",
                    "Delete in batches or archive first",
                    w -> w.startsWith("TRUNCATE"), false,
                    w -> "Delete in batches if the rows must go; archive them first if they may be needed."),
            new Rule("rename", Category.CONCURRENT_WRITE_HAZARDS, "RENAME breaks the application version still running",
                    "Expand and contract instead of renaming in place",
                    w -> w.startsWith("ALTER", "TABLE") && w.has("RENAME"), false,
                    w -> "Expand and contract: add the new name (column, or a view for a table), write both,"
                            + " move readers, then drop the old name in a later release."),
            new Rule("unbatched-backfill", Category.CONCURRENT_WRITE_HAZARDS,
                    "one UPDATE/DELETE changes many rows in one transaction",
                    "Backfill in batches of ~10,000 rows per transaction",
                    w -> w.startsWith("UPDATE") || w.startsWith("DELETE"), false,
                    w -> "Backfill in batches by key range (e.g. 10,000 rows per transaction) with a pause between"
                            + " batches, outside the schema migration's transaction; make it idempotent (WHERE col IS NULL)."));

    public static Optional<Rule> match(List<Rule> catalog, Rule.Words words) {
        return catalog.stream().filter(r -> r.matches().test(words)).findFirst();
    }

    public static Rule byId(List<Rule> catalog, String id) {
        return catalog.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static String withNotValid(String sql) {
        return sql.strip().replaceFirst(";\\s*$", "") + " NOT VALID";
    }

    private static String constraintAfter(Rule.Words w) {
        String name = w.nameAfter("CONSTRAINT");
        return name.equals("?") ? "<constraint>" : name;
    }

    private static String constraintName(String table, String suffix) {
        String base = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        return base + "_" + suffix;
    }
}
