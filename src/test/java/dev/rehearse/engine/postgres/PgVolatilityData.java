package dev.rehearse.engine.postgres;

import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates {@code volatile-functions.txt}, the data {@link PostgresFunctions} reads, from the real servers:
 * starts each embedded PostgreSQL {@value PostgresVersions#MIN_MAJOR}..{@value PostgresVersions#MAX_MAJOR} and
 * reads {@code pg_proc.provolatile} for pg_catalog. Not part of {@code mvn verify} (tag {@code bench}):
 * <pre>mvn -B -Pbench test -Dtest=PgVolatilityData -Drehearse.writeVolatility=true</pre>
 * Without the property it prints the file and only checks it equals the shipped one.
 * {@code PostgresFunctionsTest} checks the shipped data against PostgreSQL 16 on every build.
 */
@Tag("bench")
class PgVolatilityData {

    static final Path SHIPPED = Path.of("src/main/resources/dev/rehearse/engine/postgres/volatile-functions.txt");

    /** One server's pg_catalog function names, each with whether any overload of it is volatile. */
    static Map<String, Boolean> catalog(Connection c) throws Exception {
        Map<String, Boolean> out = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT p.proname, p.provolatile FROM pg_proc p"
                     + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pg_catalog'")) {
            while (r.next()) out.merge(r.getString(1), r.getString(2).equals("v"), Boolean::logicalOr);
        }
        return out;
    }

    @Test
    void generate() throws Exception {
        Map<Integer, Map<String, Boolean>> byMajor = new TreeMap<>();
        List<String> servers = new ArrayList<>();
        for (int major = PostgresVersions.MIN_MAJOR; major <= PostgresVersions.MAX_MAJOR; major++) {
            try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:" + major));
                 Connection c = db.connect()) {
                byMajor.put(major, catalog(c));
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW server_version")) {
                    r.next();
                    servers.add(r.getString(1));
                }
            }
        }
        String text = render(byMajor, servers);
        System.out.print(text);
        if (Boolean.getBoolean("rehearse.writeVolatility")) {
            Files.createDirectories(SHIPPED.getParent());
            Files.writeString(SHIPPED, text);
        } else {
            assertThat(Files.readString(SHIPPED)).as("shipped data; regenerate with -Drehearse.writeVolatility=true")
                    .isEqualTo(text);
        }
    }

    static String render(Map<Integer, Map<String, Boolean>> byMajor, List<String> servers) {
        StringBuilder out = new StringBuilder()
                .append("# pg_catalog functions by name: <name> <majors it exists in> [v[<majors an overload of it is volatile in>]]\n")
                .append("# Majors: a set such as 13-18 or 10,12-18; * = every major of @majors; a bare v = in every major it exists in.\n")
                .append("# A name not listed for a major is unknown there and counts as volatile.\n")
                .append("# Generated from pg_proc.provolatile of PostgreSQL ").append(String.join(", ", servers)).append('\n')
                .append("# by: mvn -B -Pbench test -Dtest=PgVolatilityData -Drehearse.writeVolatility=true\n")
                .append("@majors ").append(PostgresFunctions.ranges(byMajor.keySet())).append('\n');
        TreeSet<String> names = new TreeSet<>();
        byMajor.values().forEach(m -> names.addAll(m.keySet()));
        for (String name : names) {
            TreeSet<Integer> in = new TreeSet<>();
            TreeSet<Integer> volatileIn = new TreeSet<>();
            byMajor.forEach((major, m) -> {
                Boolean v = m.get(name);
                if (v != null) in.add(major);
                if (Boolean.TRUE.equals(v)) volatileIn.add(major);
            });
            String present = in.equals(byMajor.keySet()) ? "*" : PostgresFunctions.ranges(in);
            out.append(name).append(' ').append(present);
            if (!volatileIn.isEmpty()) {
                out.append(" v").append(volatileIn.equals(in) ? "" : PostgresFunctions.ranges(volatileIn));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
