package dev.rehearse.scenario;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowCountTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0          | 0
            1000       | 1000
            1e6        | 1000000
            1E3        | 1000
            1M         | 1000000
            1m         | 1000000
            2.5k       | 2500
            2B         | 2000000000
            1G         | 1000000000
            1_000_000  | 1000000
            1,000      | 1000
            ' 42 '     | 42
            """)
    void parses(String text, long expected) {
        assertThat(RowCount.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "M", "1.2.3", "1e30", "0x10", "5T"})
    void rejectsNonNumbers(String text) {
        assertThatThrownBy(() -> RowCount.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-2k"})
    void rejectsNegatives(String text) {
        assertThatThrownBy(() -> RowCount.parse(text)).hasMessageContaining("negative row count");
    }
}
