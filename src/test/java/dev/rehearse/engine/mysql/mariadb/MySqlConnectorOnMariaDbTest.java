package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.Engines;
import dev.rehearse.load.LoadTarget;
import dev.rehearse.migrate.ErrorClass;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSample;
import dev.rehearse.provision.Database;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.Scenario.TableData;
import dev.rehearse.seed.SeedResult;
import dev.rehearse.seed.Seeder;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MySQL runtime's parts, through {@code --provider external} and MySQL Connector/J, on the one MySQL-family
 * server that runs here: an embedded MariaDB 10.11. It proves the MySQL runtime's SQL where MariaDB shares it
 * (information_schema, LOAD DATA LOCAL from Connector/J's stream, performance_schema.metadata_locks, lock_wait_timeout);
 * what MariaDB does not share (INNODB_TABLES, MySQL 8's CHECK_CONSTRAINTS layout) takes the probe's other branch here.
 */
class MySqlConnectorOnMariaDbTest {

    @Test
    void seedsProbesAndSamplesAMariaDbThroughConnectorJ() throws Exception {
        try (Database embedded = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            String url = mysqlUrl(embedded);
            EngineRuntime mysql = Engines.runtime(EngineSpec.Kind.MYSQL);
            try (Database db = mysql.provisioner(Provider.EXTERNAL, new Scenario.External(url, "root", null, true)
                    .withGuards(null, null, true, false))
                    .start(EngineSpec.parse("mysql:8.0"))) {
                try (Connection c = db.connect()) {
                    assertThat(c.getClass().getName()).startsWith("com.mysql.cj.");
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE customers (id bigint AUTO_INCREMENT PRIMARY KEY, email varchar(80) NOT NULL UNIQUE,"
                                + " vip boolean NOT NULL, photo blob, created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                                + " qty int CHECK (qty >= 0), total int AS (qty * 2) VIRTUAL)");
                    }
                }
                Map<String, TableData> request = new LinkedHashMap<>();
                request.put("customers", new TableData(20_000, null));
                SeedResult seeded = new Seeder(mysql.seeding(db)).seed(db, request, 7, m -> { });
                assertThat(seeded.tables()).singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(20_000));
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    assertThat(count(s, "SELECT count(*) FROM customers")).isEqualTo(20_000);
                    assertThat(count(s, "SELECT count(DISTINCT email) FROM customers")).isEqualTo(20_000);
                    assertThat(count(s, "SELECT count(*) FROM customers WHERE vip NOT IN (0, 1) OR qty < 0")).isZero();
                    // The generated column was computed by the server, not loaded.
                    assertThat(count(s, "SELECT count(*) FROM customers WHERE qty IS NOT NULL AND total <> qty * 2")).isZero();

                    List<LoadTarget> targets = mysql.loadTargets(c, List.of("customers"));
                    assertThat(targets).singleElement().satisfies(t -> {
                        assertThat(t.minKey()).isEqualTo(1);
                        assertThat(t.maxKey()).isEqualTo(20_000);
                    });

                    StatementProbe probe = mysql.statementProbe(db.version());
                    probe.prepareSession(c, 1_000, null);
                    assertThat(run(probe, c, "ALTER TABLE customers ADD COLUMN note varchar(20)").rewrote()).isEmpty();
                    assertThat(run(probe, c, "CREATE INDEX customers_vip ON customers (vip)").rewrote()).isEmpty();
                    StatementProbe.Facts copy = run(probe, c, "ALTER TABLE customers MODIFY qty bigint");
                    assertThat(copy.rewrote()).containsExactly("customers");
                    assertThat(copy.locksImplied()).containsExactly(new StatementProbe.HeldLock("customers", "EXCLUSIVE"));

                    // A reader's open transaction holds SHARED_READ; an ALTER behind it waits for EXCLUSIVE, the
                    // sampler names the reader as its blocker, and lock_wait_timeout ends the wait as a lock timeout.
                    try (Connection reader = db.connect("rehearse-reader"); Statement r = reader.createStatement();
                         Connection sampler = db.connect("rehearse-sampler")) {
                        reader.setAutoCommit(false);
                        r.executeQuery("SELECT * FROM customers LIMIT 1").close();
                        long readerId = mysql.sessionId(reader);
                        var alter = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try (Statement a = c.createStatement()) {
                                a.execute("ALTER TABLE customers ADD COLUMN later int");
                                return null;
                            } catch (SQLException e) {
                                return e;
                            }
                        });
                        List<LockSample.SessionLock> locks = List.of();
                        var sample = mysql.lockProbe();
                        for (int i = 0; i < 50 && locks.stream().noneMatch(l -> !l.granted()); i++) {
                            Thread.sleep(20);
                            locks = sample.sample(sampler);
                        }
                        assertThat(locks).anySatisfy(l -> {
                            assertThat(l.session()).isEqualTo(readerId);
                            assertThat(l.mode()).isEqualTo("SHARED_READ");
                            assertThat(l.granted()).isTrue();
                        });
                        assertThat(locks).anySatisfy(l -> {
                            assertThat(l.granted()).isFalse();
                            assertThat(l.mode()).isEqualTo("EXCLUSIVE");
                            assertThat(l.blockedBy()).containsExactly(readerId);
                        });
                        SQLException timedOut = alter.get();
                        assertThat((Object) timedOut).isNotNull();
                        assertThat(probe.classify(timedOut)).isEqualTo(ErrorClass.LOCK_TIMEOUT);
                        reader.rollback();
                    }
                }
            }
        }
    }

    @Test
    void aRowTheServerRejectsFailsTheLoadNamingTheTable() throws Exception {
        try (Database embedded = new EmbeddedMariaDbProvisioner().start(EngineSpec.parse("mariadb:10.11"))) {
            EngineRuntime mysql = Engines.runtime(EngineSpec.Kind.MYSQL);
            try (Database db = mysql.provisioner(Provider.EXTERNAL, new Scenario.External(mysqlUrl(embedded), "root", null, true)
                    .withGuards(null, null, true, false))
                    .start(EngineSpec.parse("mysql:8.0"))) {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (id int PRIMARY KEY, qty int NOT NULL, CONSTRAINT qty_small CHECK (qty < 5))");
                }
                assertThatThrownBy(() -> new Seeder(mysql.seeding(db)).seed(db, Map.of("t", new TableData(1_000, null)), 7, m -> { }))
                        .hasMessageContaining("t").hasMessageContaining("qty_small");
            }
        }
    }

    /** The embedded server's address as a {@code jdbc:mysql:} URL, which Connector/J serves. */
    static String mysqlUrl(Database embedded) {
        return embedded.jdbcUrl().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:").replaceFirst("\\?.*$", "");
    }

    private static StatementProbe.Facts run(StatementProbe probe, Connection c, String sql) throws Exception {
        StatementProbe.Snapshot before = probe.before(c, false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return probe.after(c, before, false);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
