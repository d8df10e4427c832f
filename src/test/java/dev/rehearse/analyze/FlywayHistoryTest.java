package dev.rehearse.analyze;

import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.NaturalOrder;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.model.Report.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lint} over a real Flyway history ({@link FlywayHistory}: 170 versioned and 14 repeatable migrations in two
 * locations), read from the project root as its Spring Boot deploy reads it.
 */
class FlywayHistoryTest {

    static final String COMMON = "src/main/resources/migrations/common/";
    static final String PROD = "src/main/resources/migrations/prod/";

    @Test
    void readInFlywaysOrderFromBothConfiguredLocations() {
        List<Migration> all = FlywayHistory.read();
        assertThat(all).hasSize(185);
        // a common migration deletes a row of Flyway's history table, which Flyway creates before the first migration
        assertThat(all.get(0).name()).isEqualTo("flyway_schema_history (Flyway's history table)");
        assertThat(all.get(0).version()).isEqualTo("0"); // deployed under any --from
        assertThat(all.subList(1, 171)).allSatisfy(m -> assertThat(m.version()).isNotNull());
        assertThat(all.subList(171, 185)).allSatisfy(m -> assertThat(m.file().getFileName().toString()).startsWith("R__"));

        List<String> names = all.stream().map(Migration::name).toList();
        // MigrationVersion: 2023.04.27 before 2023.04.27.1 (name order would run the baseline's data first) ...
        assertThat(names.subList(1, 3)).containsExactly(COMMON + "V2023.04.27__baseline.sql",
                COMMON + "V2023.04.27.1__baseline_data.sql");
        assertThat(NaturalOrder.INSTANCE.compare("V2023.04.27.1__baseline_data.sql", "V2023.04.27__baseline.sql")).isNegative();
        // ... and 2023.09.4.1 before 2023.09.30.1; the two locations interleave by version
        assertThat(names.indexOf(COMMON + "V2023.09.4.1__change_attendance_reason_descriptions.sql"))
                .isLessThan(names.indexOf(COMMON + "V2023.09.30.1__appointment_attendee_removal_reason.sql"));
        assertThat(names.indexOf(PROD + "V2024.06.28__fix_attendance_record.sql"))
                .isGreaterThan(names.indexOf(PROD + "V2024.06.25__digital_prison_reporting_user.sql"))
                .isLessThan(names.indexOf(COMMON + "V2024.07.12__isleofwight_configuration.sql"));
        // repeatables last, by description
        assertThat(names.subList(171, 185)).isSorted();

        // spring.flyway.placeholders from application.yml, their values from the deploy's environment
        Migration dpr = all.get(names.indexOf(PROD + "V2024.06.25__digital_prison_reporting_user.sql"));
        assertThat(dpr.statements()).last().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("CREATE ROLE " + FlywayHistory.USER + " WITH LOGIN PASSWORD '"
                    + FlywayHistory.PASSWORD + "' IN GROUP saa_ro_group");
            assertThat(s.line()).isEqualTo(13);
        });

        // no statement that Flyway runs outside a transaction: every file is one transaction, none refused
        assertThat(all).allSatisfy(m -> {
            assertThat(m.refused()).as(m.name()).isFalse();
            assertThat(m.units()).singleElement().extracting(Migration.Unit::mode).isEqualTo(TransactionMode.TRANSACTION);
        });
        assertThat(all.stream().mapToInt(m -> m.statements().size()).sum()).isEqualTo(814);
        assertThat(all.stream().flatMap(m -> m.statements().stream()).filter(s -> s.kind() != SqlStatement.Kind.TRANSACTIONAL))
                .isEmpty();
    }

    @Test
    void lintFlagsRiskyStatementsOnTablesEarlierMigrationsCreatedAtTheirFileAndLine() {
        List<Finding> found = new Linter(Linter.Options.of(RealHistories.ENGINE), RealHistories.DIALECT)
                .lint(FlywayHistory.read()).findings();
        // alter table scheduled_instance alter column end_time set not null;  (scheduled_instance: the 2023 baseline)
        assertFlagged(found, "set-not-null", COMMON + "V2024.09.16__make_scheduled_instance_end_time_non_null.sql", 1);
        // CREATE INDEX idx_waiting_list_aud_status ON waiting_list_aud (status);  the table is created at :1 of the file
        assertThat(at(found, COMMON + "V2025.11.28__create_waiting_list_audit_table.sql", 14)).isEmpty();
        // Flyway's history table is created as Flyway creates it: nothing to flag
        assertThat(found).noneMatch(f -> f.file() != null && f.file().contains("history table"));
    }

    private static List<Finding> at(List<Finding> found, String file, int line) {
        return found.stream().filter(f -> file.equals(f.file()) && Integer.valueOf(line).equals(f.line())).toList();
    }

    private static void assertFlagged(List<Finding> found, String rule, String file, int line) {
        assertThat(at(found, file, line)).as(file + ":" + line).extracting(Finding::rule).contains(rule);
    }
}
