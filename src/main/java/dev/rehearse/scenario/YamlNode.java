package dev.rehearse.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.rehearse.InvalidInputException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain nodes that remember their line, so that every validation error can say
 * {@code file:line}. Jackson's own tree drops locations, hence this small one built from the token stream.
 */
public sealed interface YamlNode {

    /** 1-based line where the node starts. */
    int line();

    /** A scalar; {@code text} is null for YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, int line) implements YamlNode {}

    record Sequence(List<YamlNode> items, int line) implements YamlNode {}

    /** Keys in document order. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {}

    record Entry(String key, int keyLine, YamlNode value) {}

    /** How a node reads in "got ..." messages. */
    static String describe(YamlNode node) {
        if (node instanceof Scalar s) return s.text() == null ? "nothing" : "'" + s.text() + "'";
        return node instanceof Mapping ? "a mapping" : "a list";
    }

    /** Parses one document; null when it is empty (only comments, or nothing at all). */
    /** Reads and parses a YAML file; an unreadable file is a one-line error naming it. Null for an empty file. */
    static YamlNode read(Path file) {
        byte[] content;
        try {
            if (Files.isDirectory(file)) throw InvalidInputException.at(file, 0, "cannot read: is a directory");
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(file, 0, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw InvalidInputException.at(file, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, content);
    }

    static YamlNode parse(Path file, byte[] content) {
        // Jackson names a bad byte by its offset in a buffer (and SnakeYAML a NUL at line 1): say its line and column
        TextFile.decode(file, content, "expected YAML text (remove it)");
        try (JsonParser p = new YAMLFactory().createParser(content)) {
            JsonToken first = p.nextToken();
            if (first == null) return null;
            YamlNode root = read(file, p);
            if (p.nextToken() != null) {
                throw InvalidInputException.at(file, line(p), "expected one YAML document, found more");
            }
            return root instanceof Scalar s && s.text() == null ? null : root;
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    private static YamlNode read(Path file, JsonParser p) throws IOException {
        int line = line(p);
        // Jackson hands an alias over as its name, which would then read as a plain string value.
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw InvalidInputException.at(file, line, "YAML aliases (*" + p.getText() + ") are not supported; repeat the value");
        }
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    p.nextToken();
                    // Jackson keeps the last of two equal keys; a silent override hides typos, so reject it.
                    if (entries.containsKey(key)) throw InvalidInputException.at(file, keyLine, "duplicate key '" + key + "'");
                    entries.put(key, new Entry(key, keyLine, read(file, p)));
                }
                return new Mapping(Collections.unmodifiableMap(entries), line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(file, p));
                return new Sequence(List.copyOf(items), line);
            }
            case VALUE_NULL -> {
                return new Scalar(null, line);
            }
            default -> {
                return new Scalar(p.getText(), line);
            }
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    /** One line with SnakeYAML's problem and mark when there is one; Jackson's location otherwise. */
    private static InvalidInputException syntaxError(Path file, JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                String problem = m.getProblem() != null ? m.getProblem() : m.getContext();
                return InvalidInputException.at(file, m.getProblemMark().getLine() + 1,
                        "invalid YAML: " + oneLine(problem));
            }
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return InvalidInputException.at(file, Math.max(line, 0), "invalid YAML: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String s) {
        // Drops a leading exception class name ("java.io.CharConversionException: ...").
        return s == null ? "syntax error" : s.replaceAll("\\s+", " ").replaceFirst("^([a-z]+\\.)+[A-Za-z]+: ", "").trim();
    }
}
