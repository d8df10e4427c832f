package dev.rehearse.fix;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.liquibase.LiquibaseFile;
import dev.rehearse.migrate.liquibase.LiquibaseFile.Block;
import dev.rehearse.migrate.liquibase.LiquibaseFile.Kind;
import dev.rehearse.migrate.liquibase.LiquibaseFile.Span;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Liquibase changelogs, in the changelog's own format (formatted SQL, XML, YAML): in the offending changeSet the
 * offending change (a formatted SQL changeSet's statement) is replaced by the first step, everything else in it kept;
 * each later step is a new changeSet right after it, id {@code <id>-<k>} (step k; {@code -fix} added while that id is
 * taken), the original's author, {@code runInTransaction:false} where it must run outside a transaction, and a
 * rollback from the derived down. A statement is written as a raw {@code sql} change ({@code splitStatements:false}
 * where it holds a dollar-quoted body, which Liquibase's splitter does not keep whole). Only the offending changeSet
 * is edited, and it is pending (fix rewrites pending migrations only): the changeSets around it keep their text, so
 * their checksums. JSON changelogs are read but not written.
 */
final class LiquibaseWriter implements MigrationWriter {

    @Override
    public String format() {
        return "liquibase";
    }

    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        return write(List.of(fix), all);
    }

    /** Several changeSets of one file fixed: their edits made on one text, the last in the file first. */
    @Override
    public List<FileChange> write(List<Fixer.FileFix> fixes, List<Migration> all) {
        Map<Path, List<Fixer.FileFix>> byFile = new LinkedHashMap<>();
        for (Fixer.FileFix f : fixes) byFile.computeIfAbsent(f.original().file(), k -> new ArrayList<>()).add(f);
        List<FileChange> out = new ArrayList<>();
        for (var e : byFile.entrySet()) {
            Path file = e.getKey();
            String text = e.getValue().get(0).originalText();
            if (LiquibaseFile.kind(file) == Kind.JSON) {
                throw new MigrationWriters.Unsupported("fix: " + file + ": JSON changelogs are read but not written by"
                        + " this build (it writes formatted SQL, XML and YAML changelogs)");
            }
            List<String> lines = new ArrayList<>(text.lines().toList());
            List<Block> blocks = LiquibaseFile.blocks(file, text);
            Set<String> ids = new HashSet<>();
            for (Block b : blocks) ids.add(b.id() + "\u0000" + b.author());
            record Edit(Block block, String replacement) {}
            List<Edit> edits = new ArrayList<>();
            for (Fixer.FileFix f : e.getValue()) {
                Block b = block(blocks, f.original());
                edits.add(new Edit(b, edit(f, b, lines, ids, LiquibaseFile.kind(file))));
            }
            edits.sort(Comparator.comparingInt((Edit x) -> x.block().lines().start()).reversed());
            for (Edit x : edits) {
                Span s = x.block().lines();
                for (int l = s.end(); l >= s.start(); l--) lines.remove(l - 1);
                lines.add(s.start() - 1, x.replacement().endsWith("\n")
                        ? x.replacement().substring(0, x.replacement().length() - 1) : x.replacement());
            }
            out.add(new FileChange(file, text, String.join("\n", lines) + "\n"));
        }
        return out;
    }

    private static Block block(List<Block> blocks, Migration m) {
        List<Block> same = blocks.stream().filter(b -> m.version() != null && m.version().equals(b.id())).toList();
        int first = m.statements().isEmpty() ? -1 : m.statements().get(0).line();
        for (Block b : same) if (first >= b.lines().start() && first <= b.lines().end()) return b;
        if (!same.isEmpty()) return same.get(0);
        throw new InvalidInputException(m.file() + ": cannot find changeSet " + m.version() + " in the file to rewrite it");
    }


    /** The changeSet's lines as the fix ships them: the changeSet itself, then the new ones. */
    private static String edit(Fixer.FileFix fix, Block b, List<String> lines, Set<String> ids, Kind kind) {
        Migration m = fix.original();
        List<SqlStatement> orig = m.statements();
        // the changes, and the lines around them that stay as they are
        List<Span> spans;
        int regionStart, regionEnd;
        if (kind == Kind.SQL) {
            regionStart = b.header().end() + 1;
            regionEnd = b.rollback() != null ? b.rollback() - 1 : b.lines().end();
            List<Integer> starts = orig.stream().map(SqlStatement::line).filter(l -> l >= regionStart && l <= regionEnd)
                    .distinct().sorted().toList();
            spans = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                int end = i + 1 < starts.size() ? starts.get(i + 1) - 1 : regionEnd;
                while (end > starts.get(i) && (lines.get(end - 1).isBlank() || lines.get(end - 1).strip().startsWith("--"))) end--;
                spans.add(new Span(starts.get(i), end));
            }
        } else {
            spans = b.changes();
            if (spans.isEmpty()) throw new InvalidInputException(m.file() + ":" + b.lines().start() + ": changeSet " + b.id() + " has no changes to rewrite");
            regionStart = spans.get(0).start();
            regionEnd = spans.get(spans.size() - 1).end();
        }
        int n = spans.size();
        Placement placed = Placement.of(orig, spans.stream().map(x -> new Placement.Span(x.start(), x.end())).toList(),
                fix.segments());
        int[] owner = placed.owner();
        boolean[] owns = placed.owns();
        List<List<Placement.Item>> items = placed.items();
        int[] whole = placed.whole();
        List<Fixer.Segment> segments = fix.segments();
        String changeIndent = kind == Kind.SQL ? "" : b.indent();

        // the changeSet itself
        StringBuilder region = new StringBuilder();
        boolean[] emitted = new boolean[n], leadDone = new boolean[n];
        int cursor = 0;
        boolean keptAny = false;
        for (Placement.Item it : items.get(0)) {
            int j = it.original() >= 0 ? owner[it.original()] : -1;
            if (it.original() >= 0 && j < 0) continue;
            if (it.original() >= 0 && whole[j] == 0) {
                if (emitted[j]) continue;
                cursor = keep(region, lines, spans, owns, emitted, leadDone, cursor, j, regionStart);
                lead(region, lines, spans, j, leadDone, regionStart);
                copy(region, lines, spans.get(j));
                emitted[j] = true;
                keptAny = true;
                cursor = j + 1;
            } else {
                int a = it.original() >= 0 ? j : it.anchor();
                if (a >= cursor) {
                    cursor = keep(region, lines, spans, owns, emitted, leadDone, cursor, a, regionStart);
                    lead(region, lines, spans, a, leadDone, regionStart);
                    cursor = Math.max(cursor, a);
                }
                region.append(change(kind, it.sql(), changeIndent));
            }
        }
        keep(region, lines, spans, owns, emitted, leadDone, cursor, n, regionStart);
        Fixer.Segment first = segments.get(0);
        StringBuilder out = new StringBuilder();
        String header = String.join("\n", lines.subList(b.header().start() - 1, b.header().end()));
        for (int l = b.lines().start(); l < regionStart; l++) {
            String line = lines.get(l - 1);
            boolean inHeader = l >= b.header().start() && l <= b.header().end();
            if (first.outsideTransaction() && inHeader) line = headerOutside(kind, line, l == b.header().end());
            if (kind == Kind.SQL && l == b.header().start() && splits(first) && !line.contains("splitStatements")) {
                line = line + " splitStatements:false";
            }
            out.append(line).append('\n');
            if (kind == Kind.YAML && first.outsideTransaction() && l == b.header().end() && !header.contains("runInTransaction")) {
                out.append(keyIndent(lines, b)).append("runInTransaction: false\n");
            }
        }
        out.append(region);
        int after = regionEnd + 1;
        // a change Liquibase could roll back by itself (createIndex, addColumn) keeps a rollback once it is raw SQL
        if (b.rollback() == null && !keptAny && !first.down().isEmpty() && !m.down().isEmpty()) {
            out.append(rollback(kind, first.down(), b, lines));
        }
        for (int l = after; l <= b.lines().end(); l++) out.append(lines.get(l - 1)).append('\n');

        // each later step: a changeSet of its own, right after
        for (int k = 1; k < segments.size(); k++) {
            Fixer.Segment s = segments.get(k);
            String id = b.id() + "-" + (k + 1);
            while (ids.contains(id + "\u0000" + b.author())) id = id + "-fix";
            ids.add(id + "\u0000" + b.author());
            StringBuilder body = new StringBuilder();
            boolean[] moved = new boolean[n];
            for (Placement.Item it : items.get(k)) {
                int j = it.original() >= 0 ? owner[it.original()] : -1;
                if (it.original() >= 0 && j < 0) continue;
                if (it.original() >= 0 && whole[j] == k) {
                    if (moved[j]) continue;
                    copy(body, lines, spans.get(j));
                    moved[j] = true;
                } else {
                    body.append(change(kind, it.sql(), kind == Kind.SQL ? "" : changeIndent));
                }
            }
            out.append('\n').append(changeSet(kind, id, b, s, body.toString(), lines));
        }
        return out.toString();
    }

    /** A statement holds a dollar-quoted body: Liquibase's splitter would cut it at its inner semicolons. */
    private static boolean dollar(String sql) {
        return sql.matches("(?s).*\\$[A-Za-z_]*\\$.*");
    }

    private static boolean splits(Fixer.Segment s) {
        return s.statements().stream().anyMatch(LiquibaseWriter::dollar);
    }

    private static String headerOutside(Kind kind, String line, boolean last) {
        switch (kind) {
            case SQL:
                if (line.matches("(?i).*runInTransaction:\\s*true.*")) return line.replaceAll("(?i)runInTransaction:\\s*true", "runInTransaction:false");
                return line.contains("runInTransaction") ? line : line + " runInTransaction:false";
            case XML:
                if (line.contains("runInTransaction=\"true\"")) return line.replace("runInTransaction=\"true\"", "runInTransaction=\"false\"");
                if (!last || line.contains("runInTransaction")) return line;
                int gt = line.lastIndexOf('>');
                return gt < 0 ? line : line.substring(0, gt) + " runInTransaction=\"false\"" + line.substring(gt);
            default:
                return line.replaceAll("runInTransaction:\\s*true", "runInTransaction: false");
        }
    }

    private static String keyIndent(List<String> lines, Block b) {
        String l = lines.get(Math.min(b.header().start(), b.lines().end() - 1));
        return l.substring(0, l.length() - l.stripLeading().length());
    }

    private static int keep(StringBuilder b, List<String> lines, List<Span> spans, boolean[] owns, boolean[] emitted,
                            boolean[] leadDone, int cursor, int to, int regionStart) {
        for (int j = cursor; j < to && j < spans.size(); j++) {
            if (owns[j] || emitted[j]) continue;
            lead(b, lines, spans, j, leadDone, regionStart);
            copy(b, lines, spans.get(j));
            emitted[j] = true;
        }
        return Math.max(cursor, to);
    }

    private static void lead(StringBuilder b, List<String> lines, List<Span> spans, int j, boolean[] done, int regionStart) {
        if (j < 0 || j >= spans.size() || done[j]) return;
        done[j] = true;
        int from = j == 0 ? regionStart : spans.get(j - 1).end() + 1;
        for (int l = from; l < spans.get(j).start(); l++) b.append(lines.get(l - 1)).append('\n');
    }

    private static void copy(StringBuilder b, List<String> lines, Span s) {
        for (int l = s.start(); l <= s.end(); l++) b.append(lines.get(l - 1)).append('\n');
    }

    /** One statement as a change: the SQL itself in formatted SQL, a raw {@code sql} change in XML and YAML. */
    private static String change(Kind kind, String sql, String indent) {
        String s = sql.strip();
        switch (kind) {
            case SQL:
                return s + ";\n";
            case XML: {
                String attr = dollar(s) ? " splitStatements=\"false\"" : "";
                if (!s.contains("\n") && !s.contains("<") && !s.contains("&")) return indent + "<sql" + attr + ">" + s + "</sql>\n";
                return indent + "<sql" + attr + "><![CDATA[\n" + s.replace("]]>", "]]]]><![CDATA[>") + "\n" + indent + "]]></sql>\n";
            }
            default: {
                StringBuilder b = new StringBuilder(indent).append("- sql:\n");
                b.append(indent).append("    sql: |-\n");
                for (String l : s.split("\n", -1)) b.append(l.isBlank() ? "" : indent + "      " + l).append('\n');
                if (dollar(s)) b.append(indent).append("    splitStatements: false\n");
                return b.toString();
            }
        }
    }

    private static String rollback(Kind kind, List<String> down, Block b, List<String> lines) {
        StringBuilder r = new StringBuilder();
        switch (kind) {
            case SQL -> {
                for (String d : down) for (String l : (d.strip() + ";").split("\n")) r.append("--rollback ").append(l).append('\n');
            }
            case XML -> {
                r.append(b.indent()).append("<rollback>\n");
                for (String d : down) r.append(change(kind, d, b.indent() + "    "));
                r.append(b.indent()).append("</rollback>\n");
            }
            default -> {
                String key = keyIndent(lines, b);
                r.append(key).append("rollback:\n");
                for (String d : down) r.append(change(kind, d, key + "  "));
            }
        }
        return r.toString();
    }

    private static String ownIndent(List<String> lines, Block b) {
        String l = lines.get(b.lines().start() - 1);
        return l.substring(0, l.length() - l.stripLeading().length());
    }

    private static String changeSet(Kind kind, String id, Block b, Fixer.Segment s, String body, List<String> lines) {
        String own = ownIndent(lines, b);
        String[] step = s.step() == null ? new String[0] : s.step().split("\n");
        StringBuilder c = new StringBuilder();
        switch (kind) {
            case SQL -> {
                c.append("--changeset ").append(quoted(b.author())).append(':').append(quoted(id));
                if (s.outsideTransaction()) c.append(" runInTransaction:false");
                if (splits(s)) c.append(" splitStatements:false");
                c.append('\n');
                for (int i = 0; i < step.length; i++) c.append(i == 0 ? "-- rehearse fix: " : "-- ").append(step[i]).append('\n');
                c.append(body);
                if (!s.down().isEmpty()) c.append(rollback(kind, s.down(), b, lines));
            }
            case XML -> {
                c.append(own).append("<changeSet id=\"").append(xml(id)).append("\" author=\"").append(xml(b.author())).append('"');
                if (s.outsideTransaction()) c.append(" runInTransaction=\"false\"");
                c.append(">\n");
                if (step.length > 0) c.append(b.indent()).append("<comment>rehearse fix: ").append(xml(String.join("; ", step))).append("</comment>\n");
                c.append(body);
                if (!s.down().isEmpty()) c.append(rollback(kind, s.down(), b, lines));
                c.append(own).append("</changeSet>\n");
            }
            default -> {
                String key = keyIndent(lines, b);
                c.append(own).append("- changeSet:\n");
                c.append(key).append("id: ").append(yaml(id)).append('\n');
                c.append(key).append("author: ").append(yaml(b.author())).append('\n');
                if (s.outsideTransaction()) c.append(key).append("runInTransaction: false\n");
                if (step.length > 0) c.append(key).append("comment: ").append(yaml("rehearse fix: " + String.join("; ", step))).append('\n');
                c.append(key).append("changes:\n").append(body);
                if (!s.down().isEmpty()) c.append(rollback(kind, s.down(), b, lines));
            }
        }
        return c.toString();
    }

    private static String quoted(String s) {
        return s.matches("[^\\s:\"]+") ? s : "\"" + s + "\"";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static String yaml(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
