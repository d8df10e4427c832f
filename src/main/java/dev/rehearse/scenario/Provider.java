package dev.rehearse.scenario;

import java.util.Locale;

/** Where the database comes from. */
public enum Provider {
    /** Binaries from Maven Central, started on this machine. */
    EMBEDDED,
    /** A container through Testcontainers. */
    DOCKER,
    /** A server the user owns, reached by JDBC URL. */
    EXTERNAL;

    public static Provider parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown provider '" + text + "'; expected embedded, docker or external");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
