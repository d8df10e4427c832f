package dev.rehearse.model;

import java.util.List;

/**
 * What {@code rehearse drift} found: the target database's schema against the one its migration history builds.
 * {@code drift.json} is its serialisation; every renderer reads it.
 *
 * @param tool        the rehearse version
 * @param drifted     whether anything differs: the schema, or the migrations production applied (always derived
 *                    from the rest)
 * @param target      the database compared (its URL with any password masked)
 * @param history     the history and the server it was applied on
 * @param differences each object that is only in production, only in the history, or different; empty: no drift
 * @param migrations  what the migration tool's bookkeeping table says production applied, against the history;
 *                    null when it was not read ({@code --schema-only}) or production has none
 * @param ignored     what was left out as noise, and how often, so a reader can see nothing was hidden
 */
public record Drift(Report.Tool tool, boolean drifted, Target target, History history, List<Difference> differences,
                    Migrations migrations, List<Ignored> ignored) {

    public Drift {
        differences = List.copyOf(differences);
        ignored = List.copyOf(ignored);
        drifted = !differences.isEmpty() || (migrations != null
                && (!migrations.notApplied().isEmpty() || !migrations.notInHistory().isEmpty()));
    }

    public Drift(Report.Tool tool, Target target, History history, List<Difference> differences, Migrations migrations,
                 List<Ignored> ignored) {
        this(tool, false, target, history, differences, migrations, ignored);
    }

    /** @param objects how many objects the target's catalog holds after the noise was left out */
    public record Target(String url, String engine, String version, int objects) {}

    /**
     * @param paths      the migrations' paths as given
     * @param format     the migration tool's format
     * @param migrations how many were applied
     * @param engine     the server they were applied on ({@code postgres:16.15}, embedded)
     * @param objects    how many objects its catalog holds
     */
    public record History(List<String> paths, String format, int migrations, String engine, int objects) {}

    /**
     * @param change {@code only-in-production}, {@code only-in-history} or {@code different}
     * @param kind   the object's kind ({@code table}, {@code column}, {@code index}, ...)
     * @param name   the object's qualified name
     * @param table  the table it belongs to, null for a table or a free-standing object
     * @param fields for {@code different}: each attribute that differs; for the others: the object's attributes
     *               on the side that has it
     * @param within how many of its columns, indexes, constraints and triggers come with a table only on one side
     */
    public record Difference(String change, String kind, String name, String table, List<Field> fields, int within) {

        public Difference {
            fields = List.copyOf(fields);
        }
    }

    /** One attribute; null on the side that does not have it. */
    public record Field(String name, String production, String history) {}

    /**
     * @param tool         the tool whose bookkeeping table was read ({@code flyway}, {@code rails}, ...)
     * @param table        that table, qualified
     * @param applied      the versions production says it applied, in its order
     * @param notApplied   versions of the history that production has not applied
     * @param notInHistory versions production applied that the history does not have
     */
    public record Migrations(String tool, String table, List<String> applied, List<String> notApplied,
                             List<String> notInHistory) {}

    /**
     * @param what  a kind of noise ({@code generated constraint names}, {@code bookkeeping table}, ...)
     * @param count how many objects it left out; null for what is not read at all
     */
    public record Ignored(String what, Integer count) {}
}
