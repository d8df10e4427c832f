package dev.rehearse.cli;

/** Progress lines go to stderr so stdout carries only the report; colour only on a terminal outside CI. */
final class Progress {

    private Progress() {}

    static void line(String text) {
        System.err.println("rehearse: " + text);
    }

    static boolean color() {
        return System.console() != null && System.getenv("CI") == null && System.getenv("NO_COLOR") == null;
    }
}
