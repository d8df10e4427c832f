package dev.rehearse.provision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a rehearsal starts (clients, processes, containers, temporary directories) registers here, so that it
 * is torn down on normal exit, on failure and on SIGINT/SIGTERM alike, by one ordered sequence: the workload and
 * samplers first (so they do not fail noisily against a stopping server), then the partial report, then the
 * servers, then the files. The shutdown hook and the main thread share that sequence: an action runs once, and
 * whoever reaches one another thread is running waits for it to finish (a data directory is never deleted while its
 * server is still stopping, and the JVM never halts mid-delete). A run killed with SIGKILL leaves its directory
 * behind; {@link RunDirectories#reapStale()} removes it on the next start.
 */
public final class Cleanup {

    /** Where an action runs in the sequence: earlier phases first, newest first within a phase. */
    public enum Phase { CLIENTS, REPORT, SERVERS, FILES }

    /** The most a closer waits for another thread's action (a server's stop is bounded well below it). */
    private static final long WAIT_MS = 60_000;

    private static final List<Registration> REGISTERED = new ArrayList<>();
    private static boolean hookInstalled;
    private static volatile boolean shuttingDown;
    private static long sequence;
    private static volatile String interruptNote;

    private Cleanup() {}

    /** Thrown where something would be started after the shutdown began: it is not started. */
    public static final class ShuttingDownException extends dev.rehearse.RehearsalFailedException {
        ShuttingDownException(String what) {
            super("interrupted: not starting " + what);
        }
    }

    private enum State { PENDING, RUNNING, DONE }

    /** A registered action; closing it runs the action once, or waits for the thread already running it. */
    public static final class Registration implements AutoCloseable {
        private final String what;
        private final Phase phase;
        private final Runnable action;
        private final long order;
        private State state = State.PENDING;

        private Registration(String what, Phase phase, Runnable action, long order) {
            this.what = what;
            this.phase = phase;
            this.action = action;
            this.order = order;
        }

        @Override
        public void close() {
            synchronized (Cleanup.class) {
                if (state == State.PENDING) {
                    state = State.RUNNING;
                } else {
                    long until = System.currentTimeMillis() + WAIT_MS;
                    while (state == State.RUNNING && System.currentTimeMillis() < until) {
                        try {
                            Cleanup.class.wait(Math.max(1, until - System.currentTimeMillis()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    return;
                }
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                if (!shuttingDown) System.err.println("rehearse: cleanup of " + what + " failed: " + e.getMessage());
            } finally {
                synchronized (Cleanup.class) {
                    state = State.DONE;
                    REGISTERED.remove(this);
                    Cleanup.class.notifyAll();
                }
            }
        }

        /** Whether the action has run (or is running). */
        public boolean closed() {
            synchronized (Cleanup.class) {
                return state != State.PENDING;
            }
        }
    }

    /** An action in the {@link Phase#FILES} phase (a directory), kept for callers that name no phase. */
    public static Registration register(String what, Runnable action) {
        return register(Phase.FILES, what, action);
    }

    /**
     * @throws ShuttingDownException when the shutdown has begun: the caller must not start what it would register
     *                               (the action is not run)
     */
    public static synchronized Registration register(Phase phase, String what, Runnable action) {
        if (shuttingDown) throw new ShuttingDownException(what);
        installHook();
        Registration r = new Registration(what, phase, action, sequence++);
        REGISTERED.add(r);
        return r;
    }

    /** A process started and registered in one step, so that the shutdown either stops it or it never starts. */
    public record Started(Process process, Registration stop) {}

    /**
     * Starts a process and registers its stop atomically with respect to the shutdown: a signal arriving in between
     * can no longer leave an unregistered server behind.
     *
     * @param stop how to stop it (a server's own shutdown signal, then a kill)
     */
    public static Started start(ProcessBuilder pb, String what, java.util.function.Consumer<Process> stop) throws IOException {
        synchronized (Cleanup.class) {
            if (shuttingDown) throw new ShuttingDownException(what);
            installHook();
            Process p = pb.start();
            Registration r = new Registration(what + " pid " + p.pid(), Phase.SERVERS, () -> stop.accept(p), sequence++);
            REGISTERED.add(r);
            return new Started(p, r);
        }
    }

    /** Whether a SIGINT/SIGTERM (or an exit) began the shutdown: the main thread then stops reporting failures. */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    /** A note the shutdown hook's one line adds (where the partial report went). */
    public static void noteOnInterrupt(String note) {
        interruptNote = note;
    }

    private static void installHook() {
        if (hookInstalled) return;
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::onShutdown, "rehearse-cleanup"));
        hookInstalled = true;
    }

    /** The JVM is exiting: normally (nothing registered is left) or on a signal, which gets one line. */
    private static void onShutdown() {
        boolean interrupted;
        synchronized (Cleanup.class) {
            shuttingDown = true;
            interrupted = !REGISTERED.isEmpty();
        }
        runAll();
        if (interrupted) {
            String note = interruptNote;
            System.err.println("rehearse: interrupted: the rehearsal was stopped and everything it started removed"
                    + (note == null ? "" : "; " + note));
            System.err.flush();
        }
    }

    /** Runs every registered action in the sequence, waiting for those another thread is running. */
    public static void runAll() {
        while (true) {
            Registration next;
            synchronized (Cleanup.class) {
                next = REGISTERED.stream()
                        .min(Comparator.comparing((Registration r) -> r.phase).thenComparing(r -> -r.order))
                        .orElse(null);
            }
            if (next == null) return;
            next.close();
            synchronized (Cleanup.class) {
                REGISTERED.remove(next); // a wait that timed out: do not spin on it
            }
        }
    }
}
