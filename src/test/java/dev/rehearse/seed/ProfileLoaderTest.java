package dev.rehearse.seed;

import dev.rehearse.InvalidInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The profile format without a database: what it reads, and one file:line line for each mistake. */
class ProfileLoaderTest {

    @TempDir
    Path dir;

    private Profile load(String yaml) throws IOException {
        return ProfileLoader.load(Files.writeString(dir.resolve("p.yaml"), yaml));
    }

    @Test
    void readsTablesRowsScaleAndGenerators() throws IOException {
        Profile p = load("""
                scale: 0.5
                tables:
                  orders:
                    rows: 2M
                    columns:
                      email: email
                      status: { generator: weighted, values: { paid: 3, new: 1 } }
                      note: { generator: text, length: { min: 2, max: 9, mean: 4 }, null_fraction: 0.25 }
                      customer_id: { generator: foreign_key, references: customers.id, skew: 1.2 }
                  customers:
                    columns:
                      created_at: { generator: timestamp, from: 2020-01-01, to: '2021-01-01 12:00:00', trend: growing }
                """);
        assertThat(p.rows()).isEqualTo(Map.of("orders", 1_000_000L));
        Profile.ColumnSpec status = p.tables().get("orders").columns().get("status");
        assertThat(status.values()).containsExactly("paid", "new");
        assertThat(status.weights()).containsExactly(3.0, 1.0);
        assertThat(status.line()).isEqualTo(7);
        assertThat(p.tables().get("orders").columns().get("email").generator()).isEqualTo("email");
        Profile.ColumnSpec note = p.tables().get("orders").columns().get("note");
        assertThat(note.length()).isEqualTo(new Profile.Length(2, 9, 4));
        assertThat(note.nullFraction()).isEqualTo(0.25);
        assertThat(p.tables().get("orders").columns().get("customer_id").exponent()).isEqualTo(1.2);
        assertThat(p.tables().get("customers").rows()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tables: { t: { rows: lots } }                                        | p.yaml:1: tables.t.rows: invalid row count 'lots'; expected a number such as 1000, 1e6 or 1M
            tables: { t: { rows: 1, colums: {} } }                               | p.yaml:1: unknown key 'colums' in tables.t; allowed: rows, columns
            tables: { t: { columns: { c: { generator: gauss } } } }              | p.yaml:1: tables.t.columns.c.generator: unknown generator 'gauss'; generators: sequence, uniform, normal, zipf, weighted, foreign_key, text, timestamp, json, distribution, default, email, name, first_name, last_name, username, url, company, city, country, street, phone, word
            tables: { t: { columns: { c: { null_fraction: 0.1 } } } }            | p.yaml:1: missing key 'generator' in tables.t.columns.c; generators: sequence, uniform, normal, zipf, weighted, foreign_key, text, timestamp, json, distribution, default, email, name, first_name, last_name, username, url, company, city, country, street, phone, word
            tables: { t: { columns: { c: { generator: text, null_fraction: 2 } } } } | p.yaml:1: null_fraction: 2 is out of range; expected at least 0 and at most 1
            tables: { t: { columns: { c: { generator: uniform, min: 5, max: 1 } } } } | p.yaml:1: tables.t.columns.c: max 1 is below min 5
            tables: { t: { columns: { c: { generator: normal, mean: 5 } } } }    | p.yaml:1: tables.t.columns.c: generator normal needs mean and stddev
            tables: { t: { columns: { c: { generator: timestamp, from: 2020-01-01, to: soon } } } } | p.yaml:1: tables.t.columns.c.to: expected a date or timestamp such as 2024-01-31 or 2024-01-31 12:00:00, got 'soon'
            tables: { t: { columns: { c: { generator: timestamp, from: 2021-01-01, to: 2020-01-01 } } } } | p.yaml:1: tables.t.columns.c: to 2020-01-01 is before from 2021-01-01
            tables: { t: { columns: { c: { generator: weighted, values: { a: 0 } } } } } | p.yaml:1: a: 0 is out of range; expected more than 0
            tables: { t: { columns: { c: { generator: sequence, trend: up } } } } | p.yaml:1: unknown key 'trend' in tables.t.columns.c (generator sequence); allowed: generator, null_fraction, unique, start, step
            tables: { t: { columns: { c: { generator: distribution, most_common: { values: [a], frequencies: [0.7, 0.2] } } } } } | p.yaml:1: tables.t.columns.c.most_common: 1 values but 2 frequencies
            tables: { t: { columns: { c: { generator: distribution, null_fraction: 0.5, most_common: { values: [a], frequencies: [0.7] } } } } } | p.yaml:1: tables.t.columns.c.most_common: frequencies and null_fraction add up to 1.2, more than 1
            seed: 3                                                              | p.yaml:1: unknown key 'seed' in the top level; allowed: scale, tables, description
            """)
    void mistakesNameFileAndLine(String yaml, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), yaml);
        assertThatThrownBy(() -> ProfileLoader.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + expected.substring("p.yaml".length()));
    }

    @Test
    void zipfSharesFollowTheExponent() {
        long n = 1000;
        int[] hits = new int[(int) n];
        for (long row = 1; row <= 200_000; row++) hits[(int) ProfileGenerators.zipf(Rng.hash(1, 2, row), n, 1.2)]++;
        assertThat(hits[0] / 200_000.0).isCloseTo(ProfileGenerators.zipfShare(1, n, 1.2), within(0.005));
        int top10 = 0;
        for (int i = 0; i < 10; i++) top10 += hits[i];
        assertThat(top10 / 200_000.0).isCloseTo(ProfileGenerators.zipfShare(10, n, 1.2), within(0.005));
        assertThat(hits[999]).isLessThan(hits[0] / 100);
    }

    @Test
    void realisticStringsFitTheColumnAndStayUnique() {
        ColumnGenerator email = Realistic.generator("email", 30, true, 1_000_000, 7, 1);
        List<String> some = java.util.stream.LongStream.rangeClosed(1, 2000).mapToObj(email::value).toList();
        assertThat(some).allSatisfy(e -> assertThat(e).hasSizeLessThanOrEqualTo(30).contains("@"));
        assertThat(some).doesNotHaveDuplicates();
        assertThat(Realistic.kindFor("customer_email")).isEqualTo("email");
        assertThat(Realistic.kindFor("ip_address")).isNull();
        assertThat(Realistic.kindFor("first_name")).isEqualTo("first_name");
        // Same seed, same pool.
        assertThat(Realistic.generator("city", 100, false, 10, 7, 1).value(5))
                .isEqualTo(Realistic.generator("city", 100, false, 10, 7, 1).value(5));
    }
}
