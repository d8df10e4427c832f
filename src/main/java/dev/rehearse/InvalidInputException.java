package dev.rehearse;

import java.nio.file.Path;

/**
 * A mistake in what the user gave us (flags, scenario, schema, migration source). Exit code 2.
 * The message is one line that names the file and line when there is one.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(oneLine(message));
    }

    public InvalidInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * The message on one line whatever it quotes: a YAML value or a parser's text can hold line breaks (found by the
     * fuzz test), which would break the one-line contract; they are shown as {@code \n}.
     */
    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\r\n|[\r\n\u2028\u2029\u0085]", "\\\\n");
    }

    /** {@code file:line: message}, the form compilers use, so editors and CI annotate it. */
    public static InvalidInputException at(Path file, int line, String message) {
        String where = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
        return new InvalidInputException(where + message);
    }
}
