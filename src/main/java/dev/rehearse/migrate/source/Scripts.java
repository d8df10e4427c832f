package dev.rehearse.migrate.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlSplitException;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the directory-layout sources share: reading a script, splitting part of it at its lines, the batch mode. */
final class Scripts {

    private static final TomlMapper TOML = new TomlMapper();

    private Scripts() {}

    /** A file's text, UTF-8, without a byte-order mark. */
    static String read(Path file) {
        try {
            String text = Files.readString(file);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw new InvalidInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The statements of {@code text}, a part of {@code file} that starts at line {@code firstLine}: lines are the
     * file's, as every report names them.
     */
    static List<SqlStatement> split(MigrationSource.Context context, Path file, String text, int firstLine) {
        List<SqlStatement> split;
        try {
            split = context.splitter().split(text);
        } catch (SqlSplitException e) {
            throw InvalidInputException.at(file, e.line() + firstLine - 1, e.getMessage());
        }
        List<SqlStatement> out = new ArrayList<>(split.size());
        for (SqlStatement s : split) {
            int line = s.line() + firstLine - 1;
            // psql's meta-commands are the client's, not SQL: these tools send the script to the server as written
            if (s.sql().startsWith("\\")) {
                throw InvalidInputException.at(file, line, "psql meta-command '" + s.sql().split("\\s", 2)[0]
                        + "' is not SQL; the migration tool sends the script to the server as written (remove it)");
            }
            out.add(new SqlStatement(s.sql(), line, s.kind(), s.comments()));
        }
        return out;
    }

    static List<SqlStatement> split(MigrationSource.Context context, Path file, String text) {
        return split(context, file, text, 1);
    }

    /**
     * How a tool that sends a whole script as one simple query, without a transaction of its own, has it run
     * (golang-migrate, Diesel's {@code run_in_transaction = false}, Prisma up to 7.3, dbmate's
     * {@code transaction:false}). PostgreSQL runs a query string of several statements as one implicit transaction,
     * all or nothing, in which CONCURRENTLY, VACUUM and the like fail as in any transaction block; a single statement
     * runs on its own. MySQL and MariaDB commit each statement of a multi-statement batch (and every DDL) alone.
     */
    static TransactionMode batch(List<SqlStatement> statements, EngineSpec engine) {
        boolean postgres = engine == null || engine.kind() == EngineSpec.Kind.POSTGRES;
        return postgres && statements.size() > 1 ? TransactionMode.TRANSACTION : TransactionMode.AUTOCOMMIT;
    }

    /** A TOML file as a tree; a syntax error names its line. */
    static JsonNode toml(Path file) {
        try {
            return TOML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw InvalidInputException.at(file, line, "not valid TOML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The directory's entries that are not hidden, by name. */
    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list migrations: " + e.getMessage());
        }
    }

    static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static void mustExist(Path path) {
        if (!Files.exists(path)) throw new InvalidInputException(path + ": no such migration file or directory");
    }

    /** The 1-based line of the first occurrence of {@code needle} in {@code text}, 0 when absent. */
    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : lineAt(text, at);
    }

    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
