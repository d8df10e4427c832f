package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.InvalidInputException;
import dev.rehearse.engine.mysql.MySqlContainers;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.EngineSpec;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.LinkedHashMap;

/**
 * MariaDB in a container (the official {@code mariadb} image at a pinned tag per line), with the family's server
 * flags ({@link MySqlContainers#SERVER_FLAGS}); reached with MariaDB Connector/J like the embedded server.
 */
final class DockerMariaDbProvisioner implements Provisioner {

    private final Function<String, Properties> roleProperties;

    /** @param roleProperties the engine's connection properties per role */
    DockerMariaDbProvisioner(Function<String, Properties> roleProperties) {
        this.roleProperties = roleProperties;
    }

    /** Line → pinned image tag; a full version ({@code mariadb:10.11.8}) of a listed line is taken as written. */
    static final Map<String, String> PINNED = new LinkedHashMap<>();
    static {
        PINNED.put("10.6", "10.6.21");
        PINNED.put("10.11", "10.11.11");
        PINNED.put("11.4", "11.4.5");
    }

    @Override
    public Database start(EngineSpec spec) {
        String image = image(spec.version());
        MySqlContainers.requireDocker("--provider embedded (mariadb:10.11, mariadb:11.4) or --provider external");
        @SuppressWarnings("resource")
        MariaDBContainer container = new MariaDBContainer(DockerImageName.parse(image))
                .withDatabaseName(MySqlContainers.DATABASE)
                .withUsername(MySqlContainers.USER)
                .withPassword(MySqlContainers.PASSWORD);
        container.withCommand(MySqlContainers.SERVER_FLAGS.toArray(String[]::new));
        return MySqlContainers.start(container, image, EngineSpec.Kind.MARIADB, "allowLocalInfile=true",
                roleProperties);
    }

    static String image(String requested) {
        String[] parts = requested.split("\\.");
        String pinned = parts.length >= 2 ? PINNED.get(parts[0] + "." + parts[1]) : null;
        if (pinned == null) {
            throw new InvalidInputException("mariadb:" + requested + " is not a MariaDB line the docker provider runs;"
                    + " expected one of " + String.join(", ", PINNED.keySet().stream().map(v -> "mariadb:" + v).toList()));
        }
        return "mariadb:" + (parts.length == 3 ? requested : pinned);
    }

    static String listing() {
        return String.join(", ", PINNED.entrySet().stream().map(e -> "mariadb:" + e.getKey() + " (" + e.getValue() + ")").toList());
    }
}
