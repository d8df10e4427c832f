package dev.rehearse.engine.postgres;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.model.Quantities;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A hot standby of a PostgreSQL primary container ({@code --provider docker --replica}): a second container of the
 * same image on the primary's network, seeded by the image's {@code pg_basebackup} ({@code -X stream -R -S} with a
 * physical slot created first) from the primary by name, then started as a standby ({@code -R} writes
 * {@code standby.signal} and {@code primary_conninfo} on 12+, {@code recovery.conf} on 10/11) with the scenario's
 * {@code max_standby_streaming_delay}, {@code hot_standby_feedback} and {@code recovery_min_apply_delay}. The primary
 * is first given a {@code pg_hba.conf} line for replication connections (the image's own lines admit every database
 * but not replication) and reloaded. {@code apply_rate} is not applied: the containers stream over Docker's network,
 * not this JVM's throttled link, and the model says so. Removed with the primary on every exit; its slot is dropped.
 */
final class DockerPostgresReplicas implements ReplicaSupport {

    private static final String STANDBY_DIR = "/var/lib/postgresql/rehearse-standby";
    private static final long CATCH_UP_TIMEOUT_MS = 30 * 60_000;

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        PostgreSQLContainer source = DockerPostgresProvisioner.containerOf(primary).orElseThrow(() ->
                new RehearsalFailedException("--replica: the primary at " + primary.jdbcUrl() + " was not started here"));
        int major = primary.version().major();
        String slot = "rehearse_replica_" + ProcessHandle.current().pid();
        allowReplication(primary, source, slot);
        String image = source.getDockerImageName();
        List<String> server = new ArrayList<>(List.of("-c", "hot_standby=on", "-c", "wal_receiver_status_interval=1s"));
        if (settings.maxStandbyStreamingDelayMs() != null) {
            server.addAll(List.of("-c", "max_standby_streaming_delay=" + settings.maxStandbyStreamingDelayMs() + "ms"));
        }
        if (settings.hotStandbyFeedback() != null) {
            server.addAll(List.of("-c", "hot_standby_feedback=" + (settings.hotStandbyFeedback() ? "on" : "off")));
        }
        String delay = settings.applyDelayMs() == null ? null : settings.applyDelayMs() + "ms";
        if (delay != null && major >= 12) server.addAll(List.of("-c", "recovery_min_apply_delay=" + delay));
        String script = "set -e; mkdir -p " + STANDBY_DIR + "; chown postgres:postgres " + STANDBY_DIR + "; chmod 700 "
                + STANDBY_DIR + "; gosu postgres pg_basebackup -h " + DockerPostgresProvisioner.PRIMARY_ALIAS
                + " -p 5432 -U " + source.getUsername() + " -D " + STANDBY_DIR + " -X stream -R -S " + slot + "; "
                // 10/11: recovery settings are recovery.conf's, which -R wrote
                + (delay != null && major < 12 ? "echo \"recovery_min_apply_delay = '" + delay + "'\" >> "
                + STANDBY_DIR + "/recovery.conf; " : "")
                + "exec gosu postgres postgres -D " + STANDBY_DIR + " " + String.join(" ", server);
        @SuppressWarnings("resource")
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(source.getNetwork())
                // libpq reads it in pg_basebackup and, later, in the standby's walreceiver
                .withEnv("PGPASSWORD", source.getPassword())
                .withExposedPorts(5432)
                .withCommand("sh", "-c", script)
                .waitingFor(Wait.forLogMessage(".*ready to accept read.only connections.*\\n", 1)
                        .withStartupTimeout(Duration.ofMinutes(30)));
        Cleanup.Registration remove = Cleanup.register("container " + image + " (standby)", () -> {
            container.stop();
            dropSlot(primary, slot);
        });
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = "";
            try {
                logs = container.getLogs();
            } catch (RuntimeException ignored) {
                // no container to read
            }
            remove.close();
            throw new RehearsalFailedException("cannot start the standby container " + image + ": " + e.getMessage()
                    + (logs.isBlank() ? "" : "; its log ends: " + tail(logs)), e);
        }
        String path = primary.jdbcUrl().substring(primary.jdbcUrl().lastIndexOf('/'));
        String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + path;
        Database replica = new Database(EngineSpec.Kind.POSTGRES, Provider.DOCKER, url, source.getUsername(),
                source.getPassword(), primary.serverVersion(), PostgresEngine::connectionProperties, remove);
        try {
            awaitCaughtUp(primary, slot);
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
        progress.accept("replica: standby container " + image + " seeded by pg_basebackup and streaming");
        return new PostgresReplica(primary, replica, null, model(settings), replica::close);
    }

    /** A replication line in the primary's pg_hba.conf (md5: SCRAM passwords are checked with SCRAM), reloaded. */
    private static void allowReplication(Database primary, PostgreSQLContainer source, String slot) {
        try (Connection c = primary.connect("rehearse-replica-setup"); Statement s = c.createStatement()) {
            String hba;
            try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = rs.getString(1);
            }
            var result = source.execInContainer("sh", "-c", "echo 'host replication all all md5' >> '" + hba + "'");
            if (result.getExitCode() != 0) {
                throw new RehearsalFailedException("cannot allow replication on the primary container: " + result.getStderr());
            }
            s.execute("SELECT pg_reload_conf()");
            // created here rather than by pg_basebackup's --create-slot, which PostgreSQL 10's lacks
            s.execute("SELECT pg_create_physical_replication_slot('" + slot + "')");
        } catch (SQLException | IOException e) {
            throw new RehearsalFailedException("cannot prepare the primary container for a standby: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted preparing the primary container", e);
        }
    }

    /** Until the slot's standby streams and has replayed what the primary had written when it started. */
    private static void awaitCaughtUp(Database primary, String slot) {
        long deadline = System.currentTimeMillis() + CATCH_UP_TIMEOUT_MS;
        String last = "not connected";
        try (Connection c = primary.connect("rehearse-replica-wait"); Statement st = c.createStatement()) {
            String target;
            try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                target = rs.getString(1);
            }
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT r.state, r.replay_lsn >= '" + target + "'::pg_lsn"
                        + " FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid"
                        + " WHERE s.slot_name = '" + slot + "'")) {
                    if (rs.next()) {
                        last = rs.getString(1);
                        if ("streaming".equals(last) && rs.getBoolean(2)) return;
                    }
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot watch the standby start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted waiting for the standby", e);
        }
        throw new RehearsalFailedException("the standby container did not catch up within "
                + CATCH_UP_TIMEOUT_MS / 1000 + " s (state: " + last + ")");
    }

    private static void dropSlot(Database primary, String slot) {
        try (Connection c = primary.connect("rehearse-replica-stop"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot
                    + "' AND NOT active");
        } catch (SQLException e) {
            // the primary container may be going too
        }
    }

    private static String model(Scenario.Replica s) {
        List<String> parts = new ArrayList<>();
        parts.add(s.applyRateBytesPerSecond() == null ? "WAL streamed over Docker's network, unthrottled"
                : "WAL streamed over Docker's network: apply_rate " + Quantities.bytes(s.applyRateBytesPerSecond())
                + "/s not applied (the throttled link is the embedded replica's)");
        parts.add("recovery_min_apply_delay " + (s.applyDelayMs() == null ? "0" : Quantities.duration(s.applyDelayMs())));
        parts.add("max_standby_streaming_delay " + (s.maxStandbyStreamingDelayMs() == null ? "30 s (default)"
                : Quantities.duration(s.maxStandbyStreamingDelayMs())));
        parts.add("hot_standby_feedback " + (s.hotStandbyFeedback() == null ? "off (default)" : s.hotStandbyFeedback() ? "on" : "off"));
        return String.join("; ", parts);
    }

    private static String tail(String logs) {
        String[] lines = logs.strip().split("\n");
        return String.join(" | ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 5), lines.length));
    }
}
