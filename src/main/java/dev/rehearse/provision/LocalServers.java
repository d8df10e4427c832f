package dev.rehearse.provision;

import dev.rehearse.RehearsalFailedException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every embedded server's provisioner needs while it starts one: a port, its log's last words, a wait. */
public final class LocalServers {

    private LocalServers() {}

    /** A loopback port free now; the server may still lose it to a race, which its start retries. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new RehearsalFailedException("no free port on loopback: " + e.getMessage(), e);
        }
    }

    /** The last lines of a log, for error messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** How a process that ended went: its exit status, or the signal that killed it (the JVM reports 128 + n). */
    public static String exit(Process p) {
        int status = p.exitValue();
        if (status > 128 && status < 160) {
            return "was killed by signal " + (status - 128) + (status == 137 ? " (SIGKILL)" : status == 143 ? " (SIGTERM)" : "");
        }
        return "exited with status " + status;
    }

    /** @param server named in the error when the wait is interrupted */
    public static void pause(long ms, String server) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted while waiting for " + server + " to start", e);
        }
    }
}
