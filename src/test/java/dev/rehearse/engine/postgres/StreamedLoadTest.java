package dev.rehearse.engine.postgres;

import dev.rehearse.InvalidInputException;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.seed.SeedEngine;
import dev.rehearse.seed.Seeder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A large table loads over several COPY streams at once (the threshold lowered here so the test stays
 * small): the same rows as one stream loads, frozen and all-visible after the
 * VACUUM; a stream's failure rolls every stream back.
 */
class StreamedLoadTest {

    private static final String SCHEMA = """
            CREATE EXTENSION pg_visibility;
            CREATE TABLE accounts (id bigint PRIMARY KEY, code text NOT NULL UNIQUE, region int NOT NULL, balance int NOT NULL);
            CREATE TABLE transfers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              src bigint NOT NULL REFERENCES accounts, amount int NOT NULL, note text);
            CREATE TABLE people (id bigint PRIMARY KEY, email text NOT NULL);
            CREATE INDEX people_email_lower ON people (lower(email));
            """;

    private static Database db;

    @BeforeAll
    static void start() throws SQLException {
        db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"));
        ProfileSeedTest.execute(db, SCHEMA);
    }

    @AfterAll
    static void stop() {
        if (db != null) db.close();
    }

    private static SeedEngine engine(long streamRows) {
        return new SeedEngine(new PostgresSchemaReader(), new PostgresBulkLoader(streamRows), PostgresCheckParser::parse,
                PostgresLiterals.INSTANCE, "public");
    }

    private static Map<String, TableData> tables() {
        Map<String, TableData> tables = new LinkedHashMap<>();
        tables.put("accounts", new TableData(30_000, null));
        tables.put("transfers", new TableData(40_000, null));
        return tables;
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static final String CONTENT = "SELECT (SELECT md5(string_agg(a::text, ',' ORDER BY id)) FROM accounts a)"
            + " || (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM transfers t)";

    @Test
    void severalStreamsLoadTheRowsOneStreamLoadsInKeyOrderAndFrozen() throws Exception {
        {
            List<String> progress = new ArrayList<>();
            new Seeder(engine(10_000)).seed(db, tables(), 5, progress::add);
            String streamed;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM transfers t JOIN accounts a ON a.id = t.src")).isEqualTo(40_000);
                assertThat(ProfileSeedTest.number(s, "SELECT count(DISTINCT code) FROM accounts")).isEqualTo(30_000);
                for (String t : List.of("accounts", "transfers")) {
                    // Not COPY FREEZE, yet every page that holds rows ends frozen and all-visible, as after COPY
                    // FREEZE. (The few empty pages that each stream's last extension of the file left at its end
                    // stay unmarked: VACUUM leaves never-used pages to a later insert.)
                    assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM (SELECT DISTINCT (ctid::text::point)[0]::bigint AS b"
                            + " FROM " + t + ") p JOIN pg_visibility_map('" + t + "') v ON v.blkno = p.b"
                            + " WHERE NOT (v.all_frozen AND v.all_visible)")).isZero();
                    assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM pg_visibility_map('" + t + "') WHERE all_frozen"))
                            .isGreaterThan(50);
                }
                assertThat(ProfileSeedTest.number(s, "INSERT INTO transfers (src, amount) VALUES (1, 1) RETURNING id")).isEqualTo(40_001);
                s.execute("DELETE FROM transfers WHERE id = 40001");
                streamed = text(s, CONTENT);
                s.execute("TRUNCATE accounts, transfers");
            }
            new Seeder(engine(Long.MAX_VALUE)).seed(db, tables(), 5, progress::add);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(text(s, CONTENT)).as("the same rows over one stream").isEqualTo(streamed);
            }
        }
    }

    @Test
    void aStreamedTableIsAnalyzedBeforeItsIndexesAndAgainForAnExpressionIndex() throws Exception {
        // The streams' VACUUM (FREEZE, ANALYZE) runs before the index build; an expression index's statistics
        // exist only once it does, so a table with one is analyzed again after the build.
        new Seeder(engine(10_000)).seed(db, Map.of("people", new TableData(20_000, null)), 5, m -> {});
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM pg_stats WHERE tablename = 'people'")).isEqualTo(2);
            assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM pg_stats WHERE tablename = 'people_email_lower'")).isEqualTo(1);
            assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM (SELECT DISTINCT (ctid::text::point)[0]::bigint AS b"
                    + " FROM people) p JOIN pg_visibility_map('people') v ON v.blkno = p.b"
                    + " WHERE NOT (v.all_frozen AND v.all_visible)")).isZero();
            s.execute("TRUNCATE people");
        }
    }

    @Test
    void aStreamThatFailsRollsBackEveryStream() throws Exception {
        {
            // The seed does not read this CHECK, so the server rejects some row late in the load.
            ProfileSeedTest.execute(db, "CREATE TABLE ledger (id bigint PRIMARY KEY, balance int NOT NULL,"
                    + " CONSTRAINT balance_pattern CHECK (md5(id::text || balance::text) NOT LIKE 'fff%'))");
            Map<String, TableData> tables = Map.of("ledger", new TableData(40_000, null));
            assertThatThrownBy(() -> new Seeder(engine(10_000)).seed(db, tables, 5, m -> { }))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("balance_pattern");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM ledger")).isZero();
                assertThat(ProfileSeedTest.number(s, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE 'COPY%'")).isZero();
            }
        }
    }
}
