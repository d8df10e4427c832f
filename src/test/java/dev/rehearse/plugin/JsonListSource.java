package dev.rehearse.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration source that lives in the test tree alone, to prove the seam: a JSON file holding
 * {@code [{"name": ..., "transaction": true|false, "statements": ["SQL", ...]}, ...]}. Registered by one line in
 * src/test/resources/META-INF/services/dev.rehearse.migrate.MigrationSource.
 */
public final class JsonListSource implements MigrationSource {

    @Override
    public String format() {
        return "json-list";
    }

    @Override
    public boolean detect(Path path) {
        return path.getFileName().toString().endsWith(".migrations.json");
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path file : paths) {
            JsonNode root;
            try {
                root = JsonMapper.builder().build().readTree(file.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(file + ": not a JSON list of migrations: " + e.getMessage());
            }
            for (JsonNode m : root) {
                List<SqlStatement> statements = new ArrayList<>();
                // The engine's splitter classifies each statement (CONCURRENTLY cannot run in a transaction...).
                for (JsonNode sql : m.get("statements")) statements.addAll(context.splitter().split(sql.asText()));
                TransactionMode mode = m.path("transaction").asBoolean(true) ? TransactionMode.TRANSACTION
                        : TransactionMode.AUTOCOMMIT;
                out.add(Migration.of(m.get("name").asText(), file, statements, mode, null));
            }
        }
        return out;
    }
}
