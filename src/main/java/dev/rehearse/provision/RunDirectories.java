package dev.rehearse.provision;

import dev.rehearse.RehearsalFailedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temporary directories of running rehearsals, under {@code <tmp>/rehearse-<uid>/}. Each holds an
 * {@code owner} file (the JVM's pid and start time) and a {@code processes} file (pids of the database
 * processes started in it), so that a later run can tell an orphan from a live neighbour and reap it.
 */
public final class RunDirectories {

    private static final String OWNER = "owner";
    private static final String PROCESSES = "processes";

    private RunDirectories() {}

    public static Path root() {
        String uid = System.getProperty("user.name", "user");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "rehearse-" + uid);
        try {
            Files.createDirectories(root);
            // Traversable by the unprivileged database user when we run as root.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot create " + root + ": " + e.getMessage(), e);
        }
        return root;
    }

    /** Creates a run directory owned by this JVM, deleted by {@link Cleanup} when the JVM exits. */
    public static Path create(String prefix) {
        Path root = root();
        try {
            Path dir = Files.createTempDirectory(root, prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(dir.resolve(OWNER), self.pid() + " " + startOf(self).map(Instant::toString).orElse("-"));
            return dir;
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot create a run directory in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Records a process started for this run, so that an orphaned run can be reaped. */
    public static void recordProcess(Path runDir, long pid) {
        try {
            Files.writeString(runDir.resolve(PROCESSES), pid + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot write " + runDir.resolve(PROCESSES) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the processes and deletes the directories of runs whose JVM is gone (killed with SIGKILL,
     * or a machine crash). Returns the directories reaped.
     */
    public static List<Path> reapStale() {
        List<Path> reaped = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (isOrphan(dir)) {
                    killRecordedProcesses(dir);
                    deleteTree(dir);
                    reaped.add(dir);
                }
            }
        } catch (IOException e) {
            System.err.println("rehearse: could not scan " + root() + " for stale runs: " + e.getMessage());
        }
        return reaped;
    }

    static boolean isOrphan(Path dir) {
        Path owner = dir.resolve(OWNER);
        try {
            if (!Files.exists(owner)) {
                // Half-created by a run killed between mkdir and writing the owner: orphan once it is old.
                return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minusSeconds(60));
            }
            String[] parts = Files.readString(owner).trim().split(" ");
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[0]));
            if (handle.isEmpty() || !handle.get().isAlive()) return true;
            // A reused pid: the process alive now started at another time than our owner.
            Optional<Instant> start = startOf(handle.get());
            return parts.length > 1 && !parts[1].equals("-") && start.isPresent()
                    && !start.get().toString().equals(parts[1]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void killRecordedProcesses(Path dir) throws IOException {
        Path processes = dir.resolve(PROCESSES);
        if (!Files.exists(processes)) return;
        for (String line : Files.readAllLines(processes)) {
            if (line.isBlank()) continue;
            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(p -> {
                String command = p.info().command().orElse("");
                if (command.contains("postgres") || command.contains("mariadbd") || command.contains("mysqld")) {
                    stopProcess(p, "QUIT", 5_000);
                }
            });
        }
    }

    /**
     * Sends a signal by name, waits up to {@code waitMs} for the process to end, then kills it.
     * Java's own destroy() only sends TERM, which PostgreSQL treats as a smart (waiting) shutdown.
     */
    public static void stopProcess(ProcessHandle process, String signal, long waitMs) {
        if (!process.isAlive()) return;
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start().waitFor();
            process.onExit().get(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Nothing more can be done; the next run's reaper will try again.
            }
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("rehearse: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static Optional<Instant> startOf(ProcessHandle p) {
        return p.info().startInstant();
    }
}
