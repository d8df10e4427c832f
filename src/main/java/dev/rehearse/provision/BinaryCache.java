package dev.rehearse.provision;

import java.nio.file.Path;

/**
 * Where engine binaries are extracted once and reused across runs. The cache must be readable by the unprivileged
 * database user, so as root it defaults to {@code /var/cache/rehearse} (root's home is not traversable by others).
 */
public final class BinaryCache {

    private BinaryCache() {}

    public static Path root() {
        String configured = System.getenv("REHEARSE_CACHE");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        if ("root".equals(System.getProperty("user.name"))) return Path.of("/var/cache/rehearse");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rehearse");
    }
}
