package dev.rehearse.migrate;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** The migration sources on the class path, by format. */
public final class MigrationSources {

    /** The formats the contract names (CONTRACT.md); one this build lacks is a missing capability, not a mistake. */
    public static final List<String> CONTRACT = List.of("sql", "flyway", "liquibase", "prisma", "drizzle", "rails");

    private static final List<MigrationSource> ALL = ServiceLoader.load(MigrationSource.class,
            MigrationSources.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private MigrationSources() {}

    public static List<MigrationSource> all() {
        return ALL;
    }

    /** The formats a user may name: the contract's, then any plug-in's. */
    public static List<String> names() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(CONTRACT);
        ALL.forEach(s -> out.add(s.format()));
        return List.copyOf(out);
    }

    /**
     * @throws RehearsalFailedException (exit 3) for a format the contract names that this build lacks
     * @throws InvalidInputException for a format nobody names
     */
    public static MigrationSource forFormat(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        for (MigrationSource s : ALL) if (s.format().equals(f)) return s;
        if (CONTRACT.contains(f)) {
            throw new RehearsalFailedException("--format " + format + " is not available in this build yet; "
                    + String.join(", ", ALL.stream().map(MigrationSource::format).toList()) + " is");
        }
        throw new InvalidInputException("--format: '" + format + "'; expected one of " + String.join(", ", names()));
    }

    /** The first source that recognises the layout of the first path; plain SQL otherwise. */
    public static MigrationSource detect(List<Path> paths) {
        if (!paths.isEmpty()) {
            for (MigrationSource s : ALL) if (!s.format().equals("sql") && s.detect(paths.get(0))) return s;
        }
        return forFormat("sql");
    }
}
