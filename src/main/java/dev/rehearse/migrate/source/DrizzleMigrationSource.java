package dev.rehearse.migrate.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.MigrationSource;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.TransactionMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drizzle Kit: {@code <tag>.sql} files applied in the order of {@code meta/_journal.json}'s entries (a file the
 * journal does not name is not applied), each split at {@code --> statement-breakpoint}, as drizzle-orm's
 * {@code readMigrationFiles} does. Its migrator runs every pending migration inside one transaction
 * ({@code PgDialect.migrate}: one {@code session.transaction} around the loop): each migration is a TRANSACTION unit
 * that {@linkplain Migration.Unit#spansMigrations() spans migrations}, so the runner commits after the last pending one,
 * a failure rolls back every pending migration, and CONCURRENTLY fails as at deploy.
 */
public final class DrizzleMigrationSource implements MigrationSource {

    /** Made on first use: every command instantiates every source, and lint of plain SQL needs no Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    static final String BREAKPOINT = "--> statement-breakpoint";

    @Override
    public String format() {
        return "drizzle";
    }

    @Override
    public boolean detect(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(journal(path));
    }

    private static Path journal(Path dir) {
        return dir.resolve("meta").resolve("_journal.json");
    }

    @Override
    public List<Migration> read(List<Path> paths, Context context) {
        List<Migration> out = new ArrayList<>();
        for (Path dir : paths) {
            Scripts.mustExist(dir);
            Path journal = journal(dir);
            if (!Files.isDirectory(dir) || !Files.isRegularFile(journal)) {
                throw new InvalidInputException(dir + ": a Drizzle migrations folder holds meta/_journal.json (drizzle-kit generate writes it)");
            }
            String text = dev.rehearse.migrate.ScriptText.read(journal);
            JsonNode entries;
            try {
                entries = Json.MAPPER.readTree(text).path("entries");
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                throw InvalidInputException.at(journal, line, "not valid JSON: " + e.getOriginalMessage());
            }
            if (!entries.isArray()) throw InvalidInputException.at(journal, 0, "expected an \"entries\" array");
            for (JsonNode entry : entries) {
                String tag = entry.path("tag").asText(null);
                if (tag == null) throw InvalidInputException.at(journal, 0, "expected a \"tag\" in every entry");
                Path file = dir.resolve(tag + ".sql");
                if (!Files.isRegularFile(file)) {
                    throw InvalidInputException.at(journal, Scripts.lineOf(text, "\"" + tag + "\""),
                            "the journal names " + tag + " but " + file.getFileName() + " is not in " + dir
                                    + " (Drizzle stops there)");
                }
                String version = tag.split("_", 2)[0];
                out.add(new Migration(dir.relativize(file).toString(), file, version.matches("\\d+") ? version : null,
                        units(context, file), null, List.of(), List.of()));
            }
        }
        return out;
    }

    private static List<Migration.Unit> units(Context context, Path file) {
        String text = dev.rehearse.migrate.ScriptText.read(file);
        List<SqlStatement> statements = new ArrayList<>();
        int from = 0;
        while (from <= text.length()) {
            int at = text.indexOf(BREAKPOINT, from);
            int to = at < 0 ? text.length() : at;
            statements.addAll(dev.rehearse.migrate.ScriptText.split(context.splitter(), file, text.substring(from, to), Scripts.lineAt(text, from)));
            if (at < 0) break;
            from = at + BREAKPOINT.length();
        }
        // one transaction from the first pending migration to the last, as PgDialect.migrate() runs them
        return statements.isEmpty() ? List.of() : List.of(new Migration.Unit(statements, TransactionMode.TRANSACTION, true));
    }
}
