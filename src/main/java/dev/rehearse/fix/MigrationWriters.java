package dev.rehearse.fix;

import java.util.List;

/** The formats {@code fix} writes. */
public final class MigrationWriters {

    private MigrationWriters() {}

    public static final List<MigrationWriter> ALL = List.of(new SqlFileWriter(), new FlywayWriter(), new PrismaWriter(),
            new RailsWriter(), new LiquibaseWriter());

    public static List<String> names() {
        return ALL.stream().map(MigrationWriter::format).toList();
    }

    /** The writer of a format; one that is read but not written is a missing capability, said in one line. */
    public static MigrationWriter forFormat(String format) {
        return ALL.stream().filter(w -> w.format().equals(format)).findFirst().orElseThrow(() ->
                new Unsupported("fix: the " + format + " format is read but not written by this build (it writes "
                        + String.join(", ", names()) + ")"));
    }

    /** A format fix cannot write: the rehearsal's capability, exit 3, as a format the contract names but lacks. */
    public static final class Unsupported extends dev.rehearse.RehearsalFailedException {
        Unsupported(String message) {
            super(message);
        }
    }
}
