package dev.rehearse.migrate.liquibase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    private final List<String> lines;
    private final Map<String, Integer> starts = new HashMap<>();
    private final Map<String, List<Integer>> changes = new HashMap<>();
    private final TreeSet<Integer> allStarts = new TreeSet<>();

    private ChangeSetLines(List<String> lines) {
        this.lines = lines;
    }

    /** The positions in {@code file}; a file that cannot be read again gives none (statements then take line 1). */
    static ChangeSetLines of(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return new ChangeSetLines(List.of());
        }
        // Liquibase reads past a NUL and replaces a byte that is not UTF-8: both are invalid input at their line
        String text = dev.rehearse.migrate.ScriptText.decode(file, bytes);
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

    /**
     * The line of the changeSet's {@code index}-th change ({@code <createTable>}, {@code - addColumn:}), the
     * changeSet's own line when it is not known.
     */
    int change(String id, String author, int index) {
        List<Integer> lines = changes.getOrDefault(key(id, author), List.of());
        return index >= 0 && index < lines.size() ? lines.get(index) : start(id, author);
    }

    private void put(String id, String author, int line, List<Integer> changeLines) {
        if (starts.putIfAbsent(key(id, author), line) == null) changes.put(key(id, author), changeLines);
        allStarts.add(line);
    }

    private static String key(String id, String author) {
        return id + "\u0000" + author;
    }

    private void formattedSql() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SQL_CHANGESET.matcher(lines.get(i));
            if (m.matches()) put(unquote(m.group(2)), unquote(m.group(1)), i + 1, List.of());
        }
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** What a changeSet holds that is not a change (XMLChangeLogSAXHandler / ChangeSet.load). */
    private static final java.util.Set<String> NOT_CHANGES = java.util.Set.of("comment", "preConditions",
            "validCheckSum", "rollback", "modifySql");

    private void xml(String text) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new StringReader(text));
        int depth = 0, changeSetDepth = -1;
        List<Integer> changeLines = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (changeSetDepth < 0 && r.getLocalName().equals("changeSet")) {
                    changeSetDepth = depth;
                    changeLines = new ArrayList<>();
                    put(r.getAttributeValue(null, "id"), r.getAttributeValue(null, "author"), tagStart(r), changeLines);
                } else if (depth == changeSetDepth + 1 && !NOT_CHANGES.contains(r.getLocalName())) {
                    changeLines.add(tagStart(r));
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == changeSetDepth) changeSetDepth = -1;
                depth--;
            }
        }
    }

    /** StAX reports where a start tag ends; the element starts at its '<', on that line or above. */
    private int tagStart(XMLStreamReader r) {
        Pattern open = Pattern.compile("<([\\w.-]+:)?" + Pattern.quote(r.getLocalName()) + "\\b");
        int line = r.getLocation().getLineNumber();
        while (line > 1 && !open.matcher(lines.get(line - 1)).find()) line--;
        return line;
    }

    private void tree(JsonFactory factory, String text) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("changeSet")) {
                    int line = p.currentTokenLocation().getLineNr();
                    if (p.nextToken() != JsonToken.START_OBJECT) continue;
                    String id = null, author = null;
                    List<Integer> changeLines = new ArrayList<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken value = p.nextToken();
                        if (field.equals("id") && value.isScalarValue()) id = p.getText();
                        else if (field.equals("author") && value.isScalarValue()) author = p.getText();
                        else if (field.equals("changes") && value == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                // a change is { "createTable": {...} }: its line is its type's
                                int at = p.currentTokenLocation().getLineNr();
                                if (p.currentToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME) {
                                    at = p.currentTokenLocation().getLineNr();
                                    do {
                                        p.nextToken();
                                        p.skipChildren();
                                    } while (p.nextToken() == JsonToken.FIELD_NAME);
                                } else {
                                    p.skipChildren();
                                }
                                changeLines.add(at);
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    put(id, author, line, changeLines);
                }
            }
        }
    }

    /** For tests: every start found, in file order. */
    List<Integer> starts() {
        return new ArrayList<>(allStarts);
    }
}
