package dev.rehearse.analyze;

import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.dialect.Rule;
import dev.rehearse.model.Verdict;
import dev.rehearse.model.Category;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state lint keeps across a migration set, which per-statement linters cannot see. */
class LinterTest {

    @TempDir
    Path dir;

    private List<String> lint(String engine, Linter.Options options, String... files) throws Exception {
        return lint(engine, options, Scenario.Transaction.AUTO, files);
    }

    private List<String> lint(String engine, Linter.Options options, Scenario.Transaction wrapping, String... files)
            throws Exception {
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) Files.delete(p);
        }
        for (int i = 0; i < files.length; i++) Files.writeString(dir.resolve("V" + (i + 1) + "__m.sql"), files[i]);
        EngineSpec spec = EngineSpec.parse(engine);
        Dialect d = Engines.dialect(spec);
        Linter.Options o = options != null ? options : Linter.Options.of(spec);
        var migrations = new SqlMigrationSource().read(List.of(dir), new MigrationSource.Context(d.splitter(), wrapping));
        return new Linter(o, d).lint(migrations).counted().stream()
                .map(f -> f.rule() + "@" + f.file() + ":" + f.line()).toList();
    }

    private List<String> lint(String engine, String... files) throws Exception {
        return lint(engine, null, files);
    }

    @Test
    void aTableIsNewOnlyInTheFileThatCreatesItOrInThePendingSet() throws Exception {
        String create = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note text);";
        String change = "SET lock_timeout = '1s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n"
                + "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\nDROP TABLE orders;";
        // the same file: nobody uses the table yet
        assertThat(lint("postgres:16", create + "\n" + change)).isEmpty();
        // without a pending set each file is pending on its own: an earlier file's table exists in production
        assertThat(lint("postgres:16", create, change)).containsExactly("create-index-non-concurrent@V2__m.sql:2",
                "set-not-null@V2__m.sql:3", "drop-table@V2__m.sql:4");
        // both files pending: the table ships with them
        Linter.Options both = Linter.Options.of(EngineSpec.parse("postgres:16")).withPending(m -> true);
        assertThat(lint("postgres:16", both, create, change)).isEmpty();
        // only the second pending: the first is deployed, read for what it leaves but not judged
        Linter.Options second = Linter.Options.of(EngineSpec.parse("postgres:16")).withPending(m -> m.name().startsWith("V2"));
        assertThat(lint("postgres:16", second, create + "\nCREATE INDEX a ON orders (note);", change))
                .containsExactly("create-index-non-concurrent@V2__m.sql:2", "set-not-null@V2__m.sql:3", "drop-table@V2__m.sql:4");
        // CREATE TABLE IF NOT EXISTS of a table that exists creates nothing new
        assertThat(lint("postgres:16", both, create, "CREATE TABLE IF NOT EXISTS orders (id bigint);\n" + change)).isEmpty();
        assertThat(lint("postgres:16", second, create, "CREATE TABLE IF NOT EXISTS orders (id bigint);\n" + change))
                .contains("set-not-null@V2__m.sql:4");
        // a deployed file's validated CHECK still lets SET NOT NULL skip its scan
        assertThat(lint("postgres:16", second, create + "\nALTER TABLE orders ADD CONSTRAINT c CHECK (note IS NOT NULL);",
                "SET lock_timeout = '1s';\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;")).isEmpty();
        assertThat(lint("postgres:16", "CREATE INDEX orders_customer_idx ON orders (customer_id);"))
                .contains("create-index-non-concurrent@V1__m.sql:1");
    }

    @Test
    void aValidatedCheckLetsSetNotNullSkipItsScanFromPostgres12() throws Exception {
        String[] set = {
                "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL) NOT VALID;",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_note_nn;",
                "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;"};
        assertThat(lint("postgres:16", set)).isEmpty();
        assertThat(lint("postgres:11", set)).containsExactly("set-not-null@V3__m.sql:1");
        // without the VALIDATE the CHECK proves nothing
        assertThat(lint("postgres:16", set[0], "SELECT 1;", set[2])).containsExactly("set-not-null@V3__m.sql:1");
    }

    @Test
    void theTargetVersionDecidesWhatRewrites() throws Exception {
        String constant = "SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN plan text DEFAULT 'free';";
        assertThat(lint("postgres:10", constant)).containsExactly("add-column-rewrite@V1__m.sql:2");
        assertThat(lint("postgres:11", constant)).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN at timestamptz DEFAULT now();")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN at timestamptz DEFAULT clock_timestamp();"))
                .containsExactly("add-column-rewrite@V1__m.sql:2");
        String table = "CREATE TABLE t (c varchar(100), d varchar(20));";
        assertThat(lint("postgres:16", table, "SET lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN c TYPE varchar(200);\n"
                + "ALTER TABLE t ALTER COLUMN d TYPE text;")).isEmpty();
        assertThat(lint("postgres:16", table, "SET lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN c TYPE text USING trim(c);"))
                .containsExactly("alter-column-type@V2__m.sql:2");
    }

    @Test
    void transactionsDecideConcurrentlyAndValidate() throws Exception {
        assertThat(lint("postgres:16", "CREATE INDEX CONCURRENTLY i ON t (a);")).isEmpty();
        assertThat(lint("postgres:16", "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;"))
                .containsExactly("concurrently-in-transaction@V1__m.sql:2");
        EngineSpec pg = EngineSpec.parse("postgres:16");
        assertThat(lint("postgres:16", null, Scenario.Transaction.ALWAYS, "CREATE INDEX CONCURRENTLY i ON t (a);"))
                .containsExactly("concurrently-in-transaction@V1__m.sql:1");
        // the script's COMMIT ended the tool's transaction, its BEGIN opens the next
        assertThat(lint("postgres:16", null, Scenario.Transaction.ALWAYS,
                "SET lock_timeout = '1s';\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (p) REFERENCES p (id) NOT VALID;\n"
                + "ALTER TABLE t VALIDATE CONSTRAINT c;")).containsExactly("validate-in-same-transaction@V1__m.sql:3");
    }

    @Test
    void onlyASettingThatBoundsTheWaitCoversWhatFollows() throws Exception {
        String alter = "ALTER TABLE t ADD COLUMN a int;";
        assertThat(lint("postgres:16", "SET lock_timeout = '2s';\n" + alter)).isEmpty();
        assertThat(lint("postgres:16", "SET statement_timeout TO '15min';\n" + alter)).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = 0;\n" + alter)).containsExactly("missing-lock-timeout@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '0ms';\n" + alter)).containsExactly("missing-lock-timeout@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = DEFAULT;\n" + alter)).containsExactly("missing-lock-timeout@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '2s';\nRESET lock_timeout;\n" + alter))
                .containsExactly("missing-lock-timeout@V1__m.sql:3");
        assertThat(lint("postgres:16", "SET lock_timeout = '2s';\nRESET ALL;\n" + alter))
                .containsExactly("missing-lock-timeout@V1__m.sql:3");
        assertThat(lint("postgres:16", "SET myapp.lock_timeout = '2s';\n" + alter)).containsExactly("missing-lock-timeout@V1__m.sql:2");
        // SET LOCAL lasts until its transaction ends
        assertThat(lint("postgres:16", "BEGIN;\nSET LOCAL lock_timeout = '2s';\n" + alter + "\nCOMMIT;")).isEmpty();
        assertThat(lint("postgres:16", "BEGIN;\nSET LOCAL lock_timeout = '2s';\nCOMMIT;\n" + alter))
                .containsExactly("missing-lock-timeout@V1__m.sql:4");
        assertThat(lint("postgres:16", "SET LOCAL lock_timeout = '2s';\n" + alter)).as("the tool wraps the file").isEmpty();
        assertThat(lint("postgres:16", "SET LOCAL lock_timeout = '2s';", alter)).as("a wrapped file's transaction ends with it")
                .containsExactly("missing-lock-timeout@V2__m.sql:1");
        // MySQL: the session's setting, not the server's global one
        assertThat(lint("mysql:8.0", "SET SESSION lock_wait_timeout = 5;\n" + alter)).isEmpty();
        assertThat(lint("mysql:8.0", "SET @@session.lock_wait_timeout = 5;\n" + alter)).isEmpty();
        assertThat(lint("mysql:8.0", "SET GLOBAL lock_wait_timeout = 5;\n" + alter)).containsExactly("missing-lock-timeout@V1__m.sql:2");
    }

    @Test
    void falseAlarmsThatAreNot() throws Exception {
        assertThat(lint("postgres:16", "SET lock_timeout = '1s';\nVACUUM (FULL FALSE) t;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '1s';\nVACUUM (FULL) t;")).containsExactly("vacuum-full-or-cluster@V1__m.sql:2");
        assertThat(lint("postgres:16", "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a;\nCREATE INDEX mv_a ON mv (a);")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '1s';\nALTER TABLE t RENAME CONSTRAINT a TO b;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '1s';\nALTER TABLE t RENAME COLUMN a TO b;")).containsExactly("rename@V1__m.sql:2");
        assertThat(lint("postgres:16", "REINDEX SYSTEM app;")).doesNotContain("reindex-non-concurrent@V1__m.sql:1");
        assertThat(lint("postgres:16", "SET lock_timeout = '1s';\nREINDEX TABLE t;")).containsExactly("reindex-non-concurrent@V1__m.sql:2");
        // a bare query needs no rollback; two changes outside a transaction do
        assertThat(lint("postgres:16", "SELECT 1;\nCREATE INDEX CONCURRENTLY i ON t (a);")).isEmpty();
        assertThat(lint("postgres:16", "CREATE INDEX CONCURRENTLY i ON t (a);\nCREATE INDEX CONCURRENTLY j ON t (b);"))
                .containsExactly("no-rollback-non-transactional@V1__m.sql:1");
    }

    @Test
    void aBackfillIsBatchedOnlyByAKeyRangeALimitOrAKeyValue() throws Exception {
        String pre = "SET lock_timeout = '1s';\n";
        assertThat(lint("postgres:16", pre + "UPDATE t SET a = 1 WHERE id >= 1 AND id <= 10000;")).isEmpty();
        assertThat(lint("postgres:16", pre + "UPDATE t SET a = 1 WHERE id BETWEEN 1 AND 10000;")).isEmpty();
        assertThat(lint("postgres:16", pre + "DELETE FROM t WHERE id IN (SELECT id FROM t WHERE old LIMIT 1000);")).isEmpty();
        assertThat(lint("postgres:16", pre + "UPDATE t SET a = 1 WHERE id = $1;")).isEmpty();
        assertThat(lint("postgres:16", pre + "UPDATE t SET a = 1 WHERE id IN (1, 2, 3);")).isEmpty();
        assertThat(lint("postgres:16", pre + "UPDATE t SET a = 1 WHERE status = 'active';")).containsExactly("unbatched-backfill@V1__m.sql:2");
        assertThat(lint("postgres:16", pre + "UPDATE t SET a = 1 WHERE a IS NULL;")).containsExactly("unbatched-backfill@V1__m.sql:2");
        assertThat(lint("postgres:16", pre + "DELETE FROM t WHERE kind IN ('x', 'y');")).containsExactly("unbatched-backfill@V1__m.sql:2");
        assertThat(lint("mysql:8.0", "UPDATE t SET a = 1 WHERE status = 'active';")).containsExactly("unbatched-backfill@V1__m.sql:1");
        assertThat(lint("mysql:8.0", "UPDATE t SET a = 1 WHERE id < 10000;")).isEmpty();
    }

    private List<String> typeChange(String engine, String table, String change) throws Exception {
        return lint(engine, table, "SET lock_timeout = '1s';\n" + change).stream().map(f -> f.substring(0, f.indexOf('@'))).toList();
    }

    @Test
    void whetherATypeChangeRewritesDependsOnTheOldType() throws Exception {
        String t = "CREATE TABLE d (id bigint, \"folderId\" INTEGER, price numeric(10,2), code varchar(20), note varchar(50),"
                + " at timestamp(3), net cidr, seen timestamp);";
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN \"folderId\" SET DATA TYPE TEXT;")).containsExactly("alter-column-type");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN \"folderId\" TYPE bigint;")).containsExactly("alter-column-type");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN price TYPE numeric(12,2);")).isEmpty();
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN price TYPE numeric(12,3);")).containsExactly("alter-column-type");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN code TYPE varchar(64);")).isEmpty();
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN code TYPE text;")).isEmpty();
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN note TYPE varchar(10);")).containsExactly("alter-column-type");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN at TYPE timestamp(6);")).isEmpty();
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN net TYPE inet;")).isEmpty();
        assertThat(typeChange("postgres:16", t, "ALTER TABLE d ALTER COLUMN seen TYPE timestamptz;")).containsExactly("alter-column-type");
        assertThat(typeChange("postgres:16", t, "SET TIME ZONE 'UTC';\nALTER TABLE d ALTER COLUMN seen TYPE timestamptz;")).isEmpty();
        assertThat(typeChange("postgres:11", t, "SET TIME ZONE 'UTC';\nALTER TABLE d ALTER COLUMN seen TYPE timestamptz;"))
                .containsExactly("alter-column-type");
        // a later type change and a rename are followed
        assertThat(typeChange("postgres:16", t + "\nALTER TABLE d RENAME COLUMN code TO sku;", "ALTER TABLE d ALTER COLUMN sku TYPE varchar(30);"))
                .isEmpty();
        // the old type unknown: say so, do not guess
        List<String> unknown = lint("postgres:16", "SET lock_timeout = '1s';\nALTER TABLE elsewhere ALTER COLUMN c TYPE text;");
        assertThat(unknown).containsExactly("alter-column-type@V1__m.sql:2");
        assertThat(lintMessages("postgres:16", "SET lock_timeout = '1s';\nALTER TABLE elsewhere ALTER COLUMN c TYPE text;"))
                .anyMatch(m -> m.contains("Verify: the column's current type is unknown"));
    }

    @Test
    void everyActionOfAnAlterTableIsJudgedOnItsOwn() throws Exception {
        String t = "CREATE TABLE u (id bigint, bio text, b int, \"type\" text, p bigint);";
        assertThat(typeChange("postgres:16", t, "ALTER TABLE u DROP CONSTRAINT \"u_pkey\", DROP COLUMN \"bio\";")).contains("drop-column");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE u ADD COLUMN a int DEFAULT 0, ADD COLUMN c timestamp NOT NULL;"))
                .contains("add-column-not-null-no-default");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE u ADD COLUMN a int, ALTER COLUMN b DROP NOT NULL;"))
                .doesNotContain("add-column-not-null-no-default").contains("drop-not-null");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE u ADD COLUMN a int, ALTER COLUMN b SET DEFAULT gen_random_uuid();"))
                .doesNotContain("add-column-rewrite");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE u ALTER COLUMN type SET NOT NULL;"))
                .contains("set-not-null").doesNotContain("alter-column-type");
        assertThat(typeChange("postgres:16", t, "ALTER TABLE u DROP CONSTRAINT fk, ADD CONSTRAINT fk FOREIGN KEY (p)"
                + " REFERENCES u (id) ON DELETE CASCADE NOT VALID;")).doesNotContain("drop-cascade").contains("fk-on-delete-cascade");
        assertThat(typeChange("mysql:8.0", "CREATE TABLE u (id bigint, c int);", "ALTER TABLE u MODIFY c bigint, ALGORITHM=INPLACE, LOCK=NONE;"))
                .doesNotContain("mysql-modify-column-copy");
        assertThat(typeChange("mysql:8.0", "CREATE TABLE u (id bigint, c int);", "ALTER TABLE u ADD COLUMN d int, MODIFY c bigint;"))
                .contains("mysql-modify-column-copy");
    }

    private List<String> lintMessages(String engine, String... files) throws Exception {
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) Files.delete(p);
        }
        for (int i = 0; i < files.length; i++) Files.writeString(dir.resolve("V" + (i + 1) + "__m.sql"), files[i]);
        EngineSpec spec = EngineSpec.parse(engine);
        Dialect d = Engines.dialect(spec);
        return new Linter(Linter.Options.of(spec), d).lint(new SqlMigrationSource(d.splitter()).read(List.of(dir))).counted()
                .stream().map(f -> f.message()).toList();
    }

    @Test
    void virtualGeneratedColumnsAndSubqueriesInSet() throws Exception {
        String t = "CREATE TABLE g (id bigint, a int);";
        assertThat(typeChange("postgres:18", t, "ALTER TABLE g ADD COLUMN v int GENERATED ALWAYS AS (a * 2) VIRTUAL;")).isEmpty();
        assertThat(typeChange("postgres:18", t, "ALTER TABLE g ADD COLUMN s int GENERATED ALWAYS AS (a * 2) STORED;"))
                .containsExactly("add-column-rewrite");
        assertThat(typeChange("postgres:16", t, "UPDATE g SET a = (SELECT max(x) FROM u WHERE u.id < 5);"))
                .containsExactly("unbatched-backfill");
        assertThat(typeChange("postgres:16", t, "UPDATE g SET a = (SELECT max(x) FROM u) WHERE id < 5000;")).isEmpty();
    }

    @Test
    void eachRuleIsFiledWhereAReaderLooksForIt() throws Exception {
        Files.writeString(dir.resolve("V1__m.sql"), "SET lock_timeout = '1s';\nCREATE INDEX i ON t (a);\n"
                + "ALTER TABLE t ALTER COLUMN a SET NOT NULL;\nDROP INDEX j;");
        EngineSpec spec = EngineSpec.parse("postgres:16");
        Dialect d = Engines.dialect(spec);
        var result = new Linter(Linter.Options.of(spec), d).lint(new SqlMigrationSource(d.splitter()).read(List.of(dir.resolve("V1__m.sql"))));
        var categories = Linter.report(result, spec, "test", 0).categories();
        java.util.function.Function<Category, String> issue = c -> categories.get(c.ordinal()).issue();
        assertThat(issue.apply(Category.LOCK_CONTENTION)).contains("CREATE INDEX blocks writes").contains("(+1 more)");
        assertThat(issue.apply(Category.CONSTRAINT_VALIDATION)).contains("SET NOT NULL");
        assertThat(issue.apply(Category.INDEX_DEPENDENCIES)).contains("DROP INDEX");
    }

    @Test
    void whatRequestsALockThatBlocksTheApplication() throws Exception {
        assertThat(lint("postgres:16", "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;")).doesNotContain("missing-lock-timeout@V1__m.sql:1");
        assertThat(lint("postgres:16", "ALTER TABLE p DETACH PARTITION p1;")).contains("missing-lock-timeout@V1__m.sql:1");
        assertThat(lint("postgres:16", "ALTER DOMAIN positive ADD CONSTRAINT pos CHECK (VALUE > 0);"))
                .contains("missing-lock-timeout@V1__m.sql:1");
    }

    @Test
    void aByteOrderMarkIsNotSqlAndAPsqlMetaCommandIsRejectedWhereItStands() throws Exception {
        Files.writeString(dir.resolve("V1__bom.sql"), "\uFEFFALTER TABLE t DROP COLUMN c;\n");
        var d = Engines.dialect(EngineSpec.parse("postgres:16"));
        var migrations = new SqlMigrationSource(d.splitter()).read(List.of(dir.resolve("V1__bom.sql")));
        assertThat(new Linter(Linter.Options.of(EngineSpec.parse("postgres:16")), d).lint(migrations).counted())
                .extracting(f -> f.rule()).contains("drop-column");
        Files.writeString(dir.resolve("V2__psql.sql"), "SELECT 1;\n\\set ON_ERROR_STOP on\nALTER TABLE t DROP COLUMN c;\n");
        assertThatThrownBy(() -> new SqlMigrationSource(d.splitter()).read(List.of(dir.resolve("V2__psql.sql"))))
                .isInstanceOf(dev.rehearse.InvalidInputException.class)
                .hasMessageContaining("V2__psql.sql:2").hasMessageContaining("\\set");
    }

    @Test
    void lockTimeoutOnceSetCoversTheRestOfTheSet() throws Exception {
        assertThat(lint("postgres:16", "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;",
                "ALTER TABLE u ADD COLUMN a int;")).containsExactly("missing-lock-timeout@V1__m.sql:1", "missing-lock-timeout@V2__m.sql:1");
        assertThat(lint("postgres:16", "SET lock_timeout = '2s';", "ALTER TABLE t ADD COLUMN a int;")).isEmpty();
        assertThat(lint("postgres:16", "ALTER TABLE t VALIDATE CONSTRAINT c;")).isEmpty(); // SHARE UPDATE EXCLUSIVE
        EngineSpec pg = EngineSpec.parse("postgres:16");
        assertThat(lint("postgres:16", new Linter.Options(pg, Set.of(), true, null), "ALTER TABLE t ADD COLUMN a int;")).isEmpty();
    }

    @Test
    void backfillsAreBatchedIdempotentThrottledAndRecorded() throws Exception {
        assertThat(lint("postgres:16", "UPDATE t SET a = 0 WHERE a IS NULL;")).containsExactly("unbatched-backfill@V1__m.sql:1");
        assertThat(lint("postgres:16", "UPDATE t SET a = 0 WHERE id BETWEEN 1 AND 1000 AND a IS NULL;")).isEmpty();
        assertThat(lint("postgres:16", "UPDATE t SET n = n + 1 WHERE id < 1000;")).containsExactly("backfill-not-idempotent@V1__m.sql:1");
        assertThat(lint("postgres:16", "UPDATE t SET n = n + 1, done = true WHERE id < 1000 AND NOT done;")).isEmpty();
    }

    @Test
    void mysqlForeignKeyChecksOffMakesTheForeignKeyInPlace() throws Exception {
        String fk = "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES p (id);";
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\n" + fk)).containsExactly("mysql-add-foreign-key-copy@V1__m.sql:2");
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nSET foreign_key_checks = 0;\n" + fk)).isEmpty();
    }

    @Test
    void aStatementSuppressionCoversOnlyTheNextStatement() throws Exception {
        List<String> found = lint("postgres:16", "SET lock_timeout = '5s';\n-- rehearse:ignore drop-table archived in release 40\n"
                + "DROP TABLE a;\nDROP TABLE b;");
        assertThat(found).containsExactly("drop-table@V1__m.sql:4");
    }

    @Test
    void findingsCarryFileLineAndTheSameShapeAsRun() throws Exception {
        Files.writeString(dir.resolve("V1__m.sql"), "\n\nTRUNCATE audit;");
        EngineSpec spec = EngineSpec.parse("postgres:16");
        Dialect d = Engines.dialect(spec);
        Linter.Result r = new Linter(Linter.Options.of(spec), d).lint(new SqlMigrationSource(d.splitter()).read(List.of(dir)));
        Finding f = r.counted().stream().filter(x -> x.rule().equals("truncate")).findFirst().orElseThrow();
        assertThat(f.category()).isEqualTo(Category.DATA_LOSS);
        assertThat(f.statementIndex()).isEqualTo(1);
        assertThat(f.line()).isEqualTo(3);
        var report = Linter.report(r, spec, "test", 0.01);
        assertThat(report.categories()).hasSize(8);
        assertThat(report.verdict()).isEqualTo(Verdict.SAFE_WITH_MODIFICATIONS);
        assertThat(report.statements()).isEmpty();
        assertThat(report.seed()).isNull();
    }

    @Test
    void statingTheMysqlAlgorithmTurnsASilentCopyOrRebuildIntoARefusal() throws Exception {
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nALTER TABLE t MODIFY COLUMN c BIGINT NOT NULL;"))
                .containsExactly("mysql-modify-column-copy@V1__m.sql:2");
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nALTER TABLE t MODIFY COLUMN c BIGINT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;"))
                .isEmpty();
        EngineSpec old = EngineSpec.parse("mysql:8.0.28");
        Rule rule = Rules.byId("mysql-add-column-rebuild");
        String sql = "ALTER TABLE t ADD COLUMN n TEXT AFTER id, ALGORITHM=INSTANT";
        Rule.Claim claim = rule.claim().apply(old, new Rule.Words(sql, Engines.dialect(old).words(sql)));
        assertThat(claim.fails()).isTrue();
    }

    private static Rule.Words words(String engine, String sql) {
        return new Rule.Words(sql, Engines.dialect(EngineSpec.parse(engine)).words(sql));
    }

    private static Rule.Claim claimOf(String rule, String engine, String sql) {
        EngineSpec e = EngineSpec.parse(engine);
        return Rules.byId(rule).claim().apply(e, new Rule.Words(sql, Engines.dialect(e).words(sql)));
    }

    private static boolean matches(String rule, String engine, String sql) {
        EngineSpec e = EngineSpec.parse(engine);
        return Engines.dialect(e).rules().stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow()
                .matches().test(new Rule.Words(sql, Engines.dialect(e).words(sql)));
    }

    @Test
    void dropDatabaseIsDataLossOnEveryEngineAndDropSchemaIsItsSynonymOnMysql() throws Exception {
        assertThat(lint("postgres:16", "DROP DATABASE legacy;")).contains("drop-database@V1__m.sql:1");
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nDROP DATABASE IF EXISTS legacy;"))
                .contains("drop-database@V1__m.sql:2");
        assertThat(lint("mariadb:10.11", "SET lock_wait_timeout = 5;\nDROP SCHEMA legacy;")).contains("drop-database@V1__m.sql:2");
        // on PostgreSQL DROP SCHEMA is another statement (refused while the schema holds objects, unless CASCADE)
        assertThat(lint("postgres:16", "DROP SCHEMA legacy;")).doesNotContain("drop-database@V1__m.sql:1");
        assertThat(lint("postgres:16", "REVOKE CONNECT ON DATABASE legacy FROM PUBLIC;", "ALTER DATABASE legacy RENAME TO old;"))
                .isEmpty();
        assertThat(Rules.byId("drop-database").category()).isEqualTo(Category.DATA_LOSS);
        assertThat(Rules.byId("drop-database").claim()).isNull();
    }

    @Test
    void detachPartitionWithoutConcurrentlyTakesAccessExclusiveOnTheParent() throws Exception {
        String bad = "SET lock_timeout = '5s';\nALTER TABLE events DETACH PARTITION events_2023;";
        assertThat(lint("postgres:10", bad)).containsExactly("detach-partition-non-concurrent@V1__m.sql:2");
        assertThat(lint("postgres:16", bad)).containsExactly("detach-partition-non-concurrent@V1__m.sql:2");
        assertThat(claimOf("detach-partition-non-concurrent", "postgres:16", "ALTER TABLE events DETACH PARTITION events_2023"))
                .isEqualTo(new Rule.Claim("AccessExclusiveLock", dev.rehearse.dialect.LockMode.Blocks.READS_WRITES, false, false, false));
        assertThat(lint("postgres:16", "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;")).doesNotContain("detach-partition-non-concurrent@V1__m.sql:1");
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE events DETACH PARTITION events_2023 FINALIZE;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"))
                .doesNotContain("detach-partition-non-concurrent@V1__m.sql:2");
        String rewrite = Rules.byId("detach-partition-non-concurrent").rewrite()
                .apply(new Rule.Words("ALTER TABLE events DETACH PARTITION events_2023", List.of()));
        assertThat(rewrite).contains("DETACH PARTITION events_2023 CONCURRENTLY;").contains("PostgreSQL 10-13: there is no online form");
    }

    @Test
    void domainConstraintsCheckEveryColumnOfTheDomainUnlessNotValid() throws Exception {
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER DOMAIN amount ADD CONSTRAINT amount_nonneg CHECK (VALUE >= 0);"))
                .containsExactly("add-domain-constraint-validated@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER DOMAIN amount ADD CHECK (VALUE >= 0);"))
                .containsExactly("add-domain-constraint-validated@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER DOMAIN amount SET NOT NULL;")).containsExactly("add-domain-constraint-validated@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER DOMAIN amount ADD CONSTRAINT amount_nonneg CHECK (VALUE >= 0) NOT VALID;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER DOMAIN amount DROP CONSTRAINT amount_nonneg;", "ALTER DOMAIN amount DROP NOT NULL;",
                "ALTER DOMAIN amount SET DEFAULT 0;")).isEmpty();
        // unlike a table's, a domain's VALIDATE takes SHARE on the tables using it and scans them (measured on 10, 16, 18)
        String validate = "ALTER DOMAIN amount VALIDATE CONSTRAINT amount_nonneg;";
        assertThat(lint("postgres:10", "SET lock_timeout = '5s';\n" + validate)).containsExactly("add-domain-constraint-validated@V1__m.sql:2");
        assertThat(lint("postgres:18", "SET lock_timeout = '5s';\n" + validate)).containsExactly("add-domain-constraint-validated@V1__m.sql:2");
        // a table's CHECK is the other rule
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT c CHECK (n > 0);"))
                .containsExactly("add-check-validated@V1__m.sql:2");
    }

    @Test
    void loggedTablespaceAndAccessMethodSettingsRewriteTheTable() throws Exception {
        for (String form : List.of("SET LOGGED", "SET UNLOGGED", "SET TABLESPACE fast_ssd", "SET ACCESS METHOD heap")) {
            String sql = "SET lock_timeout = '5s';\nALTER TABLE accounts " + form + ";";
            assertThat(lint("postgres:16", sql)).as(form).containsExactly("table-rewrite-setting@V1__m.sql:2");
            assertThat(claimOf("table-rewrite-setting", "postgres:16", "ALTER TABLE accounts " + form))
                    .as(form).isEqualTo(new Rule.Claim("AccessExclusiveLock", dev.rehearse.dialect.LockMode.Blocks.READS_WRITES, true, false, false));
        }
        // SET TABLESPACE writes new storage whatever the rows: no exception for an empty table here
        assertThat(lint("postgres:10", "SET lock_timeout = '5s';\nALTER TABLE accounts SET TABLESPACE fast_ssd;"))
                .containsExactly("table-rewrite-setting@V1__m.sql:2");
        // SET ACCESS METHOD does not exist before PostgreSQL 15
        assertThat(lint("postgres:14", "SET lock_timeout = '5s';\nALTER TABLE accounts SET ACCESS METHOD heap;")).isEmpty();
        assertThat(lint("postgres:16", "CREATE TABLE scratch (id int);\nALTER TABLE scratch SET UNLOGGED;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE accounts SET (fillfactor = 70);",
                "SET lock_timeout = '5s';\nALTER TABLE accounts ALTER COLUMN n SET STATISTICS 500;",
                "SET lock_timeout = '5s';\nALTER TABLE accounts ALTER COLUMN n SET DEFAULT 0;")).isEmpty();
    }

    @Test
    void renameCoversEnumValuesAndSchemasButNotConstraints() throws Exception {
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TYPE account_status RENAME VALUE 'closed' TO 'archived';"))
                .containsExactly("rename@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER SCHEMA billing RENAME TO invoicing;"))
                .containsExactly("rename@V1__m.sql:2");
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TABLE t RENAME CONSTRAINT a TO b;")).isEmpty();
        assertThat(lint("postgres:16", "SET lock_timeout = '5s';\nALTER TYPE account_status ADD VALUE 'frozen';",
                "SET lock_timeout = '5s';\nALTER SCHEMA billing OWNER TO app;")).isEmpty();
        assertThat(Rules.byId("rename").rewrite().apply(new Rule.Words("ALTER TYPE s RENAME VALUE 'a' TO 'b'",
                List.of("ALTER", "TYPE", "S", "RENAME", "VALUE", "'a'", "TO", "'b'")))).contains("ADD VALUE");
    }

    @Test
    void mysqlStatedCopyOrBlockingLock() throws Exception {
        String copy = "ALTER TABLE t ADD INDEX i (c), ALGORITHM=COPY";
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\n" + copy + ";")).containsExactly("mysql-copy-or-blocking-lock@V1__m.sql:2");
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mysql:8.0", copy))
                .isEqualTo(new Rule.Claim("COPY", dev.rehearse.dialect.LockMode.Blocks.WRITES, true, false, false));
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mariadb:10.11", "ALTER TABLE t ADD INDEX i (c), LOCK=SHARED").blocks())
                .isEqualTo(dev.rehearse.dialect.LockMode.Blocks.WRITES);
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mysql:8.0", "ALTER TABLE t ADD INDEX i (c), ALGORITHM=INPLACE, LOCK=EXCLUSIVE"))
                .isEqualTo(new Rule.Claim("INPLACE, LOCK=EXCLUSIVE", dev.rehearse.dialect.LockMode.Blocks.READS_WRITES, false, false, false));
        // COPY with LOCK=NONE: MySQL and MariaDB before 11.2 refuse it; MariaDB 11.2+ copies online
        String online = "ALTER TABLE t MODIFY c BIGINT, ALGORITHM=COPY, LOCK=NONE";
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mysql:8.4", online).fails()).isTrue();
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mariadb:10.11", online).fails()).isTrue();
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mariadb:11.4", online))
                .isEqualTo(new Rule.Claim("COPY", dev.rehearse.dialect.LockMode.Blocks.NONE, true, false, false));
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nALTER TABLE t ADD INDEX i (c), ALGORITHM=INPLACE, LOCK=NONE;",
                "SET lock_wait_timeout = 5;\nALTER TABLE t ADD INDEX j (c), ALGORITHM=INPLACE, LOCK=DEFAULT;")).isEmpty();
        assertThat(Rules.byId("mysql-copy-or-blocking-lock").rewrite().apply(new Rule.Words(copy, List.of())))
                .startsWith("ALTER TABLE t ADD INDEX i (c), ALGORITHM=INPLACE, LOCK=NONE;");
        // CREATE INDEX takes the same options (Rails' add_index ... algorithm: :copy on MySQL), without commas
        String create = "CREATE INDEX `i` ON `t` (`c`) ALGORITHM = COPY";
        assertThat(lint("mariadb:10.11", "SET lock_wait_timeout = 5;\n" + create + ";",
                "SET lock_wait_timeout = 5;\nCREATE UNIQUE INDEX j ON t (c) LOCK=SHARED;"))
                .containsExactly("mysql-copy-or-blocking-lock@V1__m.sql:2", "mysql-copy-or-blocking-lock@V2__m.sql:2");
        assertThat(lint("mariadb:10.11", "SET lock_wait_timeout = 5;\nCREATE INDEX i ON t (c) ALGORITHM=INPLACE LOCK=NONE;",
                "SET lock_wait_timeout = 5;\nCREATE TABLE u (id INT, INDEX lock_idx (id)) ENGINE=InnoDB;")).isEmpty();
        assertThat(claimOf("mysql-copy-or-blocking-lock", "mariadb:10.11", create))
                .isEqualTo(new Rule.Claim("COPY", dev.rehearse.dialect.LockMode.Blocks.WRITES, true, false, false));
        dev.rehearse.dialect.Rewrite plan = ((dev.rehearse.dialect.Rewrite.Mechanical) Rules.byId("mysql-copy-or-blocking-lock")
                .rewrite()).plan(words("mariadb:10.11", create));
        assertThat(plan.steps()).singleElement().satisfies(st -> {
            assertThat(st.up()).singleElement().extracting(dev.rehearse.dialect.Rewrite.Statement::sql)
                    .isEqualTo("CREATE INDEX `i` ON `t` (`c`) ALGORITHM=INPLACE LOCK=NONE");
            assertThat(st.down()).containsExactly("DROP INDEX `i` ON `t`");
        });
    }

    @Test
    void mysqlExpressionDefaultsChecksAndStoredColumnsCopyTheTable() throws Exception {
        String expr = "SET lock_wait_timeout = 5;\nALTER TABLE t ADD COLUMN d DATE DEFAULT (CURRENT_DATE + INTERVAL 1 YEAR);";
        assertThat(lint("mysql:8.0", expr)).containsExactly("mysql-add-column-expression-default@V1__m.sql:2");
        assertThat(lint("mariadb:10.11", "SET lock_wait_timeout = 5;\nALTER TABLE t ADD COLUMN u CHAR(36) DEFAULT UUID();"))
                .containsExactly("mysql-add-column-expression-default@V1__m.sql:2");
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nALTER TABLE t ADD COLUMN n INT DEFAULT 0;",
                "SET lock_wait_timeout = 5;\nALTER TABLE t ADD COLUMN at TIMESTAMP DEFAULT CURRENT_TIMESTAMP(6);",
                "SET lock_wait_timeout = 5;\nALTER TABLE t ALTER COLUMN n SET DEFAULT (n + 1);")).isEmpty();
        // stated INSTANT: refused (error 1845) instead of copying
        assertThat(claimOf("mysql-add-column-expression-default", "mysql:8.0",
                "ALTER TABLE t ADD COLUMN d DATE DEFAULT (CURRENT_DATE), ALGORITHM=INSTANT").fails()).isTrue();

        String check = "SET lock_wait_timeout = 5;\nALTER TABLE t ADD CONSTRAINT t_n CHECK (n >= 0);";
        assertThat(lint("mysql:8.0", check)).containsExactly("mysql-add-check-validates@V1__m.sql:2");
        assertThat(lint("mariadb:10.11", "SET lock_wait_timeout = 5;\nALTER TABLE t ADD CHECK (n >= 0);"))
                .containsExactly("mysql-add-check-validates@V1__m.sql:2");
        assertThat(claimOf("mysql-add-check-validates", "mysql:8.0", "ALTER TABLE t ADD CHECK (n >= 0)"))
                .isEqualTo(new Rule.Claim("COPY", dev.rehearse.dialect.LockMode.Blocks.WRITES, true, true, false));
        // MySQL before 8.0.16 parses CHECK and ignores it
        assertThat(lint("mysql:8.0.15", check)).isEmpty();
        assertThat(lint("mysql:8.0", "SET lock_wait_timeout = 5;\nALTER TABLE t ADD CONSTRAINT t_n CHECK (n >= 0) NOT ENFORCED;",
                "SET lock_wait_timeout = 5;\nALTER TABLE t DROP CHECK t_n;")).isEmpty();

        String stored = "SET lock_wait_timeout = 5;\nALTER TABLE t ADD COLUMN d VARCHAR(255) AS (LOWER(email)) STORED;";
        assertThat(lint("mysql:8.0", stored)).containsExactly("mysql-add-stored-generated-column@V1__m.sql:2");
        assertThat(lint("mariadb:10.11", stored.replace("STORED", "PERSISTENT")))
                .containsExactly("mysql-add-stored-generated-column@V1__m.sql:2");
        assertThat(lint("mysql:8.0", stored.replace("STORED", "VIRTUAL"))).isEmpty();
        assertThat(matches("mysql-add-stored-generated-column", "mysql:8.0", "ALTER TABLE t ADD INDEX i (c)")).isFalse();
    }

    @Test
    void aSourcesProblemsAreFindingsAtTheirLines() {
        EngineSpec spec = EngineSpec.parse("postgres:16");
        Dialect d = Engines.dialect(spec);
        var statement = new dev.rehearse.migrate.SqlStatement("ALTER TABLE orders ADD COLUMN note text", 4,
                dev.rehearse.migrate.SqlStatement.Kind.TRANSACTIONAL);
        var m = new dev.rehearse.migrate.Migration("20240101_add.rb", Path.of("20240101_add.rb"), "20240101",
                List.of(new dev.rehearse.migrate.Migration.Unit(List.of(statement),
                        dev.rehearse.migrate.TransactionMode.TRANSACTION)), null, List.of(),
                List.of(new dev.rehearse.migrate.Migration.Problem(7, "cannot translate add_hypertable", false),
                        new dev.rehearse.migrate.Migration.Problem(null, "mixes transactional and non-transactional"
                                + " statements", true)));
        var found = new Linter(Linter.Options.of(spec), d).lint(List.of(m)).counted();
        assertThat(found).extracting(f -> f.rule() + "@" + f.line() + ":" + f.status())
                .contains("untranslated@7:FLAG", "migration-refused@null:BLOCK");
        assertThat(found).filteredOn(f -> f.rule().equals("untranslated")).first()
                .satisfies(f -> assertThat(f.message()).contains("20240101_add.rb:7", "add_hypertable"));
    }

    @Test
    void aBeginThatTheFileNeverEndsIsAFinding() throws Exception {
        assertThat(lint("postgres:16", "BEGIN;\nALTER TABLE t ADD COLUMN c int;\n"))
                .contains("unterminated-transaction@V1__m.sql:1");
        assertThat(lint("postgres:16", "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;\n"))
                .doesNotContain("unterminated-transaction@V1__m.sql:1");
        assertThat(lint("postgres:16", "BEGIN;\nSAVEPOINT a;\nROLLBACK TO SAVEPOINT a;\n"))
                .contains("unterminated-transaction@V1__m.sql:1");
    }
}
