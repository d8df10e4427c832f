package dev.rehearse.provision;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a rehearsal starts (processes, containers, temporary directories) registers here, so that it
 * is torn down on normal exit, on failure and on SIGINT/SIGTERM alike. A run killed with SIGKILL leaves
 * its directory behind; {@link RunDirectories#reapStale()} removes it on the next start.
 */
public final class Cleanup {

    private static final Deque<Registration> STACK = new ArrayDeque<>();
    private static boolean hookInstalled;

    private Cleanup() {}

    /** A registered action; closing it runs the action once and unregisters it. */
    public static final class Registration implements AutoCloseable {
        private final String what;
        private final Runnable action;
        private boolean done;

        private Registration(String what, Runnable action) {
            this.what = what;
            this.action = action;
        }

        @Override
        public void close() {
            synchronized (Cleanup.class) {
                if (done) return;
                done = true;
                STACK.remove(this);
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("rehearse: cleanup of " + what + " failed: " + e.getMessage());
            }
        }
    }

    public static synchronized Registration register(String what, Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "rehearse-cleanup"));
            hookInstalled = true;
        }
        Registration r = new Registration(what, action);
        STACK.push(r);
        return r;
    }

    /** Runs every registered action, newest first (a database stops before its directory is deleted). */
    public static void runAll() {
        while (true) {
            Registration next;
            synchronized (Cleanup.class) {
                next = STACK.peek();
            }
            if (next == null) return;
            next.close();
        }
    }
}
