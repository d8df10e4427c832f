package dev.rehearse.model;

/** Per category and per finding; ordered by severity. */
public enum Status {
    PASS, FLAG, BLOCK;

    public Status max(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
