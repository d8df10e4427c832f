package dev.rehearse.cli;

/** Progress lines go to stderr so stdout carries only the report; colour only on a terminal outside CI. */
final class Progress {

    private Progress() {}

    private static int statusWidth;

    static synchronized void line(String text) {
        // once interrupted, the shutdown's one line is all that is said: not the run's stages failing one by one
        if (dev.rehearse.provision.Cleanup.shuttingDown()) return;
        clearStatus();
        System.err.println("rehearse: " + text);
    }

    /** On an interactive terminal outside CI: one line rewritten in place (a progress bar); elsewhere nothing. */
    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** Rewrites the status line; "" clears it. Only called when {@link #interactive()}. */
    static synchronized void status(String text) {
        if (dev.rehearse.provision.Cleanup.shuttingDown()) return;
        clearStatus();
        if (text.isEmpty()) return;
        System.err.print("rehearse: " + text);
        System.err.flush();
        statusWidth = text.length() + 10;
    }

    private static void clearStatus() {
        if (statusWidth == 0) return;
        System.err.print("\r" + " ".repeat(statusWidth) + "\r");
        statusWidth = 0;
    }

    static boolean color() {
        return System.console() != null && System.getenv("CI") == null && System.getenv("NO_COLOR") == null;
    }
}
