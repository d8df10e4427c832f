package dev.rehearse.fix;

import dev.rehearse.migrate.Migration;

import java.util.List;

/**
 * Writes a fix's migrations in one source format's files and naming (the seam beside {@code MigrationSource}: a
 * format that is read can be written). Found by {@link MigrationWriters}.
 */
public interface MigrationWriter {

    /** The format id, as {@code --format} and {@code MigrationSource.format()} name it. */
    String format();

    /**
     * @param fix one pending migration and the migrations that replace it, the first in its place
     * @param all every migration of the set as read, in the tool's order: the names and versions the new files
     *            must sort among
     */
    List<FileChange> write(Fixer.FileFix fix, List<Migration> all);

    /**
     * Every migration a fix changes: by default each on its own; a format whose file holds several migrations (a
     * Liquibase changelog's changeSets) makes their edits on one text.
     */
    default List<FileChange> write(List<Fixer.FileFix> fixes, List<Migration> all) {
        List<FileChange> out = new java.util.ArrayList<>();
        for (Fixer.FileFix f : fixes) out.addAll(write(f, all));
        return out;
    }

    /**
     * Why this format cannot carry the fix as its tool would run it (a step its tool cannot run outside a
     * transaction, no version left between the original and the next migration), in one line; null when it can.
     * A refused fix is listed as not fixed, never written as a file that fails or does not help.
     */
    default String refuses(Fixer.FileFix fix, List<Migration> all) {
        return null;
    }
}
