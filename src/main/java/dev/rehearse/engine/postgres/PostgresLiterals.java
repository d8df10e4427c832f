package dev.rehearse.engine.postgres;

import dev.rehearse.seed.Literals;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL's input forms, as COPY text reads them: {@code \x} hex bytea, {@code {...}} arrays, {@code +00} zones. */
public final class PostgresLiterals implements Literals {

    public static final PostgresLiterals INSTANCE = new PostgresLiterals();

    @Override
    public String bytes(String hex) {
        return "\\x" + hex;
    }

    @Override
    public String interval(long seconds) {
        return seconds + " seconds";
    }

    @Override
    public String timestampUtc(String local) {
        return local + "+00";
    }

    @Override
    public String array(List<String> elements) {
        return elements.stream().map(PostgresLiterals::element).collect(Collectors.joining(",", "{", "}"));
    }

    private static String element(String e) {
        if (e == null) return "NULL";
        return "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
