package dev.rehearse;

import java.util.List;

/**
 * Which engine versions a version-matrix test covers. The test command ({@code ./mvnw -B verify}) rehearses one
 * version per matrix to stay well inside CI's 20 minutes; {@code -Pslow} sets {@code rehearse.test.matrix=full}
 * and runs every version the matrix names.
 */
public final class TestMatrix {

    private TestMatrix() {
    }

    public static boolean full() {
        return "full".equals(System.getProperty("rehearse.test.matrix", "ci"));
    }

    /** {@code full} under {@code -Pslow}, else {@code ci} (which should be a subset of {@code full}). */
    public static <T> List<T> versions(List<T> full, List<T> ci) {
        return full() ? full : ci;
    }
}
