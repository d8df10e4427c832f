package dev.rehearse.engine.postgres;

import dev.rehearse.InvalidInputException;
import dev.rehearse.Version;

import java.util.Map;

/**
 * Maps what users write ({@code 16}, {@code 16.4}) to a version of the zonky binaries artifact on Maven
 * Central. A bare major pins the newest release known when this build was made, so that a rehearsal is
 * reproducible rather than drifting with whatever was published last night.
 */
public final class PostgresVersions {

    public static final int MIN_MAJOR = 10;
    public static final int MAX_MAJOR = 18;

    private static final Map<Integer, String> NEWEST = Map.of(
            10, "10.23.0", 11, "11.22.1", 12, "12.22.0", 13, "13.23.0", 14, "14.24.0",
            15, "15.19.0", 16, "16.15.0", 17, "17.11.0", 18, "18.6.0");

    private PostgresVersions() {}

    /** The binaries artifact version for a user's version text. */
    public static String artifactVersion(String version) {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        if (major < MIN_MAJOR || major > MAX_MAJOR) {
            throw new InvalidInputException("postgres:" + version + " is not supported; expected a version from "
                    + MIN_MAJOR + " to " + MAX_MAJOR + " (e.g. postgres:16 or postgres:16.4)");
        }
        return switch (parts.length) {
            case 1 -> NEWEST.get(major);
            case 2 -> version + ".0";
            default -> version;
        };
    }

    /** The version bundled in this jar, which needs no download. */
    public static String bundled() {
        return Version.property("postgres.bundled", "");
    }
}
