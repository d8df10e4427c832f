package dev.rehearse;

/** The rehearsal could not run: no database could be started or reached, or the machinery failed. Exit code 3. */
public class RehearsalFailedException extends RuntimeException {

    public RehearsalFailedException(String message) {
        super(message);
    }

    public RehearsalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
