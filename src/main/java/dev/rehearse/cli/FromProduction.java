package dev.rehearse.cli;

import dev.rehearse.DriftCheck;
import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.migrate.Bookkeeping;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.flyway.FlywayMigrationSource;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code run --from-production URL}: the rehearsal starts from production's real schema (read as drift reads it, read
 * only) and its statistics (as {@code profile capture} reads them), and rehearses what production has not applied
 * yet by its migration tool's own records. Both are written beside the report, so the run can be repeated without
 * production.
 */
final class FromProduction {

    /** The largest table is seeded at most this big unless --rows or the scenario's tables say otherwise. */
    static final long DEFAULT_LARGEST_TABLE = 1_000_000;

    record Start(Scenario scenario, Predicate<Migration> pending) {}

    private FromProduction() {
    }

    /**
     * @param pending the pending set the user named, or null: what production's bookkeeping says it has not applied
     * @param dir     where the schema and the profile read from production are written (the report directory)
     */
    static Start start(Scenario scenario, DriftCheck.Target target, Predicate<Migration> pending, boolean engineGiven, Path dir) {
        DriftCheck.Production p = new DriftCheck(Progress::line).production(target, scenario.migrations().format());
        p.warnings().forEach(w -> Progress.line("from-production: " + w));
        Path schemaFile = dir.resolve("production-schema.sql");
        Path profileFile = dir.resolve("production-profile.yaml");
        Profile profile = p.profile();
        try {
            Files.createDirectories(dir);
            Files.writeString(schemaFile, String.join(";\n\n", p.schema()) + ";\n");
            if (profile != null) {
                Files.writeString(profileFile, ProfileWriter.write(profile, List.of("Captured by `rehearse run"
                        + " --from-production` from " + dev.rehearse.provision.Secrets.mask(target.url())
                        + ": statistics only, no table rows read.")));
            }
        } catch (IOException e) {
            throw new RehearsalFailedException("from-production: cannot write " + dir + ": " + e.getMessage(), e);
        }
        Progress.line("from-production: " + p.schema().size() + " schema statements -> " + schemaFile
                + (profile == null ? "" : "; statistics of " + profile.tables().size() + " tables -> " + profileFile));
        Scenario s = scenario.withSchema(new Scenario.Schema(schemaFile, null));
        if (!engineGiven) s = s.withEngine(p.engine());
        Scenario.Data data = s.data();
        if (data.profile() == null && profile != null) {
            Map<String, Scenario.TableData> tables = data.tables().isEmpty() ? scaled(profile) : data.tables();
            s = s.withData(new Scenario.Data(data.seed(), tables, profileFile));
        }
        return new Start(s, pending != null ? pending : notApplied(p.applied()));
    }

    /** Production's row counts, scaled so that the largest table is at most {@link #DEFAULT_LARGEST_TABLE} rows. */
    private static Map<String, Scenario.TableData> scaled(Profile profile) {
        Map<String, Long> rows = profile.rows();
        long largest = rows.values().stream().mapToLong(Long::longValue).max().orElse(0);
        double scale = largest <= DEFAULT_LARGEST_TABLE ? 1.0 : (double) DEFAULT_LARGEST_TABLE / largest;
        Map<String, Scenario.TableData> out = new LinkedHashMap<>();
        rows.forEach((t, n) -> out.put(t, new Scenario.TableData(n == 0 ? 0 : Math.max(1, Math.round(n * scale)), n)));
        if (scale < 1.0) {
            Progress.line(String.format(java.util.Locale.ROOT, "from-production: seeding at %.4f of production's rows"
                    + " (largest table %,d rows; --rows sets others); estimates scale to production's counts", scale, largest));
        }
        return out;
    }

    private static Predicate<Migration> notApplied(Bookkeeping.Applied applied) {
        if (applied == null) {
            throw new InvalidInputException("--from-production: production has no migration tool's bookkeeping table"
                    + " to say what it applied; name the pending set (--pending, --from or --changed-since)");
        }
        Progress.line("from-production: " + applied.tool() + "'s " + applied.table() + " lists " + applied.versions().size()
                + " applied migrations; the others are rehearsed");
        return m -> {
            String v = Bookkeeping.version(applied, m);
            return !FlywayMigrationSource.createsHistoryTable(m) && v != null
                    && Bookkeeping.compare(applied, List.of(v)).get(0).contains(v);
        };
    }
}
