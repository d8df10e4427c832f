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
    private static final String SOCKETS = "sockets";

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

    /**
     * Creates a run directory owned by this JVM and registers its removal with {@link Cleanup}. It appears under its
     * name with its owner file already in it (made under a dot name, then renamed), so a directory without an owner
     * is never one being created and can be reaped at once.
     */
    public static Path create(String prefix) {
        return open(prefix).path();
    }

    /** A run directory and the registration that removes it (closing it removes the directory now). */
    public record Run(Path path, Cleanup.Registration removal) {}

    public static Run open(String prefix) {
        Path root = root();
        Path[] made = new Path[1];
        Cleanup.Registration r = Cleanup.register(Cleanup.Phase.FILES, "run directory " + prefix + "*", () -> {
            if (made[0] != null) deleteTree(made[0]);
        });
        try {
            Path staging = Files.createTempDirectory(root, ".new-" + prefix);
            made[0] = staging;
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(staging.resolve(OWNER), self.pid() + " " + startOf(self).map(Instant::toString).orElse("-"));
            Path dir = root.resolve(staging.getFileName().toString().substring(".new-".length()));
            Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            made[0] = dir;
            return new Run(dir, r);
        } catch (IOException e) {
            r.close();
            throw new RehearsalFailedException("cannot create a run directory in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * A directory of its own for a server's Unix socket, short whatever the temporary directory is: a socket's path
     * is limited to 107 bytes, which a long {@code java.io.tmpdir} exceeds. It lives under {@code /tmp} when that is
     * writable (else in the run directory), is named in the run directory ({@value #SOCKETS}) for the reaper, and is
     * removed with the run directory.
     */
    public static Path socketDirectory(Path runDir, OsUser user) {
        Path base = Path.of("/tmp");
        Path inRun = runDir.resolve("sock");
        try {
            if (!Files.isDirectory(base) || !Files.isWritable(base) || inRun.toString().length() < 80) {
                // never createDirectories: the run directory an interrupt just removed would be made again
                return Files.isDirectory(inRun) ? inRun : Files.createDirectory(inRun);
            }
            Path dir = Files.createTempDirectory(base, "rehearse-sock-");
            Files.writeString(runDir.resolve(SOCKETS), dir + "\n");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            user.own(dir);
            return dir;
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot create a socket directory: " + e.getMessage(), e);
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
     * Stops the processes and deletes the directories of runs whose JVM is gone (killed with SIGKILL, or a machine
     * crash), and those without an owner (a run halted while deleting its own). Returns the directories reaped.
     */
    public static List<Path> reapStale() {
        List<Path> reaped = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (!isOrphan(dir)) continue;
                try {
                    killRecordedProcesses(dir);
                } catch (IOException | RuntimeException e) {
                    // its processes file went meanwhile: someone else is removing it
                }
                deleteTree(dir);
                reaped.add(dir);
            }
        } catch (IOException e) {
            System.err.println("rehearse: could not scan " + root() + " for stale runs: " + e.getMessage());
        }
        return reaped;
    }

    static boolean isOrphan(Path dir) {
        Path owner = dir.resolve(OWNER);
        try {
            if (dir.getFileName().toString().startsWith(".new-")) {
                // being created by a run (for microseconds): an orphan only once it is old
                return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minusSeconds(60));
            }
            if (!Files.exists(owner)) {
                // The owner file goes last, so its run is gone (or an older build is deleting it, harmlessly
                // alongside): at once when every process it recorded is dead, else once it is old.
                return recordedProcessesDead(dir)
                        || Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minusSeconds(60));
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

    private static boolean recordedProcessesDead(Path dir) throws IOException {
        Path processes = dir.resolve(PROCESSES);
        if (!Files.exists(processes)) return true;
        for (String line : Files.readAllLines(processes)) {
            if (!line.isBlank() && ProcessHandle.of(Long.parseLong(line.trim())).map(ProcessHandle::isAlive).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static void killRecordedProcesses(Path dir) throws IOException {
        Path processes = dir.resolve(PROCESSES);
        if (!Files.exists(processes)) return;
        for (String line : Files.readAllLines(processes)) {
            if (line.isBlank()) continue;
            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(p -> {
                String command = p.info().command().orElse("");
                if (command.contains("postgres") || command.contains("initdb") || command.contains("mariadb")
                        || command.contains("mysqld") || command.contains("setpriv")) {
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

    /**
     * Deletes a tree, a run directory's owner file last (a run halted mid-delete leaves an ownerless directory, which
     * the next run reaps at once), and the socket directory it names.
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Path sockets = dir.resolve(SOCKETS);
        try {
            if (Files.isRegularFile(sockets)) {
                for (String line : Files.readAllLines(sockets)) {
                    Path s = Path.of(line.trim());
                    if (!line.isBlank() && s.getFileName().toString().startsWith("rehearse-sock-")) deleteTree(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the socket directory is under /tmp, which the system cleans; the run directory still goes
        }
        Path owner = dir.resolve(OWNER);
        try {
            // tolerant of files vanishing under it: a server still removing its own, or another deleter
            Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                        throws IOException {
                    if (!file.equals(owner)) Files.deleteIfExists(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) return java.nio.file.FileVisitResult.CONTINUE;
                    throw e;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) throw e;
                    if (!d.equals(dir)) Files.deleteIfExists(d);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
            Files.deleteIfExists(owner);
            Files.deleteIfExists(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            System.err.println("rehearse: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static Optional<Instant> startOf(ProcessHandle p) {
        return p.info().startInstant();
    }
}
