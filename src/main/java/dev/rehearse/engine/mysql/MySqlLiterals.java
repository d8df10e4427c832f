package dev.rehearse.engine.mysql;

import dev.rehearse.seed.Literals;

import java.util.List;

/**
 * The MySQL family's spelling of the values with no neutral text, as the {@code LOAD DATA} loaders
 * ({@link LoadDataLocal}, MariaDB's) load them.
 */
public final class MySqlLiterals implements Literals {

    public static final MySqlLiterals INSTANCE = new MySqlLiterals();

    /** Hex digits: the loader applies UNHEX to binary columns. */
    @Override
    public String bytes(String hex) {
        return hex;
    }

    /** The MySQL family has no interval type; a duration is stored as its seconds. */
    @Override
    public String interval(long seconds) {
        return Long.toString(seconds);
    }

    /** DATETIME/TIMESTAMP take the UTC wall time as written (the server session runs at its own time zone). */
    @Override
    public String timestampUtc(String local) {
        return local;
    }

    /** No array type: a JSON array, for a JSON column. */
    @Override
    public String array(List<String> elements) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) b.append(',');
            String e = elements.get(i);
            b.append(e == null ? "null" : "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return b.append(']').toString();
    }
}
