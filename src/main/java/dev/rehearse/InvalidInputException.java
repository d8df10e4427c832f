package dev.rehearse;

import java.nio.file.Path;

/**
 * A mistake in what the user gave us (flags, scenario, schema, migration source). Exit code 2.
 * The message is one line that names the file and line when there is one.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file:line: message}, the form compilers use, so editors and CI annotate it. */
    public static InvalidInputException at(Path file, int line, String message) {
        String where = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
        return new InvalidInputException(where + message);
    }
}
