package dev.rehearse.migrate.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;
import dev.rehearse.scenario.EngineSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the directory-layout sources share: reading a script, splitting part of it at its lines, the batch mode. */
final class Scripts {

    /** Made on first use: every command loads this class, and lint of plain SQL reads no TOML (nor needs Jackson). */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    private Scripts() {}

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
            return Toml.MAPPER.readTree(file.toFile());
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
