package dev.rehearse.seed;

import java.sql.SQLException;

/** A loader's report that the engine rejected a generated row for a constraint, in engine-neutral terms. */
public final class ConstraintViolation extends SQLException {

    private final String constraint;
    private final String column;

    /**
     * @param constraint the violated constraint's name, null when the engine names none (NOT NULL)
     * @param column the offending column when the engine names one
     */
    public ConstraintViolation(String message, String sqlState, String constraint, String column, Throwable cause) {
        super(message, sqlState, cause);
        this.constraint = constraint;
        this.column = column;
    }

    public String constraint() {
        return constraint;
    }

    public String column() {
        return column;
    }
}
