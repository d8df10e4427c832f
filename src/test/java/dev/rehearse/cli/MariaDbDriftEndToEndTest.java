package dev.rehearse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.TestMatrix;
import dev.rehearse.engine.mysql.mariadb.EmbeddedMariaDbProvisioner;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rehearse drift} on MariaDB: a dbmate history, a "production" built from it as dbmate does (each up block,
 * then its version in {@code schema_migrations}); untouched it has no drift; an extra index, a dropped column and a
 * changed default are reported exactly; a production one migration behind says which.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbDriftEndToEndTest {

    static List<String> versions() {
        return TestMatrix.versions(List.of("10.11", "11.4"), List.of("11.4"));
    }

    private final Map<String, Database> servers = new ConcurrentHashMap<>();

    private Database server(String version) {
        return servers.computeIfAbsent(version, v -> new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:" + v)));
    }

    @AfterAll
    void stop() {
        servers.values().forEach(Database::close);
    }

    private static final List<String> UPS = List.of(
            "CREATE TABLE users (id bigint AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL, nickname varchar(50),"
                    + " UNIQUE KEY users_email (email))",
            "CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY, user_id bigint NOT NULL,"
                    + " status varchar(20) NOT NULL DEFAULT 'new', amount decimal(12,2) NOT NULL,"
                    + " FOREIGN KEY (user_id) REFERENCES users (id), CHECK (amount > 0))",
            "CREATE TABLE order_notes (id bigint AUTO_INCREMENT PRIMARY KEY, order_id bigint NOT NULL, body text,"
                    + " KEY order_notes_order (order_id))");

    private static Path history(Path dir) throws Exception {
        Path h = Files.createDirectories(dir.resolve("db/migrations"));
        for (int i = 0; i < UPS.size(); i++) {
            Files.writeString(h.resolve("2025010" + (i + 1) + "000000_m" + (i + 1) + ".sql"),
                    "-- migrate:up\n" + UPS.get(i) + ";\n\n-- migrate:down\nSELECT 1;\n");
        }
        return h;
    }

    /** A database built as dbmate builds it: each up, then its version recorded. */
    private static String production(Database server, String name, int applied) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        String url = server.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        List<String> statements = new ArrayList<>(List.of("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)"));
        for (int i = 0; i < applied; i++) {
            statements.add(UPS.get(i));
            statements.add("INSERT INTO schema_migrations VALUES ('2025010" + (i + 1) + "000000')");
        }
        sql(server, url, statements.toArray(String[]::new));
        return url;
    }

    private static void sql(Database server, String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password()); Statement s = c.createStatement()) {
            for (String st : statements) s.execute(st);
        }
    }

    private static JsonNode drift(Database server, String url, Path history, Path out, int expected) throws Exception {
        List<String> args = new ArrayList<>(List.of("drift", "--url", url, "--user", server.user(), "--migrations",
                history.toString(), "--format", "dbmate", "--out", out.toString()));
        if (server.password() != null) {
            args.addAll(List.of("--password-file", Files.writeString(out.resolveSibling(out.getFileName() + ".pw"),
                    server.password()).toString()));
        }
        CliTest.Outcome r = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(expected);
        return new ObjectMapper().readTree(out.resolve("drift.json").toFile());
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @MethodSource("versions")
    void handMadeDriftIsReportedExactly(String version, @TempDir Path dir) throws Exception {
        Database server = server(version);
        Path history = history(dir);
        String url = production(server, "prod", UPS.size());

        JsonNode clean = drift(server, url, history, dir.resolve("clean"), Main.OK);
        assertThat(DriftEndToEndTest.differences(clean)).isEmpty();
        assertThat(clean.at("/migrations/tool").asText()).isEqualTo("dbmate");
        assertThat(clean.at("/migrations/applied")).hasSize(3);
        assertThat(clean.at("/target/engine").asText()).isEqualTo("mariadb");

        sql(server, url, "CREATE INDEX orders_status_hotfix ON orders (status)",
                "ALTER TABLE users DROP COLUMN nickname",
                "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending'");
        assertThat(DriftEndToEndTest.differences(drift(server, url, history, dir.resolve("drifted"), Main.VERDICT))).containsExactlyInAnyOrder(
                "only-in-production index orders.orders_status_hotfix",
                "only-in-history column users.nickname",
                "different column orders.status [default 'pending' / 'new']");

        String behind = production(server, "behind", 2);
        JsonNode late = drift(server, behind, history, dir.resolve("behind"), Main.VERDICT);
        assertThat(late.at("/migrations/notApplied").toString()).isEqualTo("[\"20250103000000\"]");
        assertThat(DriftEndToEndTest.differences(late)).containsExactly("only-in-history table order_notes");
    }

    @ParameterizedTest(name = "MariaDB {0}")
    @MethodSource("versions")
    void runFromProductionRehearsesTheMigrationProductionHasNotApplied(String version, @TempDir Path dir) throws Exception {
        Database server = server(version);
        Path history = history(dir);
        String url = production(server, "live", 2);
        sql(server, url, "INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com')",
                "INSERT INTO orders (user_id, amount) VALUES (1, 10), (2, 20)", "ANALYZE TABLE users, orders");
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", "--from-production", url, "--production-user", server.user(),
                "--migrations", history.toString(), "--format", "dbmate", "--rows", "users=1000", "--rows", "orders=2000",
                "--no-load", "--report", "json", "--out", out.toString()));
        if (server.password() != null) {
            args.addAll(List.of("--production-password-file", Files.writeString(dir.resolve("pw"), server.password()).toString()));
        }
        CliTest.Outcome r = CliTest.rehearse(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isIn(Main.OK, Main.VERDICT);
        assertThat(r.err()).contains("dbmate's schema_migrations lists 2 applied migrations",
                "no statistics read; tables are seeded as the scenario or --rows say");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/engine/kind").asText()).isEqualTo("mariadb");
        assertThat(report.get("statements")).isNotEmpty().allSatisfy(st -> {
            assertThat(st.get("migration").asText()).contains("20250103000000");
            assertThat(st.get("error").isNull()).isTrue();
        });
        assertThat(Files.readString(out.resolve("production-schema.sql"))).contains("CREATE TABLE `orders`")
                .doesNotContain("schema_migrations", "order_notes");
    }
}
