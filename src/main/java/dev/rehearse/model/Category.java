package dev.rehearse.model;

/** The eight risk categories, in the order every report lists them. */
public enum Category {
    LOCK_CONTENTION("Lock contention"),
    CONCURRENT_WRITE_HAZARDS("Concurrent write hazards"),
    MISSING_ROLLBACK("Missing rollback"),
    DATA_LOSS("Data loss"),
    REPLICATION_LAG("Replication lag"),
    CONSTRAINT_VALIDATION("Constraint validation"),
    INDEX_DEPENDENCIES("Index dependencies"),
    FOREIGN_KEYS("Foreign keys");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
