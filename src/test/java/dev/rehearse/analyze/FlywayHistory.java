package dev.rehearse.analyze;

import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.flyway.FlywayMigrationSource;
import dev.rehearse.scenario.Scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A public Flyway history committed under {@code src/test/resources/histories/hmpps-activities} (SOURCE.md names the
 * repository, commit and license): the Ministry of Justice's activities-management API, a Spring Boot app whose
 * {@code application.yml} sets {@code spring.flyway.locations} (two class-path folders), {@code out-of-order} and two
 * placeholders its production deploy takes from the environment.
 */
public final class FlywayHistory {

    public static final String NAME = "hmpps-activities";
    /** The deploy's environment gives these ({@code ${DPR_USER}}, {@code ${DPR_PASSWORD}} in application.yml). */
    public static final String USER = "dpr_reader", PASSWORD = "rehearsal-only";

    private FlywayHistory() {}

    public static Path root() {
        return RealHistories.dir(NAME);
    }

    /** Read as the deploy reads it: from the project root, with the environment the placeholders need. */
    public static List<Migration> read() {
        return read(root());
    }

    /** Read from {@code path} (the root, or one location). */
    public static List<Migration> read(Path path) {
        withEnvironment();
        return new FlywayMigrationSource().read(List.of(path),
                new MigrationSource.Context(RealHistories.DIALECT.splitter(), Scenario.Transaction.AUTO));
    }

    /** Spring resolves {@code ${DPR_USER}} from system properties as from the environment. */
    public static void withEnvironment() {
        System.setProperty("DPR_USER", USER);
        System.setProperty("DPR_PASSWORD", PASSWORD);
    }
}
