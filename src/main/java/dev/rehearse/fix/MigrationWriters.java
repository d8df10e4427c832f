package dev.rehearse.fix;

import java.util.List;

/** The formats {@code fix} writes. */
public final class MigrationWriters {

    private MigrationWriters() {}

    public static final List<MigrationWriter> ALL = List.of(new SqlFileWriter(), new FlywayWriter(), new PrismaWriter(),
            new RailsWriter(),
            new LiquibaseWriter(),
            new DieselWriter(),
            new DrizzleWriter(),
            new DbmateWriter(),
            new GolangMigrateWriter());

    public static List<String> names() {
        return ALL.stream().map(MigrationWriter::format).toList();
    }

    /** The writer of a format; one that is read but not written is a missing capability, said in one line. */
    public static MigrationWriter forFormat(String format) {
        return ALL.stream().filter(w -> w.format().equals(format)).findFirst().orElseThrow(() ->
                new Unsupported("fix: the " + format + " format is read but not written by this build (it writes "
                        + String.join(", ", names()) + ")"));
    }

    /**
     * The fix as the writer can carry it: each file fix it {@linkplain MigrationWriter#refuses refuses} moved to the
     * not-fixed list, one line per rule, with the writer's reason.
     */
    public static Fixer.Result writable(Fixer.Result result, MigrationWriter writer, List<dev.rehearse.migrate.Migration> all) {
        List<Fixer.FileFix> kept = new java.util.ArrayList<>();
        List<Fixer.NotFixed> notFixed = new java.util.ArrayList<>(result.notFixed());
        for (Fixer.FileFix f : result.files()) {
            String why = writer.refuses(f, all);
            if (why == null) {
                kept.add(f);
                continue;
            }
            for (String rule : f.rules()) notFixed.add(new Fixer.NotFixed(f.original().name(), null, rule, why));
        }
        return new Fixer.Result(kept, result.checklists(), notFixed, result.lint());
    }

    /** A format fix cannot write: the rehearsal's capability, exit 3, as a format the contract names but lacks. */
    public static final class Unsupported extends dev.rehearse.RehearsalFailedException {
        Unsupported(String message) {
            super(message);
        }
    }
}
