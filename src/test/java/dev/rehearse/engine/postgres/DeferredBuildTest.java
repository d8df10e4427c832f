package dev.rehearse.engine.postgres;

import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.seed.Seeder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indexes, keys and foreign keys are dropped before COPY and rebuilt after it: the catalog must then read
 * exactly as the schema defined it (names, definitions, NOT VALID, deferrability, options).
 */
class DeferredBuildTest {

    private static final String SCHEMA = """
            CREATE TABLE accounts (id bigint PRIMARY KEY, code text NOT NULL, region int NOT NULL, balance int NOT NULL,
              CONSTRAINT accounts_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED);
            CREATE INDEX accounts_region_idx ON accounts (region) WITH (fillfactor = 70);
            CREATE INDEX accounts_rich_idx ON accounts (balance DESC) WHERE balance > 500000;
            CREATE INDEX accounts_lower_code_idx ON accounts (lower(code));
            CREATE TABLE transfers (id bigint GENERATED ALWAYS AS IDENTITY, src bigint NOT NULL, dst bigint NOT NULL,
              amount int NOT NULL, note text,
              CONSTRAINT transfers_pk PRIMARY KEY (id),
              CONSTRAINT transfers_src_fk FOREIGN KEY (src) REFERENCES accounts ON DELETE CASCADE);
            ALTER TABLE transfers ADD CONSTRAINT transfers_dst_fk FOREIGN KEY (dst) REFERENCES accounts NOT VALID;
            CREATE INDEX transfers_src_dst_idx ON transfers (src, dst) INCLUDE (amount);
            CREATE TABLE audit (id int PRIMARY KEY, account_id bigint REFERENCES accounts (id));
            """;

    /** The test's own reading of the catalog, independent of the loader's. */
    private static List<String> catalog(Database db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid || ' primary=' || i.indisprimary
                  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                  WHERE n.nspname = 'public'
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                       || ' validated=' || convalidated || ' deferrable=' || condeferrable || ' deferred=' || condeferred
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                ORDER BY 1""")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres:16", "postgres:10"})
    void rebuildsExactlyWhatTheSchemaDefined(String engine) throws Exception {
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse(engine))) {
            String schema = db.version().major() >= 11 ? SCHEMA : SCHEMA.replace(" INCLUDE (amount)", "");
            ProfileSeedTest.execute(db, schema);
            List<String> before = catalog(db);
            assertThat(before).hasSizeGreaterThan(10);

            Map<String, TableData> tables = new LinkedHashMap<>();
            tables.put("accounts", new TableData(50_000, null));
            tables.put("transfers", new TableData(100_000, null));
            List<String> progress = new ArrayList<>();
            new Seeder(PostgresEngine.seedEngine()).seed(db, tables, 3, progress::add);

            assertThat(progress).contains("seed: 7 indexes and keys and 3 foreign keys dropped for the load, rebuilt after it");
            assertThat(catalog(db)).containsExactlyElementsOf(before);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM transfers t JOIN accounts a ON a.id = t.dst")).isEqualTo(100_000);
                // The rebuilt indexes are used and hold every row.
                s.execute("SET enable_seqscan = off");
                assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM accounts WHERE region >= 0 OR region < 0")).isEqualTo(50_000);
                // Statistics and visibility: ANALYZE ran after the indexes, VACUUM left pages all-visible.
                assertThat(ProfileSeedTest.number(s, "SELECT reltuples FROM pg_class WHERE oid = 'transfers'::regclass")).isEqualTo(100_000);
                assertThat(ProfileSeedTest.number(s, "SELECT relallvisible::float8 / relpages FROM pg_class"
                        + " WHERE oid = 'accounts'::regclass")).isGreaterThan(0.99);
                // Generated by several threads in blocks, loaded in row order: keys follow the physical order.
                assertThat(ProfileSeedTest.number(s, "SELECT correlation FROM pg_stats WHERE tablename = 'accounts'"
                        + " AND attname = 'id'")).isGreaterThan(0.999);
                // The identity's sequence moved past the loaded keys.
                assertThat(ProfileSeedTest.number(s, "INSERT INTO transfers (src, dst, amount) VALUES (1, 1, 1) RETURNING id"))
                        .isEqualTo(100_001);
            }
        }
    }
}
