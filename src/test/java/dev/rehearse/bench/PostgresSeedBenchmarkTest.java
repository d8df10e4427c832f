package dev.rehearse.bench;

import dev.rehearse.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures, not a test ({@code mvn -B -Pbench test -Dtest=PostgresSeedBenchmarkTest}; {@code -Dbench.rows=1M,5M},
 * {@code -Dbench.runs=3}): {@code rehearse bench seed --one-stream}, i.e. {@code pgbench -i} and rehearse loading
 * pgbench's accounts shape with realistic values on one embedded PostgreSQL, in turn, each round also rehearse with
 * every table on one COPY stream; prints each loader's wall time, client and server CPU seconds, and rehearse's
 * rows/s over pgbench's per round and as a median. Without pgbench on the PATH (Debian's postgresql-client has it)
 * it prints rehearse's figures alone.
 */
@Tag("bench")
class PostgresSeedBenchmarkTest {

    @Test
    void seedsBesidePgbench() {
        int code = Main.execute("bench", "seed", "--rows", System.getProperty("bench.rows", "1M,5M"),
                "--runs", System.getProperty("bench.runs", "3"), "--one-stream");
        assertThat(code).isEqualTo(Main.OK);
    }
}
