package dev.rehearse.model;

public enum Verdict {
    SAFE_TO_SHIP("SAFE TO SHIP"),
    SAFE_WITH_MODIFICATIONS("SAFE WITH MODIFICATIONS"),
    BLOCK("BLOCK");

    private final String title;

    Verdict(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public static Verdict of(Status worst) {
        return switch (worst) {
            case PASS -> SAFE_TO_SHIP;
            case FLAG -> SAFE_WITH_MODIFICATIONS;
            case BLOCK -> BLOCK;
        };
    }
}
