package dev.rehearse.engine.mysql;

import dev.rehearse.InvalidInputException;

import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The MySQL releases the Docker provider runs, each line pinned to one tag of the official {@code mysql} image so
 * that a rehearsal is repeatable: {@code mysql:8.0} means {@code mysql:8.0.42}; a full version ({@code mysql:8.0.36})
 * is taken as written, for a line this build knows.
 */
public final class MySqlVersions {

    /** Line → pinned image tag. 5.7 is end of life but still what many servers run; 9.x are innovation releases. */
    static final Map<String, String> PINNED = new LinkedHashMap<>();
    static {
        PINNED.put("5.7", "5.7.44");
        PINNED.put("8.0", "8.0.42");
        PINNED.put("8.4", "8.4.5");
        PINNED.put("9.1", "9.1.0");
        PINNED.put("9.2", "9.2.0");
        PINNED.put("9.3", "9.3.0");
    }

    /** {@code mysql:9} is the newest 9.x pinned. */
    private static final String NEWEST_9 = "9.3";

    private MySqlVersions() {}

    /** The image for a requested {@code 8.0}, {@code 8.0.36}, {@code 9} or {@code 9.3}. */
    public static String image(String requested) {
        String[] parts = requested.split("\\.");
        String line = parts.length == 1 && parts[0].equals("9") ? NEWEST_9
                : parts.length >= 2 ? parts[0] + "." + parts[1] : requested;
        String pinned = PINNED.get(line);
        if (pinned == null) {
            throw new InvalidInputException("mysql:" + requested + " is not a MySQL line this build runs; expected one of "
                    + String.join(", ", PINNED.keySet().stream().map(v -> "mysql:" + v).toList()));
        }
        return "mysql:" + (parts.length == 3 ? requested : pinned);
    }

    /** For doctor and errors: {@code mysql:8.0 (mysql:8.0.42)}, ... */
    static String listing() {
        return String.join(", ", PINNED.entrySet().stream().map(e -> "mysql:" + e.getKey() + " (" + e.getValue() + ")").toList());
    }
}
