package dev.rehearse.migrate;

/** The script cannot be split: an unterminated string, quoted identifier, comment or dollar quote. */
public class SqlSplitException extends RuntimeException {
    private final int line;

    public SqlSplitException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** 1-based line where the unterminated construct starts. */
    public int line() {
        return line;
    }
}
