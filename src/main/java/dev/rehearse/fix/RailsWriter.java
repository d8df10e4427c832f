package dev.rehearse.fix;

import dev.rehearse.InvalidInputException;
import dev.rehearse.migrate.Migration;
import dev.rehearse.migrate.SqlStatement;
import dev.rehearse.migrate.rails.RailsFile;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Rails migrations, {@code db/migrate/<timestamp>_<name>.rb}: in the original file the offending call is replaced by
 * the first step, everything else in it kept (the calls whose statements the fix moves after a later step go with
 * that step). Each later step is a new migration whose timestamp follows the original's by a second per step (it
 * must still sort before the next migration), its class the camelized name, on the original's
 * {@code ActiveRecord::Migration[x.y]}, with {@code disable_ddl_transaction!} where it must run outside a
 * transaction, {@code up} and, where the fix derives one, {@code down}. A statement is written as the DSL call Rails
 * has for it ({@link RailsDsl}) when the migration's Rails version has that call and this project's Rails reader reads
 * the call back to the same statement, else as {@code execute}.
 */
final class RailsWriter implements MigrationWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Override
    public String format() {
        return "rails";
    }


    @Override
    public List<FileChange> write(Fixer.FileFix fix, List<Migration> all) {
        Migration m = fix.original();
        Path file = m.file();
        String text = fix.originalText();
        RailsFile.Outline o = text == null ? null : RailsFile.outline(file, text);
        if (o == null) throw new InvalidInputException(file + ": no migration class with a change or up method to rewrite");
        String[] lines = text.split("\n", -1);
        List<SqlStatement> orig = m.statements();
        int spans = o.body().size();
        Placement placed = Placement.of(orig, o.body().stream().map(x -> new Placement.Span(x.start(), x.end())).toList(),
                fix.segments());
        int[] owner = placed.owner();
        boolean[] owns = placed.owns();
        List<List<Placement.Item>> items = placed.items();
        int[] whole = placed.whole();
        List<Fixer.Segment> segments = fix.segments();
        Set<String> constraintsFk = new HashSet<>(), constraintsCheck = new HashSet<>(), addedColumns = new HashSet<>();
        for (Fixer.Segment s : segments) {
            for (String sql : s.statements()) RailsDsl.learn(sql, constraintsFk, constraintsCheck, addedColumns);
        }
        RailsDsl dsl = new RailsDsl(o.version(), o.superclass(), constraintsFk, constraintsCheck, addedColumns, all);
        String indent = indentOf(lines, o);

        List<FileChange> out = new ArrayList<>();
        // the original file: its body rebuilt around what changed, the rest of the file as it was
        boolean change = o.method().equals("change");
        StringBuilder body = new StringBuilder();
        boolean[] emitted = new boolean[spans], leadDone = new boolean[spans];
        int cursor = 0, lastAnchor = -2;
        List<String> pending = new ArrayList<>();
        // a derived down stands in for Rails' inversion only where no DSL call of the step inverts itself
        boolean allExecute = change && items.get(0).stream().filter(it -> it.original() < 0 || owner[it.original()] >= 0
                && whole[owner[it.original()]] != 0).allMatch(it -> dsl.call(it.sql(), true) == null);
        List<String> firstDown = allExecute ? segments.get(0).down() : List.of();
        for (Placement.Item it : items.get(0)) {
            int j = it.original() >= 0 ? owner[it.original()] : -1;
            if (it.original() >= 0 && j < 0) continue; // a setting the reader adds from the deploy's config
            if (it.original() >= 0 && whole[j] == 0) {
                if (emitted[j]) continue;
                flush(body, pending, dsl, change, firstDown, indent);
                lastAnchor = -2;
                cursor = keep(body, lines, o, owns, emitted, leadDone, cursor, j);
                lead(body, lines, o, j, leadDone);
                span(body, lines, o.body().get(j));
                emitted[j] = true;
                cursor = j + 1;
            } else {
                int a = it.original() >= 0 ? j : it.anchor();
                if (a >= cursor && a != lastAnchor) {
                    flush(body, pending, dsl, change, firstDown, indent);
                    cursor = keep(body, lines, o, owns, emitted, leadDone, cursor, a);
                    lead(body, lines, o, a, leadDone);
                    cursor = Math.max(cursor, a);
                    lastAnchor = a;
                }
                pending.add(it.sql());
            }
        }
        flush(body, pending, dsl, change, firstDown, indent);
        keep(body, lines, o, owns, emitted, leadDone, cursor, spans);
        // what follows the last statement up to the method's end (a trailing comment)
        int lastEnd = spans == 0 ? o.defLine() : o.body().get(spans - 1).end();
        for (int l = lastEnd + 1; l < o.defEnd(); l++) if (!lines[l - 1].isBlank()) body.append(lines[l - 1]).append('\n');
        StringBuilder first = new StringBuilder();
        for (int l = 1; l <= o.defLine(); l++) {
            first.append(lines[l - 1]).append('\n');
            if (l == o.classLine() && segments.get(0).outsideTransaction() && !o.ddlTransactionDisabled()) {
                first.append(indent.substring(Math.min(2, indent.length()))).append("disable_ddl_transaction!\n\n");
            }
        }
        first.append(body);
        for (int l = o.defEnd(); l <= lines.length; l++) {
            first.append(lines[l - 1]);
            if (l < lines.length) first.append('\n');
        }
        out.add(new FileChange(file, text, first.toString()));

        // each later step: a migration of its own
        String version = m.version();
        BigInteger next = null;
        Set<String> names = new HashSet<>();
        for (Migration x : all) {
            if (x.file() != null) {
                Matcher f = RailsFile.fileName(x.file().getFileName().toString());
                if (f.matches()) names.add(RailsFile.camelize(f.group(2)));
            }
            if (x.version() == null || !x.version().matches("\\d+")) continue;
            BigInteger v = new BigInteger(x.version());
            if (v.compareTo(new BigInteger(version)) > 0 && (next == null || v.compareTo(next) < 0)) next = v;
        }
        for (int k = 1; k < segments.size(); k++) {
            Fixer.Segment s = segments.get(k);
            String stamp = stamp(version, k);
            if (next != null && new BigInteger(stamp).compareTo(next) >= 0) {
                throw new InvalidInputException(file + ": fix needs " + (segments.size() - 1) + " migration(s) after "
                        + version + " and before the next one, " + next + ", and no timestamp is free between them; "
                        + "leave a gap of " + segments.size() + " seconds after this migration and run fix again");
            }
            String snake = SqlFiles.slug(s.name(), k + 1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
            String cls = RailsFile.camelize(snake);
            for (int n = 2; names.contains(cls); n++) cls = RailsFile.camelize(snake + "_" + n);
            if (!cls.equals(RailsFile.camelize(snake))) snake = snake + "_" + cls.replaceAll("^.*?(\\d+)$", "$1");
            names.add(cls);
            StringBuilder b = new StringBuilder();
            if (s.step() != null) {
                String[] step = s.step().split("\n");
                b.append("# rehearse fix: ").append(step[0]).append('\n');
                for (int i = 1; i < step.length; i++) b.append("# ").append(step[i]).append('\n');
            }
            b.append("class ").append(cls).append(" < ").append(o.superclass()).append('\n');
            if (s.outsideTransaction()) b.append("  disable_ddl_transaction!\n\n");
            b.append("  def up\n");
            StringBuilder up = new StringBuilder();
            List<String> news = new ArrayList<>();
            boolean[] moved = new boolean[spans];
            for (Placement.Item it : items.get(k)) {
                int j = it.original() >= 0 ? owner[it.original()] : -1;
                if (it.original() >= 0 && j < 0) continue;
                if (it.original() >= 0 && whole[j] == k) {
                    if (moved[j]) continue;
                    flush(up, news, dsl, false, List.of(), "    ");
                    RailsFile.Span sp = o.body().get(j);
                    reindent(up, lines, sp.start(), sp.end(), indent, "    ");
                    moved[j] = true;
                } else {
                    news.add(it.sql());
                }
            }
            flush(up, news, dsl, false, List.of(), "    ");
            b.append(up).append("  end\n");
            if (!s.down().isEmpty()) {
                b.append("\n  def down\n");
                StringBuilder down = new StringBuilder();
                flush(down, new ArrayList<>(s.down()), dsl, false, List.of(), "    ");
                b.append(down).append("  end\n");
            }
            b.append("end\n");
            out.add(new FileChange(file.resolveSibling(stamp + "_" + snake + ".rb"), null, b.toString()));
        }
        return out;
    }

    /** The statement-less calls (say, a guard) between the cursor and span {@code to}, which stay where they are. */
    private static int keep(StringBuilder body, String[] lines, RailsFile.Outline o, boolean[] owns, boolean[] emitted,
                            boolean[] leadDone, int cursor, int to) {
        for (int j = cursor; j < to && j < o.body().size(); j++) {
            if (owns[j] || emitted[j]) continue;
            lead(body, lines, o, j, leadDone);
            span(body, lines, o.body().get(j));
            emitted[j] = true;
        }
        return Math.max(cursor, to);
    }

    /** The comments above a call (blank lines kept between calls, not at the top). */
    private static void lead(StringBuilder body, String[] lines, RailsFile.Outline o, int j, boolean[] done) {
        if (j < 0 || j >= o.body().size() || done[j]) return;
        done[j] = true;
        int from = j == 0 ? o.defLine() + 1 : o.body().get(j - 1).end() + 1;
        for (int l = from; l < o.body().get(j).start(); l++) {
            if (lines[l - 1].isBlank() && body.isEmpty()) continue;
            body.append(lines[l - 1]).append('\n');
        }
    }

    private static void span(StringBuilder body, String[] lines, RailsFile.Span s) {
        for (int l = s.start(); l <= s.end(); l++) body.append(lines[l - 1]).append('\n');
    }

    private static void reindent(StringBuilder b, String[] lines, int from, int to, String was, String now) {
        for (int l = from; l <= to; l++) {
            String line = lines[l - 1];
            b.append(line.startsWith(was) ? now + line.substring(was.length()) : line).append('\n');
        }
    }

    /**
     * The statements the fix writes, as DSL calls or execute. In a {@code change} method an execute cannot be inverted
     * by Rails: consecutive ones go in a {@code reversible} block, the first with {@code down} as its down (given
     * when every statement the step writes is an execute: a DSL call inverts itself).
     */
    private static void flush(StringBuilder b, List<String> pending, RailsDsl dsl, boolean change, List<String> down,
                              String indent) {
        if (pending.isEmpty()) return;
        List<String> rendered = new ArrayList<>();
        for (String sql : pending) rendered.add(dsl.call(sql, change));
        int i = 0;
        while (i < pending.size()) {
            if (rendered.get(i) != null) {
                b.append(indent).append(rendered.get(i)).append('\n');
                i++;
                continue;
            }
            if (!change) {
                b.append(RailsDsl.execute(pending.get(i), indent));
                i++;
                continue;
            }
            b.append(indent).append("reversible do |dir|\n").append(indent).append("  dir.up do\n");
            while (i < pending.size() && rendered.get(i) == null) b.append(RailsDsl.execute(pending.get(i++), indent + "    "));
            b.append(indent).append("  end\n");
            if (!down.isEmpty()) {
                b.append(indent).append("  dir.down do\n");
                for (String d : down) {
                    String call = dsl.call(d, false);
                    if (call != null) b.append(indent).append("    ").append(call).append('\n');
                    else b.append(RailsDsl.execute(d, indent + "    "));
                }
                b.append(indent).append("  end\n");
                down = List.of();
            }
            b.append(indent).append("end\n");
        }
        pending.clear();
    }

    private static String indentOf(String[] lines, RailsFile.Outline o) {
        String def = lines[o.defLine() - 1];
        String defIndent = def.substring(0, def.length() - def.stripLeading().length());
        if (!o.body().isEmpty()) {
            String l = lines[o.body().get(0).start() - 1];
            return l.substring(0, l.length() - l.stripLeading().length());
        }
        return defIndent + "  ";
    }

    /** The original's timestamp plus {@code k} seconds (a plain number plus k when it is not a timestamp). */
    static String stamp(String version, int k) {
        if (version.length() == 14) {
            try {
                return LocalDateTime.parse(version, STAMP).plusSeconds(k).format(STAMP);
            } catch (DateTimeParseException e) {
                // a number of that length that is not a date: counted on as a number
            }
        }
        return new BigInteger(version).add(BigInteger.valueOf(k)).toString();
    }
}
