package dev.rehearse.engine.mysql;

import dev.rehearse.provision.Database;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.EngineSpec;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Properties;
import java.util.function.Function;

/** MySQL in a container (the official {@code mysql} image at a pinned tag, {@link MySqlVersions}). */
final class DockerMySqlProvisioner implements Provisioner {

    private final Function<String, Properties> roleProperties;

    /** @param roleProperties the engine's connection properties per role */
    DockerMySqlProvisioner(Function<String, Properties> roleProperties) {
        this.roleProperties = roleProperties;
    }

    @Override
    public Database start(EngineSpec spec) {
        String image = MySqlVersions.image(spec.version());
        MySqlContainers.requireDocker("--provider external --url jdbc:mysql://HOST:3306/DB --allow-writes");
        @SuppressWarnings("resource")
        MySQLContainer container = new MySQLContainer(DockerImageName.parse(image))
                .withDatabaseName(MySqlContainers.DATABASE)
                .withUsername(MySqlContainers.USER)
                .withPassword(MySqlContainers.PASSWORD);
        container.withCommand(MySqlContainers.SERVER_FLAGS.toArray(String[]::new));
        // A disposable local container needs no TLS; without it MySQL 8's caching_sha2_password wants the server's key.
        return MySqlContainers.start(container, image, EngineSpec.Kind.MYSQL,
                "sslMode=DISABLED&allowPublicKeyRetrieval=true", roleProperties);
    }
}
