package dev.rehearse.engine.postgres;

import dev.rehearse.cli.Main;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.Seeder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * capture → seed round trip: a profile captured from one database's statistics seeds another database
 * whose statistics (row count, null fraction, distinct count, width, most-common frequency, histogram
 * middle) match the original within tolerance.
 */
class ProfileCaptureTest {

    private static final String SCHEMA = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, tier text NOT NULL, score int,
              signup date NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
              status text NOT NULL, amount numeric(10,2) NOT NULL, note text, placed_at timestamptz NOT NULL);
            """;

    /** Rows written by SQL, not by rehearse, so the round trip does not test the seed against itself. */
    private static final String DATA = """
            SELECT setseed(0.25);
            INSERT INTO customers SELECT g, 'user' || g || '@example.com',
              (ARRAY['free', 'free', 'free', 'pro', 'pro', 'enterprise'])[1 + g % 6],
              CASE WHEN g % 5 = 0 THEN NULL ELSE (g * 7919) % 1000 END, date '2020-01-01' + (g % 1500)
              FROM generate_series(1, 20000) g;
            INSERT INTO orders SELECT g, 1 + floor(19999 * power(random(), 4))::bigint,
              (ARRAY['delivered', 'delivered', 'delivered', 'delivered', 'shipped', 'cancelled'])[1 + g % 6],
              round((80 + 30 * sin(g))::numeric, 2), CASE WHEN g % 3 = 0 THEN repeat('n', 20 + g % 40) END,
              timestamptz '2023-01-01 00:00:00+00' + (g % 100000) * interval '5 minutes'
              FROM generate_series(1, 100000) g;
            ANALYZE customers;
            ANALYZE orders;
            CREATE TABLE fresh (id int);
            """;

    private record Col(double nullFrac, double distinct, int width, double topFreq, String middle) {}

    @ParameterizedTest
    @ValueSource(strings = {"postgres:16", "postgres:10"})
    void captureThenSeedReproducesTheStatistics(String engine, @TempDir Path dir) throws Exception {
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse(engine))) {
            ProfileSeedTest.execute(db, SCHEMA);
            ProfileSeedTest.execute(db, DATA);
            ProfileSeedTest.execute(db, "CREATE DATABASE copy");
            Database copy = db.sibling(db.jdbcUrl().replace("/postgres", "/copy"));
            ProfileSeedTest.execute(copy, SCHEMA + "CREATE TABLE fresh (id int);");

            Path file = dir.resolve("seed-data/app.yaml");
            String err = capture(db, file);
            String yaml = Files.readString(file);
            System.out.println(yaml);
            assertThat(err).contains("read statistics only; no table rows were read")
                    .contains("public.fresh has no statistics (never analyzed, or empty)");
            assertThat(yaml).contains("no table rows were read").contains("replaced by synthetic values")
                    .doesNotContain("delivered").doesNotContain("enterprise");

            new Seeder(PostgresEngine.seedEngine()).seed(copy, Map.of(), 5,
                    ProfileLoader.load(file), System.out::println);

            Map<String, Col> original = stats(db), seeded = stats(copy);
            assertThat(rows(copy, "customers")).isCloseTo(rows(db, "customers"), within(200.0));
            assertThat(rows(copy, "orders")).isCloseTo(rows(db, "orders"), within(1000.0));
            for (String column : original.keySet()) {
                if (column.endsWith(".id") || column.endsWith(".email")) continue; // keys: unique by construction
                Col a = original.get(column), b = seeded.get(column);
                assertThat(b).as(column).isNotNull();
                assertThat(b.nullFrac()).as(column + " null fraction").isCloseTo(a.nullFrac(), within(0.02));
                assertThat(b.distinct()).as(column + " distinct").isBetween(a.distinct() * 0.8 - 2, a.distinct() * 1.25 + 2);
                assertThat((double) b.width()).as(column + " width").isCloseTo(a.width(), within(2.0));
                assertThat(b.topFreq()).as(column + " top frequency").isCloseTo(a.topFreq(), within(0.03));
            }
            // Histogram middles of ordered columns within 5% of their range.
            assertThat(Double.parseDouble(seeded.get("orders.amount").middle()))
                    .isCloseTo(Double.parseDouble(original.get("orders.amount").middle()), within(3.0));
            assertThat(Double.parseDouble(seeded.get("customers.score").middle()))
                    .isCloseTo(Double.parseDouble(original.get("customers.score").middle()), within(50.0));
            assertThat(seeded.get("orders.placed_at").middle().substring(0, 7))
                    .isEqualTo(original.get("orders.placed_at").middle().substring(0, 7));

            // --keep-values keeps the most-common values themselves.
            Path kept = dir.resolve("kept.yaml");
            capture(db, kept, "--keep-values");
            assertThat(Files.readString(kept)).contains("'delivered'").contains("kept as they are");
        }
    }

    private static String capture(Database db, Path out, String... more) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] args = {"profile", "capture", "--url", db.jdbcUrl(), "--user", db.user(), "--out", out.toString()};
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                    .toArray(String[]::new);
            assertThat(Main.execute(all)).isZero();
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return text;
    }

    private static double rows(Database db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            return ProfileSeedTest.number(s, "SELECT reltuples FROM pg_class WHERE oid = '" + table + "'::regclass");
        }
    }

    /** Per column: null fraction, distinct count (absolute), width, top MCV frequency, middle histogram bound. */
    private static Map<String, Col> stats(Database db) throws SQLException {
        Map<String, Col> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT st.tablename || '.' || st.attname, st.null_frac,
                       CASE WHEN st.n_distinct < 0 THEN -st.n_distinct * cl.reltuples ELSE st.n_distinct END,
                       st.avg_width, coalesce(st.most_common_freqs[1], 0),
                       (st.histogram_bounds::text::text[])[array_length(st.histogram_bounds::text::text[], 1) / 2 + 1]
                  FROM pg_stats st JOIN pg_class cl ON cl.relname = st.tablename
                 WHERE st.schemaname = 'public' AND st.tablename IN ('customers', 'orders') ORDER BY 1""")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Col(rs.getDouble(2), rs.getDouble(3), rs.getInt(4), rs.getDouble(5), rs.getString(6)));
            }
        }
        return out;
    }
}
