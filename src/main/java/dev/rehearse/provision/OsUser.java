package dev.rehearse.provision;

import dev.rehearse.RehearsalFailedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who database processes run as. initdb and postgres refuse to run as root, and CI containers often run
 * as root, so when we are root the processes run as an unprivileged user (default {@code nobody}, or
 * {@code REHEARSE_DB_USER}) through {@code setpriv}, on directories chowned to that user.
 */
public final class OsUser {

    private final boolean root;
    private final String name;
    private final int uid;
    private final int gid;

    private OsUser(boolean root, String name, int uid, int gid) {
        this.root = root;
        this.name = name;
        this.uid = uid;
        this.gid = gid;
    }

    /** The user database processes run as on this machine. */
    public static OsUser forDatabaseProcesses() {
        int euid = currentUid();
        if (euid != 0) return new OsUser(false, System.getProperty("user.name"), euid, -1);
        String name = System.getenv().getOrDefault("REHEARSE_DB_USER", "nobody");
        String[] ids = run(List.of("id", "-u", name), "look up user " + name).trim().split("\\s+");
        String gid = run(List.of("id", "-g", name), "look up group of " + name).trim();
        return new OsUser(true, name, Integer.parseInt(ids[0]), Integer.parseInt(gid));
    }

    /** True when we are root and processes switch to an unprivileged user. */
    public boolean switches() {
        return root;
    }

    public String name() {
        return name;
    }

    /** The command, prefixed to run as the unprivileged user when we are root. */
    public List<String> command(List<String> command) {
        if (!root) return command;
        List<String> full = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        full.addAll(command);
        return full;
    }

    /** Gives a directory tree to the unprivileged user (no-op when not root). */
    public void own(Path dir) {
        if (!root) return;
        run(List.of("chown", "-R", uid + ":" + gid, dir.toString()), "chown " + dir);
    }

    private static int currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return (Integer) uid;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Integer.parseInt(run(List.of("id", "-u"), "read the current uid").trim());
        }
    }

    /** Runs a short helper command and returns its standard output; fails with its output. */
    public static String run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new RehearsalFailedException("could not " + what + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new RehearsalFailedException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted while trying to " + what, e);
        }
    }

    /** Environment for database processes: a neutral locale so initdb does not depend on the host's. */
    public static void neutralEnvironment(Map<String, String> env) {
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.keySet().removeIf(k -> k.startsWith("PG")); // PGDATA, PGPORT... of the host must not steer our server
    }
}
