package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.migrate.StatementProbe.Alter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.rehearse.engine.mysql.AlterStages.classify;
import static org.assertj.core.api.Assertions.assertThat;

/** The decision rule over the stages a session entered (names as 10.11.5 and 11.4.5 record them). */
class MariaDbAlterClassifyTest {

    private static final String IN_PLACE = "stage/sql/altering table";

    @Test
    void aCopyIsOnlineOnlyWhenItReplayedItsLog() {
        assertThat(classify(Map.of("stage/sql/copy to tmp table", 1L), true)).isEqualTo(new Alter("COPY", true, false));
        assertThat(classify(Map.of("stage/sql/copy to tmp table", 1L, "stage/sql/Apply log event", 1L), true))
                .isEqualTo(new Alter("COPY", true, true));
    }

    @Test
    void anInnoDbPassIsInPlaceRebuildingWhenTheTableIsNew() {
        Map<String, Long> index = Map.of(IN_PLACE, 1L, "stage/innodb/alter table (read PK and internal sort)", 1L,
                "stage/innodb/alter table (log apply index)", 2L, "stage/innodb/alter table (end)", 1L);
        assertThat(classify(index, false)).isEqualTo(new Alter("INPLACE", false, true));
        Map<String, Long> rebuild = Map.of(IN_PLACE, 1L, "stage/innodb/alter table (read PK and internal sort)", 1L,
                "stage/innodb/alter table (log apply table)", 2L);
        assertThat(classify(rebuild, true)).isEqualTo(new Alter("INPLACE", true, true));
        // LOCK=SHARED: no online log to apply
        assertThat(classify(Map.of(IN_PLACE, 1L, "stage/innodb/alter table (read PK and internal sort)", 1L), false))
                .isEqualTo(new Alter("INPLACE", false, false));
    }

    @Test
    void theInPlacePathAloneIsInstantAndNoAlterStageIsNoAlgorithm() {
        assertThat(classify(Map.of(IN_PLACE, 1L), false)).isEqualTo(new Alter("INSTANT", false, true));
        assertThat(classify(Map.of(), false)).isNull();
    }
}
