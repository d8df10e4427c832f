package dev.rehearse.report;

import dev.rehearse.model.Drift;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** {@code rehearse drift}'s outputs: the console, {@code drift.json} and {@code drift.md} (for an issue or a PR). */
public final class DriftReport {

    /** A stable marker, so a nightly bot updates the same issue comment. */
    public static final String MARKER = "<!-- rehearse:drift -->";

    private DriftReport() {
    }

    public static String json(Drift d) {
        return JsonReport.write(d);
    }

    public static Drift parse(String json) throws IOException {
        return JsonReport.read(json, Drift.class);
    }

    public static String console(Drift d) {
        StringBuilder b = new StringBuilder();
        b.append("drift: ").append(d.target().url()).append(" (").append(d.target().engine()).append(' ')
                .append(d.target().version()).append(", ").append(d.target().objects()).append(" objects)\n");
        b.append("  against ").append(d.history().migrations()).append(' ').append(d.history().format())
                .append(" migrations applied on ").append(d.history().engine()).append(" (")
                .append(d.history().objects()).append(" objects)\n");
        if (d.migrations() != null) {
            Drift.Migrations m = d.migrations();
            b.append("  ").append(m.tool()).append("'s ").append(m.table()).append(": ").append(m.applied().size())
                    .append(" applied");
            if (!m.notApplied().isEmpty()) b.append("; not applied: ").append(String.join(", ", m.notApplied()));
            if (!m.notInHistory().isEmpty()) b.append("; not in the history: ").append(String.join(", ", m.notInHistory()));
            b.append('\n');
        }
        if (d.differences().isEmpty()) {
            b.append("  schema: no drift\n");
        } else {
            b.append("  schema: ").append(d.differences().size()).append(d.differences().size() == 1 ? " difference\n" : " differences\n");
            for (Drift.Difference x : d.differences()) {
                b.append("    ").append(sign(x.change())).append(' ').append(x.kind()).append(' ').append(x.name())
                        .append(": ").append(describe(x)).append('\n');
            }
        }
        b.append("  ").append(d.drifted() ? "DRIFT" : "NO DRIFT").append('\n');
        return b.toString();
    }

    public static String markdown(Drift d) {
        StringBuilder b = new StringBuilder(MARKER).append('\n');
        b.append("## rehearse drift: ").append(d.drifted() ? "**drift found**" : "no drift").append("\n\n");
        b.append("`").append(d.target().url()).append("` (").append(d.target().engine()).append(' ')
                .append(d.target().version()).append(") against ").append(d.history().migrations()).append(' ')
                .append(d.history().format()).append(" migrations applied on ").append(d.history().engine()).append(".\n\n");
        if (d.migrations() != null) {
            Drift.Migrations m = d.migrations();
            b.append("**Migrations** (").append(m.tool()).append(", `").append(m.table()).append("`): ")
                    .append(m.applied().size()).append(" applied");
            if (!m.notApplied().isEmpty()) b.append("; not applied: ").append(code(m.notApplied()));
            if (!m.notInHistory().isEmpty()) b.append("; not in the history: ").append(code(m.notInHistory()));
            b.append(".\n\n");
        }
        if (d.differences().isEmpty()) {
            b.append("The schema matches the history.\n\n");
        } else {
            b.append("| change | kind | object | what differs |\n| --- | --- | --- | --- |\n");
            for (Drift.Difference x : d.differences()) {
                b.append("| ").append(x.change()).append(" | ").append(x.kind()).append(" | `")
                        .append(MarkdownReport.cell(x.name()).replace("`", "'")).append("` | ")
                        .append(MarkdownReport.cell(describe(x))).append(" |\n");
            }
            b.append('\n');
        }
        b.append("<details><summary>Not compared (noise)</summary>\n\n");
        for (Drift.Ignored i : d.ignored()) {
            b.append("- ").append(MarkdownReport.cell(i.what())).append(i.count() == null ? "" : ": " + i.count()).append('\n');
        }
        b.append("\n</details>\n");
        return b.toString();
    }

    private static String sign(String change) {
        return switch (change) {
            case "only-in-production" -> "+";
            case "only-in-history" -> "-";
            default -> "~";
        };
    }

    /** What a difference is, in one line. */
    static String describe(Drift.Difference x) {
        return switch (x.change()) {
            case "only-in-production" -> "only in production" + attributes(x.fields(), true) + within(x);
            case "only-in-history" -> "only in the history (production lacks it)" + attributes(x.fields(), false) + within(x);
            default -> x.fields().stream().map(f -> f.name() + " " + shown(f.production()) + " in production, "
                    + shown(f.history()) + " in the history").collect(Collectors.joining("; "));
        };
    }

    private static String attributes(List<Drift.Field> fields, boolean production) {
        if (fields.isEmpty()) return "";
        return " (" + fields.stream().map(f -> f.name() + " " + shown(production ? f.production() : f.history()))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String within(Drift.Difference x) {
        return x.within() == 0 ? "" : ", with " + x.within() + " columns, indexes and constraints";
    }

    private static String shown(String v) {
        return v == null ? "(none)" : v;
    }

    private static String code(List<String> versions) {
        return versions.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
    }
}
