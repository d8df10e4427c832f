package dev.rehearse.engine.mysql;

import dev.rehearse.migrate.StatementProbe.Alter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.rehearse.engine.mysql.AlterStages.classify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision rule on MySQL 8's stage names (the manual's seven InnoDB ALTER stages, "altering table", "copy to tmp
 * table"; no "Apply log event", which is MariaDB's): the sets each algorithm enters. The same rule runs on MariaDB,
 * where {@code MariaDbAlterClassifyTest} and the end-to-end tests measure it.
 */
class AlterStagesTest {

    private static final String IN_PLACE = "stage/sql/altering table";
    private static final String READ_PK = "stage/innodb/alter table (read PK and internal sort)";

    @Test
    void mysqlCopyBlocksWritesAndRebuilds() {
        assertThat(classify(Map.of("stage/sql/copy to tmp table", 1L), true)).isEqualTo(new Alter("COPY", true, false));
    }

    @Test
    void anOnlineIndexBuildAppliesTheIndexLogAndKeepsTheTable() {
        Map<String, Long> index = Map.of(IN_PLACE, 1L, READ_PK, 1L, "stage/innodb/alter table (merge sort)", 1L,
                "stage/innodb/alter table (insert)", 1L, "stage/innodb/alter table (log apply index)", 1L,
                "stage/innodb/alter table (flush)", 1L, "stage/innodb/alter table (end)", 1L);
        assertThat(classify(index, false)).isEqualTo(new Alter("INPLACE", false, true));
    }

    @Test
    void anInPlaceRebuildAppliesTheTableLog() {
        Map<String, Long> rebuild = Map.of(IN_PLACE, 1L, READ_PK, 1L, "stage/innodb/alter table (flush)", 1L,
                "stage/innodb/alter table (log apply table)", 1L, "stage/innodb/alter table (end)", 1L);
        assertThat(classify(rebuild, true)).isEqualTo(new Alter("INPLACE", true, true));
    }

    @Test
    void lockSharedSkipsTheOnlineLog() {
        assertThat(classify(Map.of(IN_PLACE, 1L, READ_PK, 1L, "stage/innodb/alter table (end)", 1L), false))
                .isEqualTo(new Alter("INPLACE", false, false));
    }

    @Test
    void instantIsTheInPlacePathWithoutInnoDbsPass() {
        assertThat(classify(Map.of(IN_PLACE, 1L), false)).isEqualTo(new Alter("INSTANT", false, true));
        assertThat(classify(Map.of(), false)).isNull();
    }

    @Test
    void onlyTheStagesEnteredMeanwhileCount() {
        assertThat(AlterStages.delta(Map.of(IN_PLACE, 3L, READ_PK, 1L), Map.of(IN_PLACE, 4L, READ_PK, 1L)))
                .isEqualTo(Map.of(IN_PLACE, 1L));
    }

    @Test
    void everyStageTheServerHasMustBeCounted() {
        assertThat(AlterStages.allCounted(9, 9)).isTrue(); // MySQL 8: seven InnoDB stages and two of the server's
        assertThat(AlterStages.allCounted(9, 2)).isFalse(); // the InnoDB ones off, as MySQL ships them
        assertThat(AlterStages.allCounted(0, 0)).isFalse(); // performance_schema off
    }

    @Test
    void theContainerEnablesEveryAlterStage() {
        assertThat(MySqlContainers.SERVER_FLAGS).contains("--performance-schema-instrument=stage/innodb/alter table%=ON",
                "--performance-schema-instrument=stage/sql/copy to tmp table=ON",
                "--performance-schema-instrument=stage/sql/altering table=ON",
                "--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON", "--log-bin=binlog");
    }

    @Test
    void binlogBytesAreThePositionsAdvanceInOneFile() {
        var before = new MySqlStatementProbe.BinlogPosition("binlog.000002", 1_000);
        assertThat(new MySqlStatementProbe.BinlogPosition("binlog.000002", 4_500).since(before)).isEqualTo(3_500L);
        // rotated meanwhile: the bytes of the earlier file's tail are not known
        assertThat(new MySqlStatementProbe.BinlogPosition("binlog.000003", 200).since(before)).isNull();
        assertThat(new MySqlStatementProbe.BinlogPosition("binlog.000003", 200).since(null)).isNull();
    }
}
