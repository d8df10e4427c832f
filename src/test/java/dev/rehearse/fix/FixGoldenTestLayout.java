package dev.rehearse.fix;

import java.io.IOException;
import java.nio.file.Path;

/** The format's layout of a test's migration files, for tests outside this package. */
public final class FixGoldenTestLayout {

    private FixGoldenTestLayout() {}

    public static void place(String format, Path from, Path dir, String name) throws IOException {
        FixGoldenTest.place(format, from, dir, name);
    }
}
