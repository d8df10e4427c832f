package dev.rehearse.migrate.liquibase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each changeSet of one changelog file starts, and where a statement's text sits inside it. Liquibase's parsers
 * keep no positions, so the file is read again here: StAX for XML, Jackson's token locations for YAML and JSON, the
 * {@code --changeset author:id} line for formatted SQL.
 */
final class ChangeSetLines {

    /** Liquibase's own pattern ({@code AbstractFormattedChangeLogParser.CHANGE_SET_REGEX}): author, then id. */
    private static final Pattern SQL_CHANGESET = Pattern.compile(
            "\\s*--[\\s]*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_CHANGESET = Pattern.compile("<([\\w.-]+:)?changeSet\\b");

    private final List<String> lines;
    private final Map<String, Integer> starts = new HashMap<>();
    private final TreeSet<Integer> allStarts = new TreeSet<>();

    private ChangeSetLines(List<String> lines) {
        this.lines = lines;
    }

    /** The positions in {@code file}; a file that cannot be read again gives none (statements then take line 1). */
    static ChangeSetLines of(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return new ChangeSetLines(List.of());
        }
        ChangeSetLines out = new ChangeSetLines(text.lines().toList());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xml")) out.xml(text);
            else if (name.endsWith(".yaml") || name.endsWith(".yml")) out.tree(new YAMLFactory(), text);
            else if (name.endsWith(".json")) out.tree(new JsonFactory(), text);
            else out.formattedSql();
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // Liquibase parsed it already; a position we cannot find falls back to the file's first line
        }
        return out;
    }

    /** The changeSet's first line, 1 when it cannot be found. */
    int start(String id, String author) {
        return starts.getOrDefault(key(id, author), 1);
    }

    /**
     * The line where a statement Liquibase sends is written inside the changeSet starting at {@code start}, searching
     * from line {@code from} on: the first line of its text, as written (raw SQL, formatted SQL, a rollback block);
     * null when the text is generated (a createTable) or rewritten (properties, modifySql).
     */
    Integer find(String sql, int start, int from) {
        String first = sql.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
        if (first == null) return null;
        Integer next = allStarts.higher(start);
        int end = next == null ? lines.size() : next - 1;
        for (int i = Math.max(from, start); i <= end; i++) {
            if (lines.get(i - 1).contains(first)) return i;
        }
        return null;
    }

    private void put(String id, String author, int line) {
        starts.putIfAbsent(key(id, author), line);
        allStarts.add(line);
    }

    private static String key(String id, String author) {
        return id + "\u0000" + author;
    }

    private void formattedSql() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SQL_CHANGESET.matcher(lines.get(i));
            if (m.matches()) put(unquote(m.group(2)), unquote(m.group(1)), i + 1);
        }
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private void xml(String text) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new StringReader(text));
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("changeSet")) {
                // StAX reports where the start tag ends; the changeSet starts at its '<', on that line or above
                int end = r.getLocation().getLineNumber();
                int line = end;
                while (line > 1 && !XML_CHANGESET.matcher(lines.get(line - 1)).find()) line--;
                put(r.getAttributeValue(null, "id"), r.getAttributeValue(null, "author"), line);
            }
        }
    }

    private void tree(JsonFactory factory, String text) throws IOException {
        ObjectMapper mapper = new ObjectMapper(factory);
        try (JsonParser p = factory.createParser(text)) {
            p.setCodec(mapper);
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("changeSet")) {
                    int line = p.currentTokenLocation().getLineNr();
                    if (p.nextToken() != JsonToken.START_OBJECT) continue;
                    JsonNode cs = p.readValueAsTree();
                    put(cs.path("id").asText(null), cs.path("author").asText(null), line);
                }
            }
        }
    }

    /** For tests: every start found, in file order. */
    List<Integer> starts() {
        return new ArrayList<>(allStarts);
    }
}
