package dev.rehearse.migrate;

import dev.rehearse.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A migration file's text and its statements, as every source reads them: one way, one set of errors. */
public final class ScriptText {

    private ScriptText() {}

    /** A file's text, UTF-8, without a byte-order mark (which is not SQL). */
    public static String read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw InvalidInputException.at(file, 0, "cannot read: is a directory");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    /**
     * {@code bytes} as UTF-8 text without its byte-order mark. A byte that is not UTF-8, or a NUL (which no server
     * takes in a statement: PostgreSQL's protocol ends strings at it), is invalid input at its line and column.
     */
    public static String decode(Path file, byte[] bytes) {
        String text = dev.rehearse.scenario.TextFile.decode(file, bytes,
                "a migration is text, and no server accepts a NUL in a statement (remove it)");
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The statements of {@code text}, a part of {@code file} that starts at line {@code firstLine}: lines are the
     * file's, as every report names them.
     */
    public static List<SqlStatement> split(SqlSplitter splitter, Path file, String text, int firstLine) {
        List<SqlStatement> split;
        try {
            split = splitter.split(text);
        } catch (SqlSplitException e) {
            throw InvalidInputException.at(file, e.line() + firstLine - 1, e.getMessage());
        }
        List<SqlStatement> out = new ArrayList<>(split.size());
        for (SqlStatement s : split) {
            int line = s.line() + firstLine - 1;
            // psql's meta-commands are the client's, not SQL: a migration tool sends the script to the server as written
            if (s.sql().startsWith("\\")) {
                throw InvalidInputException.at(file, line, "psql meta-command '" + s.sql().split("\\s", 2)[0]
                        + "' is not SQL; a migration tool sends the script to the server as written (remove it)");
            }
            out.add(firstLine == 1 ? s : new SqlStatement(s.sql(), line, s.kind(), s.comments()));
        }
        return out;
    }

    /** The statements of {@code text}, the whole of {@code file}. */
    public static List<SqlStatement> split(SqlSplitter splitter, Path file, String text) {
        return split(splitter, file, text, 1);
    }

    /** The whole file's statements. */
    public static List<SqlStatement> statements(SqlSplitter splitter, Path file) {
        return split(splitter, file, read(file), 1);
    }
}
