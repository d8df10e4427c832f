package dev.rehearse.migrate.flyway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rehearse.InvalidInputException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.configuration.ConfigUtils;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flyway settings a deploy of a migrations folder would use, as {@code flyway.*} properties for Flyway's own
 * {@code FluentConfiguration}. Looked for in the folder and each directory above it up to the project root (the first
 * with {@code .git}, {@code pom.xml}, {@code build.gradle[.kts]}, {@code settings.gradle[.kts]} or
 * {@code .rehearse.yaml}; without one, the folder and its parent only), in each: {@code flyway.toml},
 * {@code flyway.user.toml}, {@code flyway.conf}, {@code conf/flyway.*}, and Spring Boot's {@code application.yml},
 * {@code .yaml}, {@code .properties} there, in {@code config/} and in {@code src/main/resources/}. Nearer files win.
 * As Flyway's command line does, TOML files, when any exist, are read and CONF files ignored; Spring's
 * {@code spring.flyway.*} is read only when there is no Flyway file (an app deployed by Spring Boot does not read
 * flyway.conf).
 *
 * @param properties {@code flyway.*} keys as Flyway's legacy configuration names them
 * @param files the files read, nearest last
 * @param classpathRoot where {@code classpath:} locations resolve: the directory of the Spring file (the root of
 *                      the application's class path), else the project's {@code src/main/resources}
 * @param baseDir where relative {@code filesystem:} locations resolve: the directory of the nearest file read
 * @param undoPrefix the undo migrations' prefix ({@code flyway.undoSqlMigrationPrefix}, default {@code U}), which
 *                   Flyway's open-source configuration does not carry
 */
public record FlywaySettings(Map<String, String> properties, List<Path> files, Path classpathRoot, Path baseDir,
                             String undoPrefix) {

    private static final List<String> MARKERS = List.of(".git", "pom.xml", "build.gradle", "build.gradle.kts",
            "settings.gradle", "settings.gradle.kts", ".rehearse.yaml");
    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    /** Settings for migrations at {@code path} (a folder or a file). */
    public static FlywaySettings find(Path path) {
        Path start = (Files.isDirectory(path) ? path : path.toAbsolutePath().getParent()).toAbsolutePath().normalize();
        List<Path> dirs = ancestors(start);
        List<Path> toml = new ArrayList<>(), conf = new ArrayList<>(), spring = new ArrayList<>();
        Path resources = null;
        for (Path d : dirs) { // nearest first
            for (String n : List.of("flyway.user.toml", "flyway.toml", "conf/flyway.user.toml", "conf/flyway.toml")) {
                if (Files.isRegularFile(d.resolve(n))) toml.add(d.resolve(n));
            }
            for (String n : List.of("flyway.conf", "conf/flyway.conf")) {
                if (Files.isRegularFile(d.resolve(n))) conf.add(d.resolve(n));
            }
            for (String dir : List.of("", "config/", "src/main/resources/")) {
                // Spring Boot: .properties wins over .yml in the same place
                for (String n : List.of("application.properties", "application.yml", "application.yaml")) {
                    Path f = d.resolve(dir + n);
                    if (Files.isRegularFile(f)) spring.add(f);
                }
            }
            if (resources == null && Files.isDirectory(d.resolve("src/main/resources"))) resources = d.resolve("src/main/resources");
        }
        Map<String, String> props = new LinkedHashMap<>();
        List<Path> read = new ArrayList<>();
        Path classpathRoot = resources;
        if (!toml.isEmpty() || !conf.isEmpty()) {
            List<Path> files = !toml.isEmpty() ? toml : conf;
            for (Path f : reversed(files)) {
                props.putAll(f.toString().endsWith(".toml") ? toml(f) : conf(f));
                read.add(f);
            }
        } else {
            for (Path f : reversed(spring)) {
                Map<String, String> flyway = spring(f);
                if (flyway.isEmpty()) continue;
                props.putAll(flyway);
                read.add(f);
                classpathRoot = f.getParent();
            }
        }
        if (classpathRoot == null) classpathRoot = start;
        Path baseDir = read.isEmpty() ? start : nearestDir(read.get(read.size() - 1));
        String undo = props.remove("flyway.undoSqlMigrationPrefix");
        return new FlywaySettings(props, read, classpathRoot, baseDir, undo == null ? "U" : undo);
    }

    /** A file under {@code conf/} resolves relative locations from the directory above (Flyway's install dir). */
    private static Path nearestDir(Path file) {
        Path dir = file.getParent();
        return dir.getFileName() != null && dir.getFileName().toString().equals("conf") ? dir.getParent() : dir;
    }

    private static List<Path> ancestors(Path start) {
        List<Path> out = new ArrayList<>();
        for (Path d = start; d != null; d = d.getParent()) {
            out.add(d);
            for (String m : MARKERS) if (Files.exists(d.resolve(m))) return out;
        }
        // no project root: the folder and its parent, not every directory up to /
        return out.subList(0, Math.min(2, out.size()));
    }

    /** Flyway's own reader of the legacy properties format (it expands {@code ${ENV}} as Flyway does). */
    private static Map<String, String> conf(Path f) {
        try {
            return new LinkedHashMap<>(ConfigUtils.loadConfigurationFile(f.toFile(), "UTF-8", true));
        } catch (FlywayException e) {
            throw new InvalidInputException(f + ": " + oneLine(e.getMessage()));
        }
    }

    /** The {@code [flyway]} table (and its sub-tables) as {@code flyway.*} properties; arrays comma-joined. */
    static Map<String, String> toml(Path f) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(f + ": not TOML: " + oneLine(e.getMessage()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode flyway = root.get("flyway");
        if (flyway != null) flatten("flyway", flyway, out);
        return out;
    }

    /** {@code spring.flyway.*} of a Spring Boot file, as Flyway's own keys; Spring's {@code ${...}} resolved. */
    static Map<String, String> spring(Path f) {
        Map<String, String> all = new LinkedHashMap<>();
        String name = f.getFileName().toString();
        try {
            if (name.endsWith(".properties")) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(f)) {
                    p.load(r);
                }
                p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
            } else {
                try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(f.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        // a profile's document applies only under that profile; the deploy's default is without one
                        if (doc == null || doc.at("/spring/config/activate/on-profile").isMissingNode()
                                && doc.at("/spring/profiles").isMissingNode()) {
                            if (doc != null) flatten("", doc, all);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(f + ": cannot read: " + oneLine(e.getMessage()));
        }
        Map<String, String> lists = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("spring.flyway.")) continue;
            String value = resolve(f, key, e.getValue(), all);
            Matcher indexed = Pattern.compile("(.*)\\[\\d+]$").matcher(key);
            if (indexed.matches()) { // locations[0]=..., locations[1]=...
                lists.merge(indexed.group(1), value, (a, b) -> a + "," + b);
                continue;
            }
            put(out, key.substring("spring.flyway.".length()), value);
        }
        lists.forEach((k, v) -> put(out, k.substring("spring.flyway.".length()), v));
        return out;
    }

    /** Spring's relaxed names (kebab-case) to Flyway's; placeholder names stay as written. */
    private static void put(Map<String, String> out, String springKey, String value) {
        if (springKey.startsWith("placeholders.")) {
            out.put("flyway." + springKey, value);
            return;
        }
        String key = camel(springKey);
        switch (key) {
            case "enabled", "checkLocation", "failOnMissingLocations", "password", "driverClassName" -> {
                return; // Spring's switches, or nothing the rehearsal needs
            }
            case "postgresql.transactionalLock" -> key = "postgresql.transactional.lock";
            default -> { }
        }
        out.put("flyway." + key, value);
    }

    static String camel(String kebab) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** {@code ${NAME}} / {@code ${NAME:default}}: a system property, the environment, another key of the file. */
    private static String resolve(Path f, String key, String value, Map<String, String> file) {
        Matcher m = SPRING_PLACEHOLDER.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).strip();
            String v = System.getProperty(name);
            if (v == null) v = System.getenv(name);
            if (v == null) v = file.get(name);
            if (v == null) v = m.group(2);
            if (v == null) {
                throw new InvalidInputException(f + ": " + key + " refers to ${" + name + "}, which is set neither in "
                        + "the environment nor in the file; set it as the deploy does (or give a default: ${" + name + ":value})");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /**
     * The folders to read for {@code path}: the configured locations when {@code path} holds one of them (a project
     * root, or the folder above two locations), as Flyway's deploy scans them all; else {@code path} itself.
     */
    public List<Path> locationsFor(Path path, String configured) {
        Path p = path.toAbsolutePath().normalize();
        if (configured == null || configured.isBlank() || Files.isRegularFile(p)) return List.of(p);
        List<Path> out = new ArrayList<>();
        for (String raw : configured.split(",")) {
            String loc = raw.strip().replace("{vendor}", "postgresql");
            if (loc.isEmpty()) continue;
            Path dir;
            if (loc.startsWith("filesystem:")) {
                Path l = Path.of(loc.substring("filesystem:".length()));
                dir = l.isAbsolute() ? l : baseDir.resolve(l);
            } else {
                String cp = loc.startsWith("classpath:") ? loc.substring("classpath:".length()) : loc;
                dir = classpathRoot.resolve(cp.replaceFirst("^/+", ""));
            }
            dir = dir.normalize();
            if (Files.isDirectory(dir)) out.add(dir);
        }
        // a folder that holds configured locations (the project root) reads them all; a location itself, or a
        // folder inside one, is the user's choice of what to read
        boolean holds = out.stream().anyMatch(l -> l.startsWith(p) && !l.equals(p));
        return holds ? out : List.of(p);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").strip();
    }

    @Override
    public String toString() {
        return files.isEmpty() ? "Flyway's defaults" : String.join(", ", files.stream().map(Path::toString).toList());
    }

    private static List<Path> reversed(List<Path> l) {
        List<Path> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }
}
