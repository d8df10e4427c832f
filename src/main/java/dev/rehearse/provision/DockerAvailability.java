package dev.rehearse.provision;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether a Docker engine answers. Testcontainers' own check can take long and throw past what it
 * catches when there is none, so look for a socket or DOCKER_HOST first and bound the check in time.
 */
public final class DockerAvailability {

    public record Result(boolean available, String reason) {}

    private static Result cached;

    private DockerAvailability() {}

    public static synchronized Result check() {
        if (cached == null) cached = probe();
        return cached;
    }

    private static Result probe() {
        String host = System.getenv("DOCKER_HOST");
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"));
        if ((host == null || host.isBlank()) && !socket) {
            return new Result(false, "no Docker engine: DOCKER_HOST is unset and no docker.sock exists");
        }
        try {
            boolean ok = CompletableFuture.supplyAsync(() -> {
                try {
                    return DockerClientFactory.instance().isDockerAvailable();
                } catch (Throwable t) {
                    return false;
                }
            }).get(15, TimeUnit.SECONDS);
            return ok ? new Result(true, "Docker engine answers")
                    : new Result(false, "a Docker socket exists but no engine answers on it");
        } catch (Throwable t) {
            return new Result(false, "the Docker engine did not answer within 15 s");
        }
    }
}
