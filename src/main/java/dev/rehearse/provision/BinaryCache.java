package dev.rehearse.provision;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where engine binaries are extracted once and reused across runs. The cache must be readable by the unprivileged
 * database user, so as root it defaults to {@code /var/cache/rehearse} (root's home is not traversable by others).
 *
 * <p>A version is extracted into {@code <engine>/<version>.staging-*} under the lock {@code <engine>/<version>.lock},
 * then renamed into place. A staging directory is removed when its extraction fails or is interrupted; one left by
 * a run killed outright is removed by whoever next takes that version's lock (no one else can be extracting it).
 */
public final class BinaryCache {

    private static final String STAGING = ".staging-";

    private BinaryCache() {}

    public static Path root() {
        String configured = System.getenv("REHEARSE_CACHE");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        if ("root".equals(System.getProperty("user.name"))) return Path.of("/var/cache/rehearse");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rehearse");
    }

    /** A version's extraction in progress: its directory, removed on close unless it was moved into place. */
    public record Staging(Path dir, Cleanup.Registration removal) implements AutoCloseable {
        @Override
        public void close() {
            removal.close();
        }
    }

    /**
     * A fresh staging directory for {@code version} under {@code engineDir}, to be called holding the version's lock:
     * the staging directories earlier runs left for it are removed first.
     */
    public static Staging stage(Path engineDir, String version) throws IOException {
        removeStaging(engineDir, version);
        Path[] dir = new Path[1];
        Cleanup.Registration r = Cleanup.register(Cleanup.Phase.FILES, "binaries staging for " + version, () -> {
            if (dir[0] != null) RunDirectories.deleteTree(dir[0]);
        });
        try {
            dir[0] = Files.createTempDirectory(engineDir, version + STAGING);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return new Staging(dir[0], r);
    }

    private static void removeStaging(Path engineDir, String version) throws IOException {
        try (Stream<Path> s = Files.list(engineDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(version + STAGING)).toList()) {
                RunDirectories.deleteTree(p);
            }
        }
    }

    /**
     * Removes the staging directories of extractions no one is running (killed outright), for every engine and
     * version in the cache; a version whose lock another run holds is left alone. Returns what was removed.
     */
    public static List<Path> reapStaging() {
        List<Path> removed = new ArrayList<>();
        Path root = root();
        if (!Files.isDirectory(root)) return removed;
        try (Stream<Path> engines = Files.list(root)) {
            for (Path engine : engines.filter(Files::isDirectory).toList()) {
                List<Path> staging;
                try (Stream<Path> s = Files.list(engine)) {
                    staging = s.filter(p -> p.getFileName().toString().contains(STAGING)).toList();
                }
                for (Path p : staging) {
                    String name = p.getFileName().toString();
                    String version = name.substring(0, name.indexOf(STAGING));
                    try (FileChannel lock = FileChannel.open(engine.resolve(version + ".lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                         FileLock held = lock.tryLock()) {
                        if (held == null) continue; // another run is extracting this version
                        RunDirectories.deleteTree(p);
                        removed.add(p);
                    } catch (OverlappingFileLockException e) {
                        // this JVM is extracting it
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("rehearse: could not scan " + root + " for interrupted extractions: " + e.getMessage());
        }
        return removed;
    }
}
