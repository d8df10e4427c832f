package dev.rehearse.engine.postgres;

import dev.rehearse.InvalidInputException;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileGenerators;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.Seeder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A data profile on a real server: the loaded data has the profile's shape, not just its row counts. */
class ProfileSeedTest {

    private static final Seeder SEEDER = new Seeder(PostgresEngine.seedEngine());

    static final String SCHEMA = """
            CREATE TABLE customers (id bigserial PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, name text NOT NULL,
              country text, created_at timestamptz NOT NULL);
            CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
              status text NOT NULL, total numeric(10,2) NOT NULL CHECK (total > 0), note text, coupon text,
              reviewer_id bigint, meta jsonb, placed_at timestamp NOT NULL DEFAULT now());
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            """;

    static Path shop() throws Exception {
        return Path.of(ProfileSeedTest.class.getResource("/profiles/shop.yaml").toURI());
    }

    @Test
    void loadsTheProfilesDistributionsDeterministically() throws Exception {
        Profile profile = ProfileLoader.load(shop());
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            execute(db, SCHEMA);
            execute(db, "CREATE DATABASE again");
            Database again = db.sibling(db.jdbcUrl().replace("/postgres", "/again"));
            execute(again, SCHEMA);
            SEEDER.seed(db, Map.of(), 7, profile, System.out::println);
            SEEDER.seed(again, Map.of(), 7, profile, m -> {});
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(number(s, "SELECT count(*) FROM customers")).isEqualTo(20_000);
                assertThat(number(s, "SELECT count(*) FROM orders")).isEqualTo(100_000);
                // Unique and realistic where the name suggests it; constraints hold.
                assertThat(number(s, "SELECT count(DISTINCT email) FROM customers WHERE email LIKE '%_@_%.%'")).isEqualTo(20_000);
                assertThat(number(s, "SELECT count(DISTINCT name) FROM customers")).isGreaterThan(1_000);
                assertThat(number(s, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c"
                        + " WHERE c.id = o.reviewer_id)")).isZero();
                // Null fractions (tolerance ±0.01 at these row counts: 3 standard deviations is < 0.007).
                assertThat(number(s, "SELECT avg((country IS NULL)::int) FROM customers")).isCloseTo(0.10, within(0.01));
                assertThat(number(s, "SELECT avg((note IS NULL)::int) FROM orders")).isCloseTo(0.70, within(0.01));
                assertThat(number(s, "SELECT avg((meta IS NULL)::int) FROM orders")).isZero();
                // Distinct counts and zipf: the first value is the most frequent, ~1/H(5) = 0.44 of non-null rows.
                assertThat(number(s, "SELECT count(DISTINCT country) FROM customers")).isEqualTo(5);
                assertThat(number(s, "SELECT avg((country = 'US')::int) FROM customers WHERE country IS NOT NULL"))
                        .isCloseTo(ProfileGenerators.zipfShare(1, 5, 1.0), within(0.02));
                assertThat(number(s, "SELECT count(DISTINCT coupon) FROM orders")).isBetween(300.0, 500.0);
                // Length distribution: bounds and mean ±2 characters.
                assertThat(number(s, "SELECT min(length(note)) FROM orders")).isGreaterThanOrEqualTo(10);
                assertThat(number(s, "SELECT max(length(note)) FROM orders")).isLessThanOrEqualTo(200);
                assertThat(number(s, "SELECT avg(length(note)) FROM orders")).isCloseTo(40, within(2.0));
                // Weighted enum ±0.01; normal mean ±0.5 and stddev ±0.5.
                assertThat(number(s, "SELECT avg((status = 'delivered')::int) FROM orders")).isCloseTo(0.7, within(0.01));
                assertThat(number(s, "SELECT avg((status = 'cancelled')::int) FROM orders")).isCloseTo(0.1, within(0.01));
                assertThat(number(s, "SELECT avg(total) FROM orders")).isCloseTo(80, within(0.5));
                assertThat(number(s, "SELECT stddev(total) FROM orders")).isCloseTo(20, within(0.5));
                // Timestamps with a growing trend: 3/4 of rows in the later half of the range (±0.01).
                assertThat(number(s, "SELECT avg((created_at >= '2022-07-02')::int) FROM customers")).isCloseTo(0.75, within(0.01));
                assertThat(number(s, "SELECT count(*) FROM customers WHERE created_at < '2020-01-01' OR created_at > '2025-01-01'")).isZero();
                // Foreign-key skew: the busiest 1% of customers hold what zipf(1.1) predicts (±0.02).
                double top1 = number(s, "SELECT sum(n)::float8 / 100000 FROM (SELECT count(*) n FROM orders GROUP BY customer_id"
                        + " ORDER BY 1 DESC LIMIT 200) x");
                assertThat(top1).isCloseTo(ProfileGenerators.zipfShare(200, 20_000, 1.1), within(0.02));
                assertThat(top1).isGreaterThan(0.4);
                // A uniform foreign key is not skewed: its busiest 1% hold little more than 1%.
                assertThat(number(s, "SELECT sum(n)::float8 / 100000 FROM (SELECT count(*) n FROM orders GROUP BY reviewer_id"
                        + " ORDER BY 1 DESC LIMIT 200) x")).isLessThan(0.03);
                // Columns the profile leaves out: default from type and constraint, or the column default.
                assertThat(number(s, "SELECT count(*) FROM orders WHERE placed_at IS NULL")).isZero();
            }
            for (String table : new String[]{"customers", "orders"}) {
                assertThat(fingerprint(again, table)).as(table).isEqualTo(fingerprint(db, table));
            }
        }
    }

    @Test
    void impossibleProfilesNameTheFileAndLine(@TempDir Path dir) throws Exception {
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            execute(db, SCHEMA);
            assertThatThrownBy(() -> seed(db, dir, """
                    tables:
                      orders:
                        rows: 10
                        columns:
                          reviewer_id: { generator: foreign_key, references: buyers }
                    """)).isInstanceOf(InvalidInputException.class)
                    .hasMessageEndingWith("p.yaml:5: column reviewer_id: references buyers, which is not a table in the schema");
            assertThatThrownBy(() -> seed(db, dir, """
                    tables:
                      customers:
                        rows: 1000
                        columns:
                          email: { generator: weighted, values: { a: 1, b: 2 } }
                    """)).isInstanceOf(InvalidInputException.class)
                    .hasMessageEndingWith("p.yaml:5: column email: unique, but 2 values for 1000 rows");
            assertThatThrownBy(() -> seed(db, dir, """
                    tables:
                      customers:
                        rows: 10
                        columns:
                          country: { generator: text, lenght: 5 }
                    """)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("p.yaml:5: unknown key 'lenght' in tables.customers.columns.country (generator text);"
                            + " allowed: generator, null_fraction, unique, length");
            assertThatThrownBy(() -> seed(db, dir, """
                    tables:
                      clients: { rows: 10 }
                    """)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("p.yaml:2: table clients is not in the schema");
            assertThatThrownBy(() -> seed(db, dir, """
                    tables:
                      customers:
                        rows: 10
                        columns:
                          emial: email
                    """)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("p.yaml:5: column emial: no such column in public.customers");
            assertThatThrownBy(() -> seed(db, dir, """
                    tables:
                      customers:
                        rows: 10
                        columns:
                          name: { generator: text, null_fraction: 0.5 }
                    """)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("p.yaml:5: column name: null_fraction 0.5 on a NOT NULL column");
        }
    }

    @Test
    void copyKeepsTabsBackslashesLineBreaksAndNonAscii(@TempDir Path dir) throws Exception {
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            execute(db, "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
            seed(db, dir, """
                    tables:
                      notes:
                        rows: 100
                        columns:
                          body: { generator: weighted, values: { "tab\\there\\\\back\\nline\\r é 😀 ok": 1 } }
                    """);
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT body FROM notes")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("tab\there\\back\nline\r é 😀 ok");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static void seed(Database db, Path dir, String yaml) throws Exception {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, yaml);
        SEEDER.seed(db, Map.of(), 1, ProfileLoader.load(p), m -> {});
    }

    private static String fingerprint(Database db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM " + table + " x")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static double number(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
