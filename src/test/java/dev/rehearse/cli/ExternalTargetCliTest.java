package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.engine.postgres.EmbeddedPostgresProvisioner;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --provider external} against databases of one real PostgreSQL the test starts as the user's server: a
 * database named like production is refused before anything is written, a copy that says so (marker table, name
 * pattern) or the user's waiver lets the run write, the run lists what it left, and {@code --rollback} leaves the copy's
 * catalog and rows exactly as they were.
 */
class ExternalTargetCliTest {

    static Database server;

    @BeforeAll
    static void start() throws Exception {
        server = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"));
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String db : List.of("prod", "prod_copy", "shop_rehearsal")) s.execute("CREATE DATABASE " + db);
        }
        for (String db : List.of("prod", "prod_copy", "shop_rehearsal")) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL, status text)");
                s.execute("INSERT INTO orders SELECT g, g % 7, 'open' FROM generate_series(1, 20000) g");
                s.execute("CREATE INDEX orders_status ON orders (status)");
                if (db.equals("prod_copy")) s.execute("CREATE TABLE rehearse_target (note text)");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static String url(String db) {
        return server.jdbcUrl().replaceFirst("/postgres$", "/" + db);
    }

    static Connection connect(String db) throws Exception {
        return DriverManager.getConnection(url(db), "postgres", null);
    }

    private static Path migration(Path dir, String name, String sql) throws Exception {
        Path m = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(m.resolve(name), sql);
        return m;
    }

    private static List<String> args(String db, Path dir, String... more) {
        List<String> a = new ArrayList<>(List.of("run", "--provider", "external", "--url", url(db), "--user", "postgres",
                "--allow-writes", "--migrations", dir.resolve("migrations").toString(), "--no-load",
                "--report", "json", "--out", dir.resolve("out").toString()));
        a.addAll(List.of(more));
        return a;
    }

    private static boolean hasColumn(String db, String table, String column) throws Exception {
        try (Connection c = connect(db); ResultSet rs = c.getMetaData().getColumns(null, "public", table, column)) {
            return rs.next();
        }
    }

    @Test
    void aDatabaseThatDoesNotSayItIsACopyIsRefusedInOneLineBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        migration(dir, "V1__note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
        CliTest.Outcome r = CliTest.rehearse(args("prod", dir).toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(Main.INVALID_INPUT);
        List<String> refusal = r.err().lines().filter(l -> l.contains("refusing")).toList();
        assertThat(refusal).singleElement().asString()
                .startsWith("rehearse: --provider external: refusing to write to " + url("prod") + ": database 'prod'")
                .contains("--i-understand-this-is-not-production");
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
        assertThat(hasColumn("prod", "orders", "note")).isFalse();
        assertThat(dir.resolve("out/report.json")).doesNotExist();
    }

    @Test
    void theWaiverLetsItWriteAndTheRunSaysWhatItLeftAndHowToRemoveIt(@TempDir Path dir) throws Exception {
        migration(dir, "V1__audit.sql", "ALTER TABLE orders ADD COLUMN audit_note text;\n"
                + "CREATE TABLE audit_log (id bigint PRIMARY KEY, order_id bigint);\n");
        try {
            CliTest.Outcome r = CliTest.rehearse(args("prod", dir, "--i-understand-this-is-not-production").toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(hasColumn("prod", "orders", "audit_note")).isTrue();
            assertThat(r.err()).contains("external: left on " + url("prod"))
                    .contains("tables created: public.audit_log")
                    .contains("columns added to tables that were there: public.orders.audit_note")
                    .contains("to remove them: DROP TABLE public.audit_log; ALTER TABLE public.orders DROP COLUMN audit_note;");
            // the printed statements remove exactly what was left
            String remove = r.err().lines().filter(l -> l.contains("to remove them: ")).findFirst().orElseThrow();
            try (Connection c = connect("prod"); Statement s = c.createStatement()) {
                s.execute(remove.substring(remove.indexOf("to remove them: ") + "to remove them: ".length()));
            }
            assertThat(hasColumn("prod", "orders", "audit_note")).isFalse();
            assertThat(hasColumn("prod", "audit_log", "id")).isFalse();
        } finally {
            try (Connection c = connect("prod"); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS audit_log");
                s.execute("ALTER TABLE orders DROP COLUMN IF EXISTS audit_note");
            }
        }
    }

    @Test
    void aCopyMarkedByItsTableOrItsNameIsRehearsedAndSeededTablesAreListed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE seeded_accounts (id bigint PRIMARY KEY, code text);\n");
        migration(dir, "V1__idx.sql", "CREATE INDEX CONCURRENTLY seeded_accounts_code ON seeded_accounts (code);\n");
        CliTest.Outcome marked = CliTest.rehearse(args("prod_copy", dir, "--schema", dir.resolve("schema.sql").toString(),
                "--rows", "seeded_accounts=300").toArray(String[]::new));
        assertThat(marked.code()).as(marked.err()).isZero();
        assertThat(marked.err()).contains("rows seeded: public.seeded_accounts (300)")
                .contains("tables created: public.seeded_accounts").contains("DROP TABLE public.seeded_accounts;");

        // by name, from the scenario: the pattern matches the whole database name
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), """
                engine: postgres:16
                external: { url: "%s", user: postgres, allow_writes: true, database_pattern: ".*_rehearsal" }
                schema: %s
                data: { tables: { seeded_accounts: 300 } }
                load: { enabled: false }
                migrations: { path: %s }
                """.formatted(url("shop_rehearsal"), dir.resolve("schema.sql"), dir.resolve("migrations")));
        CliTest.Outcome named = CliTest.rehearse("run", scenario.toString(), "--report", "json", "--out",
                dir.resolve("out2").toString());
        assertThat(named.code()).as(named.err()).isZero();
        CliTest.Outcome notMatching = CliTest.rehearse("run", scenario.toString(), "--database-pattern", "shop",
                "--report", "json", "--out", dir.resolve("out3").toString());
        assertThat(notMatching.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(notMatching.err()).contains("its name does not match shop");
        for (String db : List.of("prod_copy", "shop_rehearsal")) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("DROP TABLE seeded_accounts");
            }
        }
    }

    /** Relations, columns, indexes and constraints as the catalog holds them, and the rows' content. */
    private static List<String> state(String db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT c.relname || ':' || c.relkind::text || ':' || c.relfilenode FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1")) {
                while (rs.next()) out.add("relation " + rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT table_name || '.' || column_name || ' ' || data_type || ' '"
                    + " || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns"
                    + " WHERE table_schema = 'public' ORDER BY 1")) {
                while (rs.next()) out.add("column " + rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE connamespace = 'public'::regnamespace ORDER BY 1")) {
                while (rs.next()) out.add("constraint " + rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) || ' ' || md5(string_agg(id || ',' || qty || ',' || status,"
                    + " ';' ORDER BY id)) FROM orders")) {
                rs.next();
                out.add("orders " + rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void rollbackLeavesTheCopysCatalogAndRowsExactlyAsTheyWereWhileTheWorkloadQueuesBehindItsLocks(@TempDir Path dir)
            throws Exception {
        Path m = migration(dir, "V1__shipping.sql", """
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                UPDATE orders SET qty = qty + 1 WHERE id <= 5000;
                CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
                """);
        Files.writeString(m.resolve("V2__status.sql"), """
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                CREATE INDEX orders_qty ON orders (qty);
                DELETE FROM orders WHERE id > 19000;
                """);
        List<String> before = state("prod_copy");
        List<String> a = args("prod_copy", dir, "--rollback", "--rows", "orders=0", "--from", "0");
        a.remove("--no-load");
        Path scenario = Files.writeString(dir.resolve("load.yaml"),
                "load: { clients: 2, rate: 40, baseline_seconds: 1, cooldown_seconds: 0.5 }\n");
        a.add(1, scenario.toString());
        CliTest.Outcome r = CliTest.rehearse(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isIn(Main.OK, Main.VERDICT);
        assertThat(state("prod_copy")).isEqualTo(before);
        assertThat(r.err()).contains("seed: --rollback: nothing seeded; the workload runs on orders as the copy holds them")
                .contains("2 migrations in one transaction")
                .contains("the migrations' transaction was rolled back")
                .contains("external: --rollback: nothing left on " + url("prod_copy"));
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.get("statements")).hasSize(6);
        for (JsonNode s : report.get("statements")) {
            assertThat(s.get("error").isNull()).as(s.toString()).isTrue();
            assertThat(s.get("inTransaction").asBoolean()).isTrue();
        }
        // the workload, in its own sessions, ran on the copy's rows and waited behind the transaction's locks
        assertThat(report.at("/load/queries").asLong()).isPositive();
        JsonNode first = report.get("statements").get(0);
        assertThat(first.get("locks").findValuesAsText("mode")).contains("AccessExclusiveLock");
    }

    /** The transaction is the server's to end: a tool killed mid-migration leaves the copy as it was too. */
    @Test
    void rollbackLeavesTheCopyAsItWasWhenTheToolIsKilledMidMigration(@TempDir Path dir) throws Exception {
        migration(dir, "V1__slow.sql", "ALTER TABLE orders ADD COLUMN killed_note text;\nSELECT pg_sleep(4);\n");
        List<String> before = state("prod_copy");
        Process tool = InterruptMatrixTest.tool(args("prod_copy", dir, "--rollback").toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // the migration's transaction holds its lock: the ALTER ran, uncommitted
            boolean held = false;
            for (int i = 0; i < 600 && !held && tool.isAlive(); i++) {
                try (Connection c = connect("prod_copy"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE relation = 'orders'::regclass"
                             + " AND mode = 'AccessExclusiveLock' AND granted")) {
                    rs.next();
                    held = rs.getInt(1) > 0;
                }
                if (!held) Thread.sleep(50);
            }
            assertThat(held).as("the migration held its lock before the kill").isTrue();
            tool.destroyForcibly().waitFor();
        } finally {
            tool.destroyForcibly();
        }
        // the server ends the dead client's transaction when the sleep returns and it cannot answer
        for (int i = 0; i < 200; i++) {
            try (Connection c = connect("prod_copy"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = 'prod_copy'"
                         + " AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) == 0) break;
            }
            Thread.sleep(100);
        }
        assertThat(state("prod_copy")).isEqualTo(before);
    }

    @Test
    void rollbackRefusesWhatItCouldNotRollBackBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        migration(dir, "V1__idx.sql", "SELECT 1;\n\nCREATE INDEX CONCURRENTLY orders_qty ON orders (qty);\n");
        CliTest.Outcome concurrently = CliTest.rehearse(args("prod_copy", dir, "--rollback").toArray(String[]::new));
        assertThat(concurrently.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(concurrently.err()).contains("V1__idx.sql:3: --rollback: this statement cannot run inside the"
                + " transaction rehearse rolls back (CREATE INDEX CONCURRENTLY)");
        assertThat(concurrently.err()).doesNotContain("provision:");

        migration(dir, "V1__idx.sql", "CREATE INDEX orders_qty ON orders (qty);\n");
        CliTest.Outcome seeded = CliTest.rehearse(args("prod_copy", dir, "--rollback", "--rows", "orders=100").toArray(String[]::new));
        assertThat(seeded.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(seeded.err()).contains("--rollback seeds nothing").contains("orders=0");

        CliTest.Outcome embedded = CliTest.rehearse("run", "--rollback", "--migrations", dir.resolve("migrations").toString());
        assertThat(embedded.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(embedded.err()).contains("--rollback is for --provider external");

        // MariaDB's DDL commits implicitly: refused before the server is reached (nothing listens on this port)
        CliTest.Outcome mariadb = CliTest.rehearse("run", "--engine", "mariadb:10.11", "--provider", "external",
                "--url", "jdbc:mariadb://127.0.0.1:1/shop_copy", "--allow-writes", "--rollback",
                "--migrations", dir.resolve("migrations").toString());
        assertThat(mariadb.code()).isEqualTo(Main.INVALID_INPUT);
        assertThat(mariadb.err().lines().filter(l -> l.startsWith("rehearse: ")).toList()).singleElement().asString()
                .contains("--rollback: mariadb commits DDL implicitly").contains("cannot be rolled back");
    }
}
