package dev.rehearse.engine.postgres;

import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ScenarioLoader;
import dev.rehearse.seed.Profile;
import dev.rehearse.seed.ProfileGenerators;
import dev.rehearse.seed.ProfileLoader;
import dev.rehearse.seed.Seeder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The profiles in seed-data/ seed their schemas (at 2% scale here), and their scenarios point at them. */
class ShippedProfilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ecommerce", "saas"})
    void seedsItsSchemaWithItsSkew(String name) throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("scenarios", name + ".yaml"));
        assertThat(scenario.data().profile()).isEqualTo(Path.of("seed-data", name + ".yaml").toAbsolutePath().normalize());
        Profile full = ProfileLoader.load(scenario.data().profile());
        Profile small = new Profile(full.file(), 0.02, full.tables());
        try (Database db = new EmbeddedPostgresProvisioner().start(EngineSpec.parse("postgres:16"))) {
            ProfileSeedTest.execute(db, Files.readString(scenario.schema().file()));
            new Seeder(PostgresEngine.seedEngine()).seed(db, Map.of(), 42, small, System.out::println);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                String child = name.equals("ecommerce") ? "orders" : "events";
                String key = name.equals("ecommerce") ? "customer_id" : "tenant_id";
                String parent = name.equals("ecommerce") ? "customers" : "tenants";
                double children = ProfileSeedTest.number(s, "SELECT count(*) FROM " + child);
                double parents = ProfileSeedTest.number(s, "SELECT count(*) FROM " + parent);
                assertThat(children).isEqualTo(Math.round(full.tables().get(child).rows() * 0.02));
                // The busiest 1% of parents hold what the profile's skew predicts, within 0.05.
                long top = Math.max(1, Math.round(parents / 100));
                double share = ProfileSeedTest.number(s, "SELECT sum(n)::float8 / " + children + " FROM (SELECT count(*) n FROM "
                        + child + " GROUP BY " + key + " ORDER BY 1 DESC LIMIT " + top + ") x");
                double skew = full.tables().get(child).columns().get(key).exponent();
                assertThat(share).isCloseTo(ProfileGenerators.zipfShare(top, (long) parents, skew),
                        org.assertj.core.api.Assertions.within(0.05));
            }
        }
    }
}
