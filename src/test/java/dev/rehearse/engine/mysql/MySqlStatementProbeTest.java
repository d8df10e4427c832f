package dev.rehearse.engine.mysql;

import dev.rehearse.migrate.SqlStatement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL proper's probe tells the runner which statements commit implicitly, as MariaDB's does (they share it). */
class MySqlStatementProbeTest {

    @Test
    void ddlCommitsImplicitlyAndDmlDoesNot() {
        MySqlStatementProbe probe = new MySqlStatementProbe(new MySqlDialect(dev.rehearse.scenario.ServerVersion.parse("8.0")));
        assertThat(probe.commitsImplicitly(new SqlStatement("ALTER TABLE t ADD COLUMN a int", 1, SqlStatement.Kind.TRANSACTIONAL))).isTrue();
        assertThat(probe.commitsImplicitly(new SqlStatement("CREATE INDEX i ON t (a)", 2, SqlStatement.Kind.TRANSACTIONAL))).isTrue();
        assertThat(probe.commitsImplicitly(new SqlStatement("UPDATE t SET a = 1", 3, SqlStatement.Kind.TRANSACTIONAL))).isFalse();
    }
}
