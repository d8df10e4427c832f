package dev.rehearse.engine.mysql;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.model.Quantities;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ServerVersion;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A replica of a MySQL primary container ({@code --provider docker --replica}): a second container of the same image
 * on the primary's network, with its own server id and a relay log ({@link MySqlReplication#replicaFlags}), pointed
 * at the primary by name and seeded by the image's own mysqldump from a consistent snapshot ({@code
 * --single-transaction} with the version's {@code --source-data}/{@code --master-data}, which sets the binlog
 * coordinates the replica starts from), then started. File/position replication, not GTID: GTID mode on the primary
 * would need {@code enforce_gtid_consistency}, which refuses statements a migration may run on a server without it
 * ({@code CREATE TABLE ... SELECT} before 8.0.21, temporary tables inside transactions), and the rehearsal must run
 * the migrations as the user's server does. Removed with the primary on every exit (its {@code Cleanup}
 * registration, and Testcontainers' reaper if the JVM is killed).
 */
final class DockerMySqlReplicas implements ReplicaSupport {

    private static final long CATCH_UP_LIMIT_MS = 30 * 60_000;

    private final Function<String, Properties> roleProperties;

    DockerMySqlReplicas(Function<String, Properties> roleProperties) {
        this.roleProperties = roleProperties;
    }

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        JdbcDatabaseContainer<?> source = MySqlContainers.containerOf(primary).orElseThrow(() ->
                new RehearsalFailedException("--replica: the primary at " + primary.jdbcUrl() + " was not started here"));
        ServerVersion v = primary.version();
        String image = source.getDockerImageName();
        @SuppressWarnings("resource")
        MySQLContainer container = new MySQLContainer(DockerImageName.parse(image))
                .withDatabaseName(MySqlContainers.DATABASE)
                .withUsername(MySqlContainers.USER)
                .withPassword(MySqlContainers.PASSWORD);
        container.withCommand(MySqlReplication.replicaFlags().toArray(String[]::new));
        long t0 = System.nanoTime();
        Database replica = MySqlContainers.start(container, image + " (replica)", EngineSpec.Kind.MYSQL,
                "sslMode=DISABLED&allowPublicKeyRetrieval=true", roleProperties, source.getNetwork());
        try {
            try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
                s.execute(MySqlReplication.changeSource(v, MySqlContainers.PRIMARY_ALIAS, 3306, MySqlContainers.USER,
                        MySqlContainers.PASSWORD));
            }
            String auth = " -uroot -p'" + MySqlContainers.PASSWORD + "'";
            MySqlContainers.exec(container, "seeding the replica with mysqldump",
                    "mysqldump -h" + MySqlContainers.PRIMARY_ALIAS + auth + " --single-transaction "
                            + MySqlReplication.dumpCoordinatesOption(v) + " --set-gtid-purged=OFF --routines --triggers"
                            + " --events --databases " + MySqlContainers.DATABASE + " > /tmp/rehearse-seed.sql"
                            + " && mysql" + auth + " < /tmp/rehearse-seed.sql && rm /tmp/rehearse-seed.sql");
            try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
                s.execute(MySqlReplication.start(v));
            }
            long ms = awaitCaughtUp(primary, replica, CATCH_UP_LIMIT_MS);
            progress.accept(String.format(Locale.ROOT, "replica: container %s seeded by mysqldump and caught up in %.1f s",
                    image, (System.nanoTime() - t0) / 1e9));
            return new MySqlRunningReplica(primary, replica, model(replica, v, settings), replica::close);
        } catch (SQLException e) {
            replica.close();
            throw new RehearsalFailedException("cannot start replicating into the replica container: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    /** Until the replica has executed up to the primary's binlog position as it is now. */
    static long awaitCaughtUp(Database primary, Database replica, long limitMs) {
        long t0 = System.nanoTime();
        long deadline = t0 + limitMs * 1_000_000L;
        MySqlStatementProbe.PositionMeter meter = new MySqlStatementProbe.PositionMeter();
        try (Connection p = primary.connect("rehearse-replication"); Connection r = replica.connect("rehearse-replication")) {
            if (!(meter.read(p) instanceof MySqlStatementProbe.BinlogPosition target)) {
                throw new RehearsalFailedException("the primary writes no binlog: no replica");
            }
            long wanted = MySqlReplicationProbe.coordinate(target.file(), target.position());
            while (true) {
                MySqlReplicationProbe.Status status = MySqlReplicationProbe.status(r, replica.version());
                if (status.error() != null) throw new RehearsalFailedException("the replica stopped replicating: " + status.error());
                if (status.relaySourceLogFile() != null && !status.relaySourceLogFile().isEmpty()
                        && MySqlReplicationProbe.coordinate(status.relaySourceLogFile(), status.execSourceLogPos()) >= wanted) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
                if (System.nanoTime() > deadline) {
                    throw new RehearsalFailedException("the replica did not reach the primary's position " + target.file()
                            + ":" + target.position() + " within " + limitMs / 1000 + " s");
                }
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot wait for the replica: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalFailedException("interrupted waiting for the replica", e);
        }
    }

    /**
     * The model as MySQL can apply it: {@code apply_delay} as the source delay (whole seconds, rounded up); MySQL has
     * no limit on the rate its IO thread reads the binlog (MariaDB's {@code read_binlog_speed_limit}), and the
     * containers talk over Docker's network, not this JVM's throttled link, so {@code apply_rate} is not applied and
     * the model says so; {@code max_standby_streaming_delay} and {@code hot_standby_feedback} are PostgreSQL's.
     */
    private static String model(Database replica, ServerVersion v, Scenario.Replica settings) {
        List<String> said = new ArrayList<>();
        Integer delayMs = settings.applyDelayMs();
        long seconds = delayMs == null || delayMs <= 0 ? 0 : (delayMs + 999) / 1000;
        if (seconds > 0) {
            try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
                s.execute(MySqlReplication.stop(v));
                s.execute(MySqlReplication.delay(v, seconds));
                s.execute(MySqlReplication.start(v));
            } catch (SQLException e) {
                throw new RehearsalFailedException("cannot set the replica's apply delay: " + e.getMessage(), e);
            }
            said.add("source delay " + seconds + " s");
        } else {
            said.add("no apply delay");
        }
        said.add(settings.applyRateBytesPerSecond() == null ? "binlog stream unthrottled (Docker network)"
                : "apply_rate " + Quantities.bytes(settings.applyRateBytesPerSecond()) + "/s not applied (MySQL has no"
                + " binlog read limit, and the containers' link is Docker's network): the replica lags as this machine does");
        if (settings.maxStandbyStreamingDelayMs() != null || settings.hotStandbyFeedback() != null) {
            said.add("max_standby_streaming_delay and hot_standby_feedback ignored (PostgreSQL's)");
        }
        return String.join("; ", said);
    }
}
