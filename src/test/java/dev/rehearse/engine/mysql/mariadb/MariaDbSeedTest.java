package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlSchemaReader;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.seed.SeedResult;
import dev.rehearse.seed.Seeder;
import dev.rehearse.seed.TableSeed;
import dev.rehearse.InvalidInputException;
import dev.rehearse.seed.ConstraintViolation;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.TableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed stage on a real MariaDB: the generators through LOAD DATA LOCAL INFILE, parents first, secondary indexes
 * and foreign keys deferred to after the load and rebuilt exactly, CHECKs read so that generated rows satisfy them.
 */
class MariaDbSeedTest {

    private static final String SCHEMA = """
            CREATE TABLE customers (
              id bigint AUTO_INCREMENT PRIMARY KEY,
              email varchar(80) NOT NULL UNIQUE,
              name text NOT NULL,
              vip boolean NOT NULL DEFAULT false,
              birthday date,
              created_at datetime NOT NULL,
              settings json,
              photo blob,
              status enum('new', 'active', 'gone') NOT NULL
            );
            CREATE TABLE orders (
              id bigint PRIMARY KEY,
              customer_id bigint NOT NULL,
              total decimal(10,2) NOT NULL,
              weight double,
              note varchar(30),
              placed_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
              CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
              KEY orders_placed (placed_at)
            );
            """;

    @Test
    void seedsTypesAndKeysThroughLoadDataAndAnalyzes() throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String stmt : SCHEMA.split(";")) if (!stmt.isBlank()) s.execute(stmt);
            }
            Map<String, TableData> request = new LinkedHashMap<>();
            request.put("orders", new TableData(50_000, null));
            request.put("customers", new TableData(5_000, null));
            List<String> progress = new ArrayList<>();
            long t0 = System.nanoTime();
            SeedResult result = new Seeder(MariaDbEngine.seedEngine()).seed(db, request, 42, progress::add);
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.forEach(System.out::println);
            System.err.printf("seeded 55000 rows in %.2f s: %.0f rows/s%n", seconds, 55_000 / seconds);

            Map<String, Long> rows = new LinkedHashMap<>();
            for (TableSeed t : result.tables()) rows.put(t.table(), t.rows());
            assertThat(rows).containsExactly(Map.entry("rehearse.customers", 5_000L), Map.entry("rehearse.orders", 50_000L));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM customers")).isEqualTo(5_000);
                assertThat(count(s, "SELECT count(*) FROM orders")).isEqualTo(50_000);
                // Every order's customer exists: the keys were drawn from the parent, the FK was not checked.
                assertThat(count(s, "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                        + " WHERE c.id IS NULL")).isZero();
                assertThat(count(s, "SELECT count(DISTINCT email) FROM customers")).isEqualTo(5_000);
                assertThat(count(s, "SELECT count(*) FROM customers WHERE vip NOT IN (0, 1)")).isZero();
                assertThat(count(s, "SELECT count(*) FROM customers WHERE settings IS NOT NULL AND NOT json_valid(settings)")).isZero();
                // ANALYZE TABLE ran: InnoDB's persistent statistics know the rows.
                assertThat(count(s, "SELECT n_rows FROM mysql.innodb_table_stats WHERE database_name = 'rehearse'"
                        + " AND table_name = 'orders'")).isGreaterThan(40_000);
            }
        }
    }

    /** Every kind of secondary index and foreign key the server prints, and a table outside the seed pointing in. */
    private static final String KEYS = """
            CREATE TABLE accounts (
              id int AUTO_INCREMENT PRIMARY KEY,
              code varchar(40) NOT NULL,
              region char(2) NOT NULL,
              name varchar(100) NOT NULL,
              bio text,
              parent_id int,
              UNIQUE KEY accounts_code (code),
              UNIQUE KEY accounts_name_region (name, region),
              KEY accounts_name_prefix (name(8)),
              KEY accounts_region_desc (region DESC, id) COMMENT 'newest first\nper region',
              KEY accounts_parent (parent_id) USING BTREE,
              FULLTEXT KEY accounts_bio (bio),
              CONSTRAINT accounts_parent_fk FOREIGN KEY (parent_id) REFERENCES accounts (id) ON DELETE SET NULL
            ) DEFAULT CHARSET = utf8mb4;
            CREATE TABLE transfers (
              id bigint PRIMARY KEY,
              account_code varchar(40) NOT NULL,
              account_id int NOT NULL,
              amount decimal(12,2) NOT NULL,
              at datetime NOT NULL,
              memo varchar(200),
              KEY transfers_account_at (account_id, at),
              KEY transfers_memo (memo(20)),
              CONSTRAINT transfers_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
              CONSTRAINT transfers_code_fk FOREIGN KEY (account_code) REFERENCES accounts (code)
            ) DEFAULT CHARSET = utf8mb4;
            CREATE TABLE audit (
              id int AUTO_INCREMENT PRIMARY KEY,
              account_id int,
              KEY audit_account (account_id),
              CONSTRAINT audit_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
            )
            """;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:10.11", "mariadb:11.4"})
    void secondaryIndexesAndForeignKeysAreRebuiltExactlyAfterTheLoad(String engine) throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse(engine))) {
            apply(db, KEYS);
            Map<String, String> before = showCreate(db, "accounts", "transfers", "audit");
            Map<String, TableData> request = new LinkedHashMap<>();
            request.put("accounts", new TableData(20_000, null));
            request.put("transfers", new TableData(60_000, null));
            List<String> progress = new ArrayList<>();
            long start = System.currentTimeMillis() / 1000 * 1000;
            new Seeder(MariaDbEngine.seedEngine()).seed(db, request, 7, progress::add);
            progress.forEach(System.out::println);

            assertThat(progress).contains("seed: 9 secondary indexes and 4 foreign keys dropped for the load, rebuilt after it");
            // The same definitions, names, order and options: SHOW CREATE TABLE reads as before (but the counter).
            assertThat(showCreate(db, "accounts", "transfers", "audit")).isEqualTo(before);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM transfers t LEFT JOIN accounts a ON a.id = t.account_id"
                        + " WHERE a.id IS NULL")).isZero();
                assertThat(count(s, "SELECT count(*) FROM transfers t LEFT JOIN accounts a ON a.code = t.account_code"
                        + " WHERE a.code IS NULL")).isZero();
                assertThat(count(s, "SELECT count(*) FROM accounts c JOIN accounts p ON p.id = c.parent_id")).isEqualTo(
                        count(s, "SELECT count(parent_id) FROM accounts"));
                // The rebuilt keys are enforced again: a duplicate code and an orphan transfer are refused.
                assertThatThrownBy(() -> s.execute("INSERT INTO accounts (code, region, name) SELECT code, 'zz', 'x' FROM accounts LIMIT 1"))
                        .hasMessageContaining("Duplicate entry");
                assertThatThrownBy(() -> s.execute("INSERT INTO transfers VALUES (-1, 'nope', -1, 1, NOW(), NULL)"))
                        .hasMessageContaining("foreign key constraint fails");
                // ANALYZE TABLE after the rebuild: InnoDB's persistent statistics know the rows and the rebuilt indexes.
                assertThat(count(s, "SELECT n_rows FROM mysql.innodb_table_stats WHERE database_name = 'rehearse'"
                        + " AND table_name = 'transfers'")).isGreaterThan(50_000);
                assertThat(count(s, "SELECT stat_value FROM mysql.innodb_index_stats WHERE database_name = 'rehearse'"
                        + " AND table_name = 'accounts' AND index_name = 'accounts_code' AND stat_name = 'n_diff_pfx01'"))
                        .isGreaterThan(15_000);
                assertThat(count(s, "SELECT count(*) FROM mysql.innodb_index_stats WHERE database_name = 'rehearse'"
                        + " AND table_name = 'transfers' AND index_name = 'transfers_account_at'"
                        + " AND last_update >= FROM_UNIXTIME(" + start / 1000 + ")")).isPositive();
                // The planner uses the rebuilt index.
                try (ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM transfers WHERE account_id = 5")) {
                    rs.next();
                    assertThat(rs.getString("key")).isIn("transfers_account_at", "transfers_account_fk");
                }
            }
        }
    }

    @Test
    void aRowWithoutItsParentFailsTheForeignKeyRebuildNamingTheKey() throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            apply(db, KEYS);
            Map<String, String> before = showCreate(db, "accounts", "transfers", "audit");
            try (Connection c = db.connect()) {
                List<TableModel> tables = new MySqlSchemaReader().read(c).stream()
                        .filter(t -> !t.name().equals("audit")).toList();
                MariaDbDeferredBuild deferred = MariaDbDeferredBuild.drop(c, tables);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO accounts (id, code, region, name) VALUES (1, 'a', 'de', 'A')");
                    s.execute("INSERT INTO transfers VALUES (1, 'a', 1, 10, NOW(), NULL), (2, 'a', 99, 10, NOW(), NULL)");
                }
                for (TableModel t : tables) deferred.rebuild(db, t);
                assertThatThrownBy(() -> deferred.rebuildForeignKeys(c))
                        .isInstanceOfSatisfying(ConstraintViolation.class,
                                v -> assertThat(v.constraint()).isEqualTo("transfers_account_fk"));
                deferred.restore(c);
            }
            // Even after a failure the schema is put back as it was.
            assertThat(showCreate(db, "accounts", "transfers", "audit")).isEqualTo(before);
        }
    }

    /** Real CHECKs of each form the reader knows; the server enforces them, so a loaded row satisfied them all. */
    private static final String CHECKS = """
            CREATE TABLE readings (
              id bigint unsigned AUTO_INCREMENT PRIMARY KEY,
              priority tinyint NOT NULL,
              flags tinyint unsigned NOT NULL,
              counter mediumint,
              sensor varchar(20) NOT NULL CHECK (sensor IN ('north', 'south', 'it''s east')),
              level int NOT NULL CHECK (level BETWEEN 10 AND 20),
              ratio decimal(5,2) CHECK (ratio >= -1.5 AND ratio < 1.5),
              code varchar(12) CHECK (CHAR_LENGTH(code) >= 6),
              tag varchar(30) CHECK (LENGTH(tag) <= 4),
              grade int CHECK (grade <> 3 AND grade NOT IN (4, 5) AND grade > 0 AND grade <= 7),
              taken date NOT NULL CHECK (taken >= '2024-01-01'),
              note varchar(50) CHECK (note IS NOT NULL),
              low int, high int,
              CONSTRAINT readings_low CHECK (low IS NULL OR low > 100),
              CONSTRAINT readings_order CHECK (10 < high)
            ) DEFAULT CHARSET = utf8mb4
            """;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:10.11", "mariadb:11.4"})
    void generatedRowsSatisfyRealCheckConstraints(String engine) throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse(engine))) {
            apply(db, CHECKS);
            new Seeder(MariaDbEngine.seedEngine()).seed(db, Map.of("readings", new TableData(20_000, null)), 3, m -> { });
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM readings")).isEqualTo(20_000);
                // Rows spread over what the checks allow rather than one corner of it.
                assertThat(count(s, "SELECT count(DISTINCT sensor) FROM readings")).isEqualTo(3);
                assertThat(count(s, "SELECT count(DISTINCT level) FROM readings")).isGreaterThan(5);
                assertThat(count(s, "SELECT count(*) FROM readings WHERE note IS NULL")).isZero();
                assertThat(count(s, "SELECT count(*) FROM readings WHERE sensor = 'it''s east'")).isPositive();
                // Integer types narrower than the generators' families keep to their range (the server would refuse).
                assertThat(count(s, "SELECT count(DISTINCT priority) FROM readings")).isGreaterThan(20);
                assertThat(count(s, "SELECT max(id) FROM readings")).isEqualTo(20_000);
            }
        }
    }

    @Test
    void aCheckTheReaderCannotFollowFailsNamingTheConstraint() throws Exception {
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            apply(db, "CREATE TABLE pairs (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL,"
                    + " CONSTRAINT pairs_sum CHECK (a + b = 1000003))");
            assertThatThrownBy(() -> new Seeder(MariaDbEngine.seedEngine())
                    .seed(db, Map.of("pairs", new TableData(100, null)), 3, m -> { }))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("pairs_sum");
        }
    }

    /** The e-commerce profile PostgreSQL seeds, on its MariaDB schema: skew, null rates and CHECKs carry over. */
    @Test
    void seedsTheEcommerceProfileEndToEnd() throws Exception {
        Profile full = ProfileLoader.load(Path.of("seed-data/ecommerce.yaml"));
        Profile profile = new Profile(full.file(), 0.02, full.tables());
        try (Database db = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:11.4"))) {
            apply(db, Files.readString(Path.of("seed-data/schemas/ecommerce.mariadb.sql")));
            Map<String, String> before = showCreate(db, "customers", "products", "orders", "order_items");
            List<String> progress = new ArrayList<>();
            SeedResult result = new Seeder(MariaDbEngine.seedEngine()).seed(db, Map.of(), 42, profile, progress::add);
            progress.forEach(System.out::println);
            Map<String, Long> rows = new LinkedHashMap<>();
            for (TableSeed t : result.tables()) rows.put(t.table(), t.rows());
            assertThat(rows).containsOnly(Map.entry("rehearse.customers", 4_000L), Map.entry("rehearse.products", 400L),
                    Map.entry("rehearse.orders", 20_000L), Map.entry("rehearse.order_items", 50_000L));
            assertThat(showCreate(db, "customers", "products", "orders", "order_items")).isEqualTo(before);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                // weighted: about 78% delivered; zipf-skewed customers: the top 1% place far more than 1% of orders.
                assertThat(count(s, "SELECT count(*) FROM orders WHERE status = 'delivered'")).isBetween(14_500L, 16_700L);
                assertThat(count(s, "SELECT sum(n) FROM (SELECT count(*) n FROM orders GROUP BY customer_id"
                        + " ORDER BY n DESC LIMIT 40) top")).isGreaterThan(2_000);
                // null_fraction 0.88 on coupon codes.
                assertThat(count(s, "SELECT count(*) FROM orders WHERE coupon_code IS NULL")).isBetween(16_800L, 18_400L);
                assertThat(count(s, "SELECT count(*) FROM customers WHERE segment NOT IN ('consumer', 'business', 'vip')")).isZero();
                assertThat(count(s, "SELECT count(*) FROM customers WHERE email NOT LIKE '%@%'")).isZero();
                assertThat(count(s, "SELECT count(*) FROM order_items i LEFT JOIN products p ON p.id = i.product_id"
                        + " WHERE p.id IS NULL")).isZero();
                assertThat(count(s, "SELECT min(placed_at) >= '2021-01-01' AND max(placed_at) < '2025-11-01' FROM orders")).isEqualTo(1);
            }
        }
    }

    private static void apply(Database db, String ddl) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String stmt : ddl.split(";\\s*(\\n|$)")) {
                String sql = stmt.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                if (!sql.isBlank()) s.execute(sql);
            }
        }
    }

    /** SHOW CREATE TABLE of each, without the AUTO_INCREMENT counter the load moves. */
    private static Map<String, String> showCreate(Database db, String... tables) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + t)) {
                    rs.next();
                    out.put(t, rs.getString(2).replaceFirst(" AUTO_INCREMENT=\\d+", ""));
                }
            }
        }
        return out;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
