package dev.rehearse.scenario;

import dev.rehearse.scenario.EngineSpec.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineSpecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            postgres:16     | POSTGRES | 16
            postgres:16.4   | POSTGRES | 16.4
            PostgreSQL:10   | POSTGRES | 10
            pg:18           | POSTGRES | 18
            postgres        | POSTGRES | 16
            mysql:8.0       | MYSQL    | 8.0
            mysql           | MYSQL    | 8.0
            mariadb:10.11   | MARIADB  | 10.11
            mariadb:        | MARIADB  | 10.11
            """)
    void parses(String text, Kind kind, String version) {
        assertThat(EngineSpec.parse(text)).isEqualTo(new EngineSpec(kind, version));
    }

    @Test
    void printsAndMajor() {
        assertThat(EngineSpec.parse("PG:16.4")).hasToString("postgres:16.4");
        assertThat(EngineSpec.parse("postgres:16.4").major()).isEqualTo(16);
        assertThat(EngineSpec.DEFAULT).hasToString("postgres:16");
    }

    @Test
    void rejectsUnknownKindsAndVersions() {
        assertThatThrownBy(() -> EngineSpec.parse("oracle:19")).hasMessageStartingWith("unknown engine 'oracle:19'");
        assertThatThrownBy(() -> EngineSpec.parse("postgres:latest")).hasMessageStartingWith("invalid engine version 'latest'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "postgres:16.", "postgres:1.2.3.4", "postgres:16 beta"})
    void rejectsMalformed(String text) {
        assertThatThrownBy(() -> EngineSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
