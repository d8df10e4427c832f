package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlRunningReplica;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.engine.mysql.MySqlContainers;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A GTID replica of a MariaDB primary container ({@code --provider docker --replica}): a second container of the same
 * image on the primary's network with the replica role's flags ({@link MariaDbReplication.Role#REPLICA}), pointed at
 * the primary by name, seeded by the image's mariadb-dump from a consistent snapshot ({@code --single-transaction
 * --gtid --master-data}: the dump sets {@code gtid_slave_pos} to the snapshot's position) and connected with {@code
 * MASTER_USE_GTID=slave_pos}. Unlike the embedded replica it is not replayed from the binlog's start: each container's
 * entrypoint creates its own database and users, and a snapshot does not depend on which of that reached the binlog. The
 * model is applied as on the embedded replica ({@code read_binlog_speed_limit}, {@code MASTER_DELAY}), and the replica
 * is sampled by GTIDs ({@link MariaDbReplicationProbe}). Removed with the primary on every exit.
 */
final class DockerMariaDbReplicas implements ReplicaSupport {

    private static final long CATCH_UP_LIMIT_MS = 30 * 60_000;

    private final Function<String, Properties> roleProperties;

    DockerMariaDbReplicas(Function<String, Properties> roleProperties) {
        this.roleProperties = roleProperties;
    }

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        JdbcDatabaseContainer<?> source = MySqlContainers.containerOf(primary).orElseThrow(() ->
                new RehearsalFailedException("--replica: the primary at " + primary.jdbcUrl() + " was not started here"));
        String image = source.getDockerImageName();
        @SuppressWarnings("resource")
        MariaDBContainer container = new MariaDBContainer(DockerImageName.parse(image))
                .withDatabaseName(MySqlContainers.DATABASE)
                .withUsername(MySqlContainers.USER)
                .withPassword(MySqlContainers.PASSWORD);
        List<String> flags = MariaDbReplication.withFlags(MySqlContainers.SERVER_FLAGS, MariaDbReplication.Role.REPLICA);
        container.withCommand(flags.toArray(String[]::new));
        long t0 = System.nanoTime();
        Database replica = MySqlContainers.start(container, image + " (replica)", EngineSpec.Kind.MARIADB,
                "allowLocalInfile=true", roleProperties, source.getNetwork());
        try {
            try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
                s.execute("CHANGE MASTER TO MASTER_HOST = '" + MySqlContainers.PRIMARY_ALIAS + "', MASTER_PORT = 3306,"
                        + " MASTER_USER = '" + MySqlContainers.USER + "', MASTER_PASSWORD = '" + MySqlContainers.PASSWORD
                        + "', MASTER_CONNECT_RETRY = 1, MASTER_SSL = 0");
            }
            String auth = " -uroot -p'" + MySqlContainers.PASSWORD + "'";
            MySqlContainers.exec(container, "seeding the replica with mariadb-dump",
                    "mariadb-dump -h" + MySqlContainers.PRIMARY_ALIAS + auth + " --skip-ssl --single-transaction --gtid"
                            + " --master-data=1 --routines --triggers --events --databases " + MySqlContainers.DATABASE
                            + " > /tmp/rehearse-seed.sql && mariadb" + auth + " < /tmp/rehearse-seed.sql"
                            + " && rm /tmp/rehearse-seed.sql");
            try (Connection c = replica.connect("rehearse-replication"); Statement s = c.createStatement()) {
                s.execute("CHANGE MASTER TO MASTER_USE_GTID = slave_pos");
                s.execute("START SLAVE");
            }
            MariaDbReplica.awaitCaughtUp(primary, replica, CATCH_UP_LIMIT_MS);
            progress.accept(String.format(Locale.ROOT, "replica: container %s seeded by mariadb-dump and caught up in %.1f s",
                    image, (System.nanoTime() - t0) / 1e9));
            return new MySqlRunningReplica(primary, replica, MariaDbReplica.applyModel(replica, settings),
                    replica::close, MariaDbReplicationProbe::new);
        } catch (SQLException e) {
            replica.close();
            throw new RehearsalFailedException("cannot start replicating into the replica container: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }
}
