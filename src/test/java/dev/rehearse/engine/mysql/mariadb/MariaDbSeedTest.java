package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.seed.SeedResult;
import dev.rehearse.seed.Seeder;
import dev.rehearse.seed.TableSeed;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed stage on a real MariaDB: the existing generators through LOAD DATA LOCAL INFILE, parents first. */
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

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
