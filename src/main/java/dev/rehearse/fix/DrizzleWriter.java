package dev.rehearse.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.TransactionMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drizzle Kit's {@code <tag>.sql} files in the order of {@code meta/_journal.json}: the first migration stays in the
 * original file, with {@code --> statement-breakpoint} between its statements when its journal entry has
 * {@code breakpoints} (as drizzle-kit generate writes them; its MySQL driver runs one statement per chunk). Each later
 * one is a new file and a journal entry right after the original's: {@code idx} the last entry's plus one and the tag
 * {@code <idx, 4 digits>_<what>} as drizzle-kit writes them when the original is the last entry, else the tag
 * {@code <original>_<k>_<what>}; {@code when} the original's plus a millisecond per step (the migrator applies an
 * entry whose {@code when} is after the last one it recorded, in journal order). Drizzle has no down migrations.
 *
 * <p>Drizzle's PostgreSQL migrator ({@code PgDialect.migrate} in drizzle-orm, which {@code drizzle-kit migrate}
 * calls) runs every pending migration, breakpoint chunk by chunk, inside one transaction: a step that must run outside
 * a transaction block (CONCURRENTLY, a backfill that commits per batch) fails there (drizzle-orm issue 860, open), and
 * a later step gains nothing from being a migration of its own (VALIDATE still runs under the lock ADD CONSTRAINT
 * took). Such a fix is refused, in one line, rather than written.
 */
final class DrizzleWriter implements MigrationWriter {

    static final String BREAKPOINT = "--> statement-breakpoint";

    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
        /** As drizzle-kit writes the journal: {@code JSON.stringify(journal, null, 2)}. */
        static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    }

    @Override
    public String format() {
        return "drizzle";
    }

    @Override
    public String refuses(Fixer.FileFix fix, List<Migration> all) {
        boolean oneTransaction = fix.original().units().stream()
                .anyMatch(u -> u.spansMigrations() && u.mode() == TransactionMode.TRANSACTION);
        if (!oneTransaction) return null;
        for (Fixer.Segment s : fix.segments()) {
            if (s.outsideTransaction()) {
                return "cannot run under drizzle-kit migrate: Drizzle's migrator runs every pending migration inside one"
                        + " transaction (drizzle-orm PgDialect.migrate; issue 860), and " + cannot(first(s))
                        + "; run that step outside Drizzle's migrator";
            }
        }
        if (fix.segments().size() > 1) {
            return "not a fix under drizzle-kit migrate: Drizzle's migrator runs every pending migration in one"
                    + " transaction (drizzle-orm PgDialect.migrate), so `" + abbreviated(first(fix.segments().get(1)))
                    + "` would still run under the lock the step before it took; ship each step in a deploy of its own";
        }
        return null;
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        Path file = fix.original().file();
        Path dir = file.getParent();
        Path journalFile = dir.resolve("meta").resolve("_journal.json");
        String tag = file.getFileName().toString().replaceFirst("\\.sql$", "");
        String journalText;
        ObjectNode journal;
        try {
            journalText = Files.readString(journalFile);
            journal = (ObjectNode) Json.MAPPER.readTree(journalText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + journalFile + ": " + e.getMessage(), e);
        }
        ArrayNode entries = (ArrayNode) journal.path("entries");
        int at = -1;
        for (int i = 0; i < entries.size(); i++) if (tag.equals(entries.get(i).path("tag").asText())) at = i;
        ObjectNode entry = at < 0 ? null : (ObjectNode) entries.get(at);
        boolean breakpoints = entry == null || entry.path("breakpoints").asBoolean(true);

        List<FileChange> out = new ArrayList<>();
        List<Fixer.Segment> segments = fix.segments();
        out.add(new FileChange(file, fix.originalText(), breakpoints(segments.get(0), SqlFiles.first(segments.get(0)), breakpoints)));
        if (segments.size() == 1) return out;
        if (entry == null) throw new IllegalStateException(journalFile + " has no entry " + tag);
        boolean last = at == entries.size() - 1;
        int idx = 0;
        for (JsonNode e : entries) idx = Math.max(idx, e.path("idx").asInt());
        long when = entry.path("when").asLong();
        for (int k = 2; k <= segments.size(); k++) {
            Fixer.Segment s = segments.get(k - 1);
            String what = SqlFiles.slug(s.name(), k);
            idx++;
            String newTag = last && tag.matches("\\d{4}_.*") ? String.format("%04d_%s", idx, what) : tag + "_" + k + "_" + what;
            ObjectNode e = Json.MAPPER.createObjectNode();
            e.put("idx", idx);
            if (entry.has("version")) e.set("version", entry.get("version"));
            e.put("when", when + k - 1);
            e.put("tag", newTag);
            e.put("breakpoints", breakpoints);
            entries.insert(at + k - 1, e);
            out.add(new FileChange(dir.resolve(newTag + ".sql"), null, breakpoints(s, SqlFiles.body(s), breakpoints)));
        }
        try {
            out.add(new FileChange(journalFile, journalText, Json.MAPPER.writer(Json.PRINTER).writeValueAsString(journal)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The text with a breakpoint after each statement but the last, where none is yet. */
    static String breakpoints(Fixer.Segment s, String text, boolean on) {
        if (!on || s.statements().size() < 2) return text;
        StringBuilder b = new StringBuilder(text);
        int cursor = 0;
        List<String> statements = s.statements();
        for (int i = 0; i < statements.size(); i++) {
            int start = b.indexOf(statements.get(i), cursor);
            if (start < 0) return text; // not as written: leave it as the Fixer made it
            int end = start + statements.get(i).length();
            if (i == statements.size() - 1) break;
            int nextStart = b.indexOf(statements.get(i + 1), end);
            if (nextStart < 0) return text;
            if (b.substring(end, nextStart).contains(BREAKPOINT)) {
                cursor = nextStart;
                continue;
            }
            int semi = end;
            while (semi < b.length() && Character.isWhitespace(b.charAt(semi)) && b.charAt(semi) != '\n') semi++;
            if (semi < b.length() && b.charAt(semi) == ';') end = semi + 1;
            int eol = b.indexOf("\n", end);
            if (eol < 0) eol = b.length();
            String rest = b.substring(end, eol);
            if (rest.isBlank()) b.replace(end, eol, BREAKPOINT); // as drizzle-kit writes it: `...;--> statement-breakpoint`
            else b.insert(eol, "\n" + BREAKPOINT);
            cursor = b.indexOf(statements.get(i + 1), end);
        }
        return b.toString();
    }

    private static String first(Fixer.Segment s) {
        return s.statements().isEmpty() ? "" : s.statements().stream()
                .filter(x -> !x.strip().toUpperCase(java.util.Locale.ROOT).startsWith("SET ")).findFirst()
                .orElse(s.statements().get(0));
    }

    private static String cannot(String sql) {
        return sql.strip().regionMatches(true, 0, "DO", 0, 2)
                ? "the batched backfill (`DO $$ ... $$`) commits per batch, which it cannot inside a transaction block"
                : "`" + abbreviated(sql) + "` cannot run inside a transaction block";
    }

    private static String abbreviated(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
