package dev.rehearse.fix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file the fix writes.
 *
 * @param before its content now, null when the fix creates it
 * @param after what the fix writes
 */
public record FileChange(Path path, String before, String after) {

    public void write() {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Files.writeString(path, after);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The same change, written under {@code to} instead of {@code from} (a copy of the migrations). */
    public FileChange movedTo(Path from, Path to) {
        Path abs = path.toAbsolutePath().normalize();
        return new FileChange(to.resolve(from.toAbsolutePath().normalize().relativize(abs)), before, after);
    }
}
