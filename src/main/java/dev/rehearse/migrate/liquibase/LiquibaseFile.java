package dev.rehearse.migrate.liquibase;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the changeSets of one changelog file are, line by line, as its writer needs them: each changeSet's lines,
 * its header, its changes (XML elements, YAML list items; a formatted SQL changeSet's changes are its statements,
 * which the reader places) and where its rollback starts. Liquibase's parsers keep no positions, so the text is read
 * here: StAX for XML, indentation for YAML, the {@code --changeset} lines for formatted SQL. JSON is not laid out.
 */
public final class LiquibaseFile {

    private LiquibaseFile() {}

    public enum Kind { SQL, XML, YAML, JSON }

    /** Lines 1-based, inclusive. */
    public record Span(int start, int end) {}

    /**
     * @param header the lines of the changeSet's header ({@code --changeset} line, {@code <changeSet ...>} tag, the
     *               {@code - changeSet:} line through its last scalar key before {@code changes:})
     * @param changes its changes in order (empty for formatted SQL)
     * @param rollback the first line of its rollback, null when it has none
     * @param indent a change's indentation (XML, YAML), the changeSet's own for SQL
     */
    public record Block(String id, String author, Span lines, Span header, List<Span> changes, Integer rollback,
                        String indent) {}

    public static Kind kind(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xml")) return Kind.XML;
        if (n.endsWith(".yaml") || n.endsWith(".yml")) return Kind.YAML;
        if (n.endsWith(".json")) return Kind.JSON;
        return Kind.SQL;
    }

    public static List<Block> blocks(Path file, String text) {
        List<String> lines = text.lines().toList();
        try {
            return switch (kind(file)) {
                case SQL -> sql(lines);
                case XML -> xml(text, lines);
                case YAML -> yaml(lines);
                case JSON -> List.of();
            };
        } catch (XMLStreamException e) {
            return List.of();
        }
    }

    private static final Pattern SQL_CHANGESET = Pattern.compile(
            "\\s*--[\\s]*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_ROLLBACK = Pattern.compile("\\s*--\\s*rollback\\b.*", Pattern.CASE_INSENSITIVE);

    private static List<Block> sql(List<String> lines) {
        List<Block> out = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) if (SQL_CHANGESET.matcher(lines.get(i)).matches()) starts.add(i + 1);
        for (int k = 0; k < starts.size(); k++) {
            int start = starts.get(k);
            int end = k + 1 < starts.size() ? starts.get(k + 1) - 1 : lines.size();
            while (end > start && lines.get(end - 1).isBlank()) end--;
            Integer rollback = null;
            for (int l = start + 1; l <= end; l++) {
                if (SQL_ROLLBACK.matcher(lines.get(l - 1)).matches()) {
                    rollback = l;
                    break;
                }
            }
            Matcher m = SQL_CHANGESET.matcher(lines.get(start - 1));
            m.matches();
            out.add(new Block(unquote(m.group(2)), unquote(m.group(1)), new Span(start, end), new Span(start, start),
                    List.of(), rollback, ""));
        }
        return out;
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static final java.util.Set<String> NOT_CHANGES = java.util.Set.of("comment", "preConditions",
            "validCheckSum", "rollback", "modifySql");

    private static List<Block> xml(String text, List<String> lines) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new StringReader(text));
        List<Block> out = new ArrayList<>();
        int depth = 0, setDepth = -1, changeStart = -1;
        String id = null, author = null;
        int start = 0, headerEnd = 0;
        Integer rollback = null;
        String indent = null;
        List<Span> changes = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = r.getLocalName();
                if (setDepth < 0 && name.equals("changeSet")) {
                    setDepth = depth;
                    id = r.getAttributeValue(null, "id");
                    author = r.getAttributeValue(null, "author");
                    start = tagStart(lines, name, r.getLocation().getLineNumber());
                    headerEnd = r.getLocation().getLineNumber();
                    changes = new ArrayList<>();
                    rollback = null;
                    indent = null;
                } else if (depth == setDepth + 1) {
                    int at = tagStart(lines, name, r.getLocation().getLineNumber());
                    if (name.equals("rollback") && rollback == null) rollback = at;
                    if (!NOT_CHANGES.contains(name)) {
                        changeStart = at;
                        String l = lines.get(at - 1);
                        if (indent == null) indent = l.substring(0, l.length() - l.stripLeading().length());
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == setDepth + 1 && changeStart > 0) {
                    changes.add(new Span(changeStart, r.getLocation().getLineNumber()));
                    changeStart = -1;
                } else if (depth == setDepth) {
                    String l = lines.get(start - 1);
                    String own = l.substring(0, l.length() - l.stripLeading().length());
                    out.add(new Block(id, author, new Span(start, r.getLocation().getLineNumber()), new Span(start, headerEnd),
                            changes, rollback, indent == null ? own + "    " : indent));
                    setDepth = -1;
                }
                depth--;
            }
        }
        return out;
    }

    private static int tagStart(List<String> lines, String name, int line) {
        Pattern open = Pattern.compile("<([\\w.-]+:)?" + Pattern.quote(name) + "\\b");
        while (line > 1 && !open.matcher(lines.get(line - 1)).find()) line--;
        return line;
    }

    private static final Pattern YAML_SET = Pattern.compile("^(\\s*)-\\s+changeSet:\\s*$");
    private static final Pattern YAML_KEY = Pattern.compile("^(\\s*)([A-Za-z]+):\\s*(.*)$");
    private static final Pattern YAML_ITEM = Pattern.compile("^(\\s*)-\\s+([A-Za-z]+):.*$");

    private static int indentOf(String l) {
        return l.length() - l.stripLeading().length();
    }

    private static List<Block> yaml(List<String> lines) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher s = YAML_SET.matcher(lines.get(i));
            if (!s.matches()) continue;
            int dash = s.group(1).length();
            int start = i + 1;
            int end = start;
            for (int l = start + 1; l <= lines.size(); l++) {
                String t = lines.get(l - 1);
                if (t.isBlank() || t.strip().startsWith("#")) continue;
                if (indentOf(t) <= dash) break;
                end = l;
            }
            String id = null, author = null;
            Integer rollback = null;
            int keys = -1, headerEnd = start;
            List<Span> changes = new ArrayList<>();
            String indent = null;
            for (int l = start + 1; l <= end; l++) {
                String t = lines.get(l - 1);
                Matcher k = YAML_KEY.matcher(t);
                if (!k.matches() || t.isBlank()) continue;
                if (keys < 0) keys = k.group(1).length();
                if (k.group(1).length() != keys) continue;
                switch (k.group(2)) {
                    case "id" -> id = unquote(k.group(3).replaceAll("^'(.*)'$", "$1"));
                    case "author" -> author = unquote(k.group(3).replaceAll("^'(.*)'$", "$1"));
                    case "rollback" -> rollback = l;
                    case "changes" -> {
                        int itemIndent = -1, itemStart = -1, last = l;
                        int m = l + 1;
                        for (; m <= end; m++) {
                            String c = lines.get(m - 1);
                            if (c.isBlank() || c.strip().startsWith("#")) continue;
                            if (indentOf(c) <= keys && !(indentOf(c) == keys && c.stripLeading().startsWith("-"))) break;
                            Matcher it = YAML_ITEM.matcher(c);
                            if (it.matches() && (itemIndent < 0 || it.group(1).length() == itemIndent)) {
                                if (itemStart > 0) changes.add(new Span(itemStart, last));
                                itemIndent = it.group(1).length();
                                itemStart = m;
                                if (indent == null) indent = it.group(1);
                            }
                            last = m;
                        }
                        if (itemStart > 0) changes.add(new Span(itemStart, last));
                    }
                    default -> { }
                }
                if (changes.isEmpty() && rollback == null && !k.group(2).equals("changes")) headerEnd = l;
            }
            out.add(new Block(id, author, new Span(start, end), new Span(start, headerEnd), changes, rollback,
                    indent == null ? " ".repeat(dash + 6) : indent));
        }
        return out;
    }
}
