package dev.rehearse.engine.postgres;

import dev.rehearse.analyze.Linter;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engines;
import dev.rehearse.migrate.SqlMigrationSource;
import dev.rehearse.model.Report.Finding;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Volatility from the shipped pg_proc data, and what add-column-rewrite makes of it. */
class PostgresFunctionsTest {

    @TempDir
    Path dir;

    @Test
    void shippedDataAgreesWithPostgres16() throws Exception {
        Map<String, Boolean> server = new TreeMap<>();
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"));
             Connection c = db.connect()) {
            PgVolatilityData.catalog(c).forEach((name, v) -> server.merge(name.toLowerCase(Locale.ROOT), v, Boolean::logicalOr));
        }
        assertThat(server).hasSizeGreaterThan(2000);
        assertThat(PostgresFunctions.catalog(16))
                .as("volatile-functions.txt; regenerate: mvn -B -Pbench test -Dtest=PgVolatilityData -Drehearse.writeVolatility=true")
                .isEqualTo(server);
    }

    @Test
    void volatilityComesFromTheCatalogOfTheMajor() {
        assertThat(PostgresFunctions.isVolatile("NOW", 16)).isFalse();
        assertThat(PostgresFunctions.isVolatile("lower", 16)).isFalse();
        assertThat(PostgresFunctions.isVolatile("Timezone", 16)).isFalse();
        assertThat(PostgresFunctions.isVolatile("timezone", 14)).isTrue(); // timezone(text, timetz) was volatile before 15
        assertThat(PostgresFunctions.isVolatile("RANDOM", 16)).isTrue();
        assertThat(PostgresFunctions.isVolatile("clock_timestamp", 10)).isTrue();
        assertThat(PostgresFunctions.isVolatile("nextval", 18)).isTrue();
        assertThat(PostgresFunctions.isVolatile("gen_random_uuid", 13)).isTrue(); // pg_catalog's from 13
        assertThat(PostgresFunctions.catalog(13)).containsEntry("gen_random_uuid", true).containsEntry("now", false);
        assertThat(PostgresFunctions.catalog(12)).doesNotContainKey("gen_random_uuid");
    }

    @Test
    void unknownAndOtherSchemasAreVolatile() {
        assertThat(PostgresFunctions.isVolatile("gen_random_uuid", 12)).isTrue(); // pgcrypto's before 13: unknown
        assertThat(PostgresFunctions.isVolatile("my_function", 16)).isTrue();
        assertThat(PostgresFunctions.isVolatile("PG_CATALOG.NOW", 16)).isFalse();
        assertThat(PostgresFunctions.isVolatile("pg_catalog.random", 16)).isTrue();
        assertThat(PostgresFunctions.isVolatile("public.now", 16)).isTrue();
        assertThat(PostgresFunctions.isVolatile("pg_catalog.my_function", 16)).isTrue();
        // grammar that looks like a call
        assertThat(PostgresFunctions.isVolatile("COALESCE", 16)).isFalse();
        assertThat(PostgresFunctions.isVolatile("CAST", 10)).isFalse();
        assertThat(PostgresFunctions.isVolatile("NUMERIC", 16)).isFalse();
    }

    @Test
    void rangesRoundTrip() {
        assertThat(PostgresFunctions.ranges(List.of(10, 12, 13, 14, 18))).isEqualTo("10,12-14,18");
        assertThat(PostgresFunctions.parse("10,12-14,18").stream().boxed().toList()).containsExactly(10, 12, 13, 14, 18);
    }

    @ParameterizedTest(name = "{0}: DEFAULT {1}")
    @CsvSource(delimiter = '|', value = {
            "16 | timezone('utc', now())                 | false",
            "16 | now()                                  | false",
            "16 | pg_catalog.now()                       | false",
            "16 | lower('X')                             | false",
            "16 | 'free'                                 | false",
            "16 | coalesce(NULL, 0)                      | false",
            "16 | CAST(0 AS numeric(10,2))               | false",
            "16 | (now() + interval '1 day')::date       | false",
            "16 | random()                               | true",
            "16 | clock_timestamp()                      | true",
            "16 | gen_random_uuid()                      | true",
            "13 | gen_random_uuid()                      | true",
            "12 | gen_random_uuid()                      | true",
            "16 | nextval('s')                           | true",
            "16 | my_schema.f()                          | true",
            "16 | f()                                    | true",
            "16 | pg_catalog.random()                    | true",
            "16 | coalesce(NULL, random())               | true",
            "16 | timezone('utc', clock_timestamp())     | true",
            "14 | timezone('utc', now())                 | true",
            "15 | timezone('utc', now())                 | false",
            "11 | now()                                  | false",
            "11 | 'free'                                 | false",
            "10 | now()                                  | true",
            "10 | 'free'                                 | true",
            "10 | NULL                                   | false",
    })
    void addColumnRewritesWhenTheDefaultIsVolatile(int major, String expression, boolean rewrites) throws Exception {
        assertThat(lint(major, "ALTER TABLE t ADD COLUMN c text DEFAULT " + expression + ";"))
                .as("postgres:%d DEFAULT %s", major, expression)
                .isEqualTo(rewrites ? List.of("add-column-rewrite") : List.of());
    }

    @Test
    void everyAddedColumnsDefaultCountsAndSetDefaultNone() throws Exception {
        assertThat(lint(16, "ALTER TABLE t ADD COLUMN a int DEFAULT 0 NOT NULL, ADD COLUMN b float8 DEFAULT random();"))
                .containsExactly("add-column-rewrite");
        assertThat(lint(10, "ALTER TABLE t ADD COLUMN a int DEFAULT NULL, ADD COLUMN b int DEFAULT 0;"))
                .containsExactly("add-column-rewrite");
        assertThat(lint(16, "ALTER TABLE t ADD COLUMN a int, ALTER COLUMN b SET DEFAULT random();")).isEmpty();
        assertThat(lint(16, "ALTER TABLE t ADD COLUMN a int DEFAULT 0 CHECK (random() > a);"))
                .doesNotContain("add-column-rewrite");
    }

    private List<String> lint(int major, String statement) throws Exception {
        EngineSpec spec = EngineSpec.parse("postgres:" + major);
        Path file = dir.resolve("V1__m.sql");
        Files.writeString(file, "SET lock_timeout = '1s';\n" + statement + "\n");
        Dialect d = Engines.dialect(spec);
        return new Linter(Linter.Options.of(spec), d).lint(new SqlMigrationSource(d.splitter()).read(List.of(file)))
                .counted().stream().map(Finding::rule).toList();
    }
}
