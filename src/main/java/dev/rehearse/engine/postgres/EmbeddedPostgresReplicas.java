package dev.rehearse.engine.postgres;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.engine.ReplicaSupport;
import dev.rehearse.model.Quantities;
import dev.rehearse.observe.ReplicationProbe;
import dev.rehearse.provision.Cleanup;
import dev.rehearse.provision.Database;
import dev.rehearse.provision.LocalServers;
import dev.rehearse.provision.RunDirectories;
import dev.rehearse.provision.ThrottledLink;
import dev.rehearse.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A hot-standby streaming replica of an embedded primary, from the same binaries. The bundle has no
 * {@code pg_basebackup}, so the replica is seeded with the low-level backup API on the running primary
 * ({@code pg_backup_start}/{@code pg_backup_stop} from 15, the non-exclusive {@code pg_start_backup}/{@code
 * pg_stop_backup(false)} before): the data directory copied between the two, the {@code backup_label} the stop returns
 * written into the copy, and WAL from the backup's start kept by a physical replication slot, which the standby streams
 * from. Standby mode is {@code standby.signal} on 12+ and {@code recovery.conf} on 10/11.
 *
 * <p>The model ({@link Scenario.Replica}): {@code apply_rate} puts a {@link ThrottledLink} between the two, so the WAL
 * stream, and with it the replay, goes no faster than that; {@code apply_delay} is {@code recovery_min_apply_delay};
 * {@code max_standby_streaming_delay} and {@code hot_standby_feedback} are the standby's own settings.
 */
final class EmbeddedPostgresReplicas implements ReplicaSupport {

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();
    private static final long CATCH_UP_TIMEOUT_MS = 120_000;

    /** What a base backup does not copy, as pg_basebackup leaves it out (its excludeFiles/excludeDirContents). */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "standby.signal", "recovery.signal", "recovery.conf", "pg_internal.init");
    private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final EmbeddedPostgresProvisioner provisioner;

    EmbeddedPostgresReplicas(EmbeddedPostgresProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public Running start(Database primary, Scenario.Replica settings, Consumer<String> progress) {
        EmbeddedPostgresProvisioner.Instance p = EmbeddedPostgresProvisioner.instance(primary).orElseThrow(() ->
                new RehearsalFailedException("--replica: the primary at " + primary.jdbcUrl() + " was not started here"));
        int major = primary.version().major();
        // its slot's and walreceiver's name on the primary, unique while several replicas of it run
        String name = "rehearse_replica_" + ProcessHandle.current().pid() + "_" + STARTED.incrementAndGet();
        RunDirectories.Run runDir = RunDirectories.open("pg" + major + "-replica-");
        Path run = runDir.path();
        Cleanup.Registration removeDir = runDir.removal();
        ThrottledLink link = null;
        Database replica = null;
        try {
            Path data = run.resolve("data");
            Path sockets = RunDirectories.socketDirectory(run, p.user()); // short, whatever the temporary directory is
            baseBackup(primary, p.data(), data, major, name);
            // postgres refuses a data directory others can read
            Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            link = settings.applyRateBytesPerSecond() == null ? null
                    : new ThrottledLink(p.port(), settings.applyRateBytesPerSecond());
            String conninfo = "host=127.0.0.1 port=" + (link == null ? p.port() : link.port())
                    + " user=postgres application_name=" + name;
            List<String> standby = standbySettings(settings, major >= 12 ? conninfo : null, name);
            if (major >= 12) {
                Files.writeString(data.resolve("standby.signal"), "");
            } else {
                Files.writeString(data.resolve("recovery.conf"), recoveryConf(conninfo, settings, name));
            }
            p.user().own(run);
            replica = provisioner.startServer(p.spec(), p.install(), run, data, sockets, p.user(), removeDir, standby);
            awaitCaughtUp(primary, name);
            return running(primary, replica, link, model(settings, link), name);
        } catch (IOException e) {
            stop(primary, replica, link, removeDir, name);
            throw new RehearsalFailedException("cannot prepare the replica in " + run + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stop(primary, replica, link, removeDir, name);
            throw e;
        }
    }

    private static void stop(Database primary, Database replica, ThrottledLink link, Cleanup.Registration removeDir,
                             String slot) {
        if (replica != null) replica.close();
        if (link != null) link.close();
        removeDir.close();
        dropSlot(primary, slot);
    }

    /** The standby's own settings; {@code conninfo} on 12+, where recovery settings are settings. */
    private static List<String> standbySettings(Scenario.Replica s, String conninfo, String slot) {
        List<String> out = new ArrayList<>(List.of("hot_standby=on",
                // the standby reports its positions at least this often (1 s is the least it takes)
                "wal_receiver_status_interval=1s"));
        if (s.maxStandbyStreamingDelayMs() != null) out.add("max_standby_streaming_delay=" + s.maxStandbyStreamingDelayMs() + "ms");
        if (s.hotStandbyFeedback() != null) out.add("hot_standby_feedback=" + (s.hotStandbyFeedback() ? "on" : "off"));
        if (conninfo != null) {
            out.add("primary_conninfo=" + conninfo);
            out.add("primary_slot_name=" + slot);
            if (s.applyDelayMs() != null) out.add("recovery_min_apply_delay=" + s.applyDelayMs() + "ms");
        }
        return out;
    }

    /** PostgreSQL 10/11: recovery settings live in recovery.conf, whose presence makes the server a standby. */
    private static String recoveryConf(String conninfo, Scenario.Replica s, String slot) {
        return "standby_mode = 'on'\n"
                + "primary_conninfo = '" + conninfo + "'\n"
                + "primary_slot_name = '" + slot + "'\n"
                + (s.applyDelayMs() == null ? "" : "recovery_min_apply_delay = '" + s.applyDelayMs() + "ms'\n");
    }

    private static String model(Scenario.Replica s, ThrottledLink link) {
        List<String> parts = new ArrayList<>();
        parts.add(link == null ? "WAL streamed unthrottled" : "WAL stream throttled to " + Quantities.bytes((long) link.rate()) + "/s");
        parts.add("recovery_min_apply_delay " + (s.applyDelayMs() == null ? "0" : Quantities.duration(s.applyDelayMs())));
        parts.add("max_standby_streaming_delay " + (s.maxStandbyStreamingDelayMs() == null ? "30 s (default)"
                : Quantities.duration(s.maxStandbyStreamingDelayMs())));
        parts.add("hot_standby_feedback " + (s.hotStandbyFeedback() == null ? "off (default)" : s.hotStandbyFeedback() ? "on" : "off"));
        return String.join("; ", parts);
    }

    /**
     * The primary's data directory copied while a non-exclusive backup is in progress, then the backup's label
     * written into the copy, as the manual's "Making a Base Backup Using the Low Level API" says. A slot created first
     * keeps every WAL segment from before the backup's checkpoint until the standby has streamed it.
     */
    private static void baseBackup(Database primary, Path from, Path to, int major, String slot) throws IOException {
        try (Connection c = primary.connect("rehearse-replica-backup"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            st.execute(major >= 15 ? "SELECT pg_backup_start('rehearse replica', true)"
                    : "SELECT pg_start_backup('rehearse replica', true, false)");
            copy(from, to);
            try (ResultSet rs = st.executeQuery(major >= 15 ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)"
                    : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                Files.writeString(to.resolve("backup_label"), rs.getString(1));
                String map = rs.getString(2);
                if (map != null && !map.isEmpty()) Files.writeString(to.resolve("tablespace_map"), map);
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot take a base backup of the primary: " + e.getMessage(), e);
        }
    }

    /** Copies a live data directory: files may vanish while it runs (a backup tolerates that), some are left out. */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                if (EMPTIED_DIRS.contains(dir.getFileName().toString()) && !dir.equals(from)) {
                    if (dir.getFileName().toString().equals("pg_wal")) Files.createDirectories(target.resolve("archive_status"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (SKIPPED_FILES.contains(file.getFileName().toString())) return FileVisitResult.CONTINUE;
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // dropped while we copied: the WAL replayed from the backup's start recreates what matters
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }
        });
    }

    /** Until the standby streams and has replayed what the primary had written when it started. */
    private static void awaitCaughtUp(Database primary, String name) {
        long deadline = System.currentTimeMillis() + CATCH_UP_TIMEOUT_MS;
        String last = "not connected";
        try (Connection c = primary.connect("rehearse-replica-wait"); Statement st = c.createStatement()) {
            String target;
            try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                target = rs.getString(1);
            }
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT state, replay_lsn >= '" + target + "'::pg_lsn"
                        + " FROM pg_stat_replication WHERE application_name = '" + name + "'")) {
                    if (rs.next()) {
                        last = rs.getString(1);
                        if ("streaming".equals(last) && rs.getBoolean(2)) return;
                    }
                }
                LocalServers.pause(50, "the replica");
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot watch the replica start: " + e.getMessage(), e);
        }
        throw new RehearsalFailedException("the replica did not catch up with the primary within "
                + CATCH_UP_TIMEOUT_MS / 1000 + " s (state: " + last + ")");
    }

    /** The slot would keep WAL on the primary forever once its standby is gone. */
    private static void dropSlot(Database primary, String slot) {
        try (Connection c = primary.connect("rehearse-replica-stop"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot
                    + "' AND NOT active");
        } catch (SQLException e) {
            // the primary may already be stopping; its directory goes with it
        }
    }

    /** The replica while it runs: stopped, its link closed and its slot dropped on close. */
    private static PostgresReplica running(Database primary, Database replica, ThrottledLink link, String model,
                                           String name) {
        return new PostgresReplica(primary, replica, name, model, () -> {
            replica.close();
            if (link != null) link.close();
            dropSlot(primary, name);
        });
    }
}
