package dev.rehearse.engine.postgres;

import dev.rehearse.migrate.StatementProbe;
import dev.rehearse.provision.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PostgreSQL's statement instruments. Around each statement it reads, in one round trip on the migration's own
 * session, what only that session can see: the catalog as its uncommitted transaction changed it (storage
 * identities, to see rewrites; relations it created) and its transaction's scan counters
 * ({@code pg_stat_xact_user_tables}'s). Outside a transaction, scan counters are the server's, after forcing this
 * backend's stats out. What another session can read, it reads on its own connection, at the same time: the migration
 * backend's locks ({@code pg_locks} by pid) and the WAL insert position, neither of which takes a lock on the
 * migration's relations, so the read cannot queue behind the lock it measures. Inside a transaction every
 * millisecond the probe spends lengthens the locks it measures; {@link #cost()} reports what it spent.
 */
final class PostgresStatementProbe implements StatementProbe {

    /** How reports name a relation: bare in public, schema-qualified elsewhere. */
    static final String DISPLAY_NAME =
            "CASE WHEN n.nspname = 'public' THEN c.relname::text ELSE n.nspname || '.' || c.relname END";
    static final String USER_SCHEMA =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
                    + "AND n.nspname NOT LIKE 'pg\\_temp%'";

    /**
     * Tables, matviews and indexes with their storage; an index with its table (same schema as the index); the
     * sequential scans of a table ({@code SCANS}: this transaction's or the server's). Foreign tables only to name their
     * locks. Functions by OID only: no cast to regclass, nothing that would lock a relation.
     */
    private static final String RELATIONS = "SELECT c.oid, c.relfilenode, c.relkind, " + DISPLAY_NAME + ", "
            + "CASE WHEN t.oid IS NULL THEN NULL WHEN n.nspname = 'public' THEN t.relname::text"
            + " ELSE n.nspname || '.' || t.relname END,"
            + " CASE WHEN c.relkind IN ('r', 'm', 'p') THEN SCANS(c.oid) END"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_index x ON x.indexrelid = c.oid LEFT JOIN pg_class t ON t.oid = x.indrelid"
            + " WHERE c.relkind IN ('r', 'm', 'i', 'p', 'I', 'f') AND " + USER_SCHEMA;
    private static final String RELATIONS_IN_TX = RELATIONS.replace("SCANS(", "pg_stat_get_xact_numscans(");
    private static final String RELATIONS_OUTSIDE_TX = RELATIONS.replace("SCANS(", "pg_stat_get_numscans(");
    /**
     * From the probe's own session: the WAL insert position and the migration backend's granted relation locks (by
     * OID, named from the migration's own view of the catalog). pg_locks takes no lock on the relations it lists.
     */
    private static final String SIDE = "WITH w AS (SELECT pg_current_wal_insert_lsn()::text AS lsn)"
            + " SELECT w.lsn, l.relation::bigint, l.mode FROM w LEFT JOIN pg_locks l"
            + " ON l.pid = ? AND l.locktype = 'relation' AND l.granted";

    private final int major;
    /** Where the side connection comes from; null: the side reads run on the migration's own session. */
    private final Database db;
    private Connection side;
    private PreparedStatement sideRead;
    private ExecutorService sideThread;
    private final Cost.Counter cost = new Cost.Counter();
    /** The migration's connection and the in-session reads prepared on it (in a transaction, outside one). */
    private Connection own;
    private final PreparedStatement[] ownReads = new PreparedStatement[2];

    /** A probe that reads everything on the migration's own session (sequentially). */
    PostgresStatementProbe(int major) {
        this.major = major;
        this.db = null;
    }

    /** A probe that reads locks and WAL from its own connection to {@code db}, opened at the first statement. */
    PostgresStatementProbe(Database db) {
        this.major = db.version().major();
        this.db = db;
    }

    /** @param table for an index, its table's display name; null otherwise */
    private record Relation(long oid, long filenode, char kind, String name, String table, Long seqScans) {
        boolean index() {
            return kind == 'i' || kind == 'I';
        }

        /** Foreign tables: read to name the locks on them, not storage. */
        boolean lockOnly() {
            return kind == 'f';
        }

        boolean lockable() {
            return kind == 'r' || kind == 'p' || kind == 'm' || kind == 'f';
        }
    }

    /** A lock held on a relation, by OID: a RENAME changes the name, not the relation. */
    private record OwnLock(long oid, String name, String mode) {}

    private record PgSnapshot(Map<Long, Relation> relations, Set<OwnLock> locks, long walLsn) implements Snapshot {}

    /** What the side read gives: the WAL position and the migration backend's relation locks by OID. */
    private record Side(long walLsn, Set<List<Object>> locks) {
        /** Those on relations the migration's session sees in {@code visible}, named as {@code naming} has them. */
        Set<OwnLock> on(Map<Long, Relation> visible, Map<Long, Relation> naming) {
            Set<OwnLock> out = new HashSet<>();
            for (List<Object> l : locks) {
                long oid = (Long) l.get(0);
                Relation r = visible.get(oid);
                if (r == null || !r.lockable()) continue;
                Relation named = naming.getOrDefault(oid, r);
                out.add(new OwnLock(oid, named.name(), (String) l.get(1)));
            }
            return out;
        }
    }

    @Override
    public dev.rehearse.migrate.ErrorClass classify(SQLException e) {
        return PostgresDialect.classify(e.getSQLState());
    }

    @Override
    public Integer errorLine(SQLException e, String sql) {
        return PostgresDialect.lineOfError(e, sql);
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    @Override
    public void prepareSession(Connection c, Integer lockTimeoutMs, Integer statementTimeoutMs) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (lockTimeoutMs != null) s.execute("SET lock_timeout = " + lockTimeoutMs);
            if (statementTimeoutMs != null) s.execute("SET statement_timeout = " + statementTimeoutMs);
        }
    }

    @Override
    public Map<String, Long> tableRows(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT " + DISPLAY_NAME + ", greatest(c.reltuples, 0)::bigint FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'm') AND " + USER_SCHEMA)) {
            while (rs.next()) rows.put(rs.getString(1), rs.getLong(2));
        }
        return rows;
    }

    @Override
    public Snapshot before(Connection c, boolean inTransaction) throws SQLException {
        openSide();
        long t0 = System.nanoTime();
        try {
            if (!inTransaction) flushStats(c);
            Future<Side> side = readSide(c, inTransaction);
            Map<Long, Relation> relations = relations(c, inTransaction);
            Side s = join(side);
            return new PgSnapshot(relations, inTransaction ? s.on(relations, relations) : Set.of(), s.walLsn());
        } finally {
            cost.before(System.nanoTime() - t0, inTransaction);
        }
    }

    @Override
    public Facts after(Connection c, Snapshot snapshot, boolean inTransaction) throws SQLException {
        long t0 = System.nanoTime();
        try {
            return facts(c, (PgSnapshot) snapshot, inTransaction);
        } finally {
            cost.after(System.nanoTime() - t0, inTransaction);
        }
    }

    @Override
    public Cost cost() {
        return cost.cost();
    }

    private Facts facts(Connection c, PgSnapshot before, boolean inTransaction) throws SQLException {
        Future<Side> side = inTransaction ? readSide(c, true) : null;
        Map<Long, Relation> now;
        Side s;
        if (inTransaction) {
            now = relations(c, true);
            s = join(side);
        } else {
            // outside a transaction nothing is held while the probe reads: the counters need the flush first
            s = join(readSide(c, false));
            flushStats(c);
            now = relations(c, false);
        }
        long wal = s.walLsn();
        List<String> rewrote = new ArrayList<>();
        List<String> rebuilt = new ArrayList<>();
        List<String> created = new ArrayList<>();
        // Indexes by (table, name): ALTER COLUMN TYPE drops and recreates dependent indexes under the same name.
        Map<List<String>, Relation> indexesBefore = new HashMap<>();
        for (Relation r : before.relations().values()) {
            if (r.index()) indexesBefore.put(List.of(String.valueOf(r.table()), r.name()), r);
        }
        // Outside a transaction the statement's locks are gone when it returns; what the catalog shows it changed
        // tells the least it must have held (see impliedLocks).
        Set<String> indexDdlOn = new java.util.LinkedHashSet<>();
        for (Relation r : now.values()) {
            if (r.lockOnly()) continue;
            Relation old = before.relations().get(r.oid());
            if (old == null) {
                Relation sameName = r.index() ? indexesBefore.get(List.of(String.valueOf(r.table()), r.name())) : null;
                if (sameName != null && !now.containsKey(sameName.oid())) {
                    // Recreated in the catalog: a rebuild only if its storage is new. Where PostgreSQL can keep
                    // the old index's storage (varchar widening, varchar -> text) the relfilenode carries over.
                    if (sameName.filenode() != r.filenode()) rebuilt.add(r.name());
                } else {
                    created.add(r.name());
                }
                if (r.index() && r.table() != null) indexDdlOn.add(r.table());
            } else if (old.filenode() != r.filenode() && r.filenode() != 0) {
                (r.index() ? rebuilt : rewrote).add(r.name());
                if (r.index() && r.table() != null) indexDdlOn.add(r.table());
            }
        }
        List<String> dropped = new ArrayList<>();
        Set<List<String>> indexesNow = new java.util.HashSet<>();
        for (Relation r : now.values()) if (r.index()) indexesNow.add(List.of(String.valueOf(r.table()), r.name()));
        for (Relation old : before.relations().values()) {
            if (old.lockOnly() || now.containsKey(old.oid())) continue;
            if (old.index() && old.table() != null) indexDdlOn.add(old.table());
            if (!old.index() || !indexesNow.contains(List.of(String.valueOf(old.table()), old.name()))) dropped.add(old.name());
        }
        List<String> scanned = new ArrayList<>();
        for (Relation r : now.values()) {
            Relation old = before.relations().get(r.oid());
            if (r.seqScans() == null || old == null) continue;
            long delta = r.seqScans() - (old.seqScans() == null ? 0L : old.seqScans());
            if (delta > 0) scanned.add(old.name());
        }
        List<HeldLock> acquired = new ArrayList<>();
        List<HeldLock> implied = new ArrayList<>();
        if (inTransaction) {
            for (OwnLock l : s.on(now, before.relations())) {
                if (before.locks().stream().anyMatch(b -> b.oid() == l.oid() && b.mode().equals(l.mode()))) continue;
                // named as the relation was before the statement: ALTER TABLE t RENAME TO t2 locked t
                Relation old = before.relations().get(l.oid());
                acquired.add(new HeldLock(old != null ? old.name() : l.name(), l.mode()));
            }
        } else {
            implied.addAll(impliedLocks(before.relations(), now, rewrote, indexDdlOn));
        }
        return new Facts(acquired, rewrote, rebuilt, scanned, created, wal - before.walLsn(), implied, dropped);
    }

    /**
     * The least a statement outside a transaction must have held, from what it changed: its own locks are released
     * when it returns, so a statement faster than the sampler's interval leaves none to see. Replacing a table's
     * storage, renaming or dropping it takes ACCESS EXCLUSIVE; creating, dropping or rebuilding one of its indexes takes at
     * least SHARE UPDATE EXCLUSIVE on it (the CONCURRENTLY forms exactly that, the plain forms more).
     */
    private static List<HeldLock> impliedLocks(Map<Long, Relation> before, Map<Long, Relation> now,
                                               List<String> rewrote, Set<String> indexDdlOn) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Relation old : before.values()) {
            Relation r = now.get(old.oid());
            if (old.index() || old.lockOnly()) continue;
            if (r == null || !r.name().equals(old.name()) || rewrote.contains(r.name())) {
                out.put(old.name(), PostgresLockModes.ACCESS_EXCLUSIVE);
            }
        }
        for (String table : indexDdlOn) out.putIfAbsent(table, PostgresLockModes.SHARE_UPDATE_EXCLUSIVE);
        List<HeldLock> locks = new ArrayList<>();
        out.forEach((table, mode) -> locks.add(new HeldLock(table, mode)));
        return locks;
    }


    /** The one in-session read: relations, their storage and this transaction's (or the server's) scan counters. */
    private Map<Long, Relation> relations(Connection c, boolean inTransaction) throws SQLException {
        Map<Long, Relation> out = new HashMap<>();
        try (ResultSet rs = ownRead(c, inTransaction).executeQuery()) {
            while (rs.next()) {
                long scans = rs.getLong(6);
                Long seqScans = rs.wasNull() ? null : scans;
                out.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getLong(2), rs.getString(3).charAt(0),
                        rs.getString(4), rs.getString(5), seqScans));
            }
        }
        return out;
    }

    /** The in-session read, prepared on the server from its first use: no parse or plan while the locks are held. */
    private PreparedStatement ownRead(Connection c, boolean inTransaction) throws SQLException {
        if (own != c) {
            closeOwnReads();
            own = c;
        }
        int i = inTransaction ? 0 : 1;
        if (ownReads[i] == null) {
            ownReads[i] = c.prepareStatement(inTransaction ? RELATIONS_IN_TX : RELATIONS_OUTSIDE_TX);
            ownReads[i].unwrap(PGStatement.class).setPrepareThreshold(1);
        }
        return ownReads[i];
    }

    private void closeOwnReads() {
        for (int i = 0; i < ownReads.length; i++) {
            try {
                if (ownReads[i] != null) ownReads[i].close();
            } catch (SQLException ignored) {
                // its connection is gone or going
            }
            ownReads[i] = null;
        }
    }

    private void openSide() throws SQLException {
        if (db == null || side != null) return;
        side = db.connect("rehearse-probe");
        side.setAutoCommit(true);
        try (Statement st = side.createStatement()) {
            // it reads nothing that locks a user relation; should it ever, it fails rather than queue behind the
            // migration it is measuring (which waits for it: a deadlock no server would see)
            st.execute("SET lock_timeout = '2s'");
        }
        sideRead = side.prepareStatement(SIDE);
        sideRead.unwrap(PGStatement.class).setPrepareThreshold(1);
        sideThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rehearse-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The WAL position and, in a transaction, the migration backend's locks: from the probe's own session, started
     * now and running while the migration's session answers its own read; on the migration's session itself when
     * the probe has no connection of its own.
     */
    private Future<Side> readSide(Connection c, boolean withLocks) throws SQLException {
        int pid = withLocks ? c.unwrap(PGConnection.class).getBackendPID() : 0;
        if (sideThread == null) return CompletableFuture.completedFuture(readSide(c, pid));
        return sideThread.submit(() -> readSide(null, pid));
    }

    private Side readSide(Connection own, int pid) throws SQLException {
        PreparedStatement ps = own == null ? sideRead : own.prepareStatement(SIDE);
        try {
            ps.setInt(1, pid);
            long lsn = -1;
            Set<List<Object>> locks = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lsn = parseLsn(rs.getString(1));
                    long oid = rs.getLong(2);
                    if (!rs.wasNull()) locks.add(List.of(oid, rs.getString(3)));
                }
            }
            return new Side(lsn, locks);
        } finally {
            if (own != null) ps.close();
        }
    }

    private static Side join(Future<Side> side) throws SQLException {
        try {
            return side.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the probe read locks and WAL", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            throw new SQLException("the probe's read of locks and WAL failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        closeOwnReads();
        own = null;
        if (sideThread != null) sideThread.shutdownNow();
        if (side != null) {
            try {
                side.close();
            } catch (SQLException ignored) {
                // the probe's own session; the server ends it anyway
            }
        }
        side = null;
        sideThread = null;
    }

    static long parseLsn(String lsn) {
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) + Long.parseLong(lsn.substring(slash + 1), 16);
    }

    /**
     * Makes this backend's table counters visible in pg_stat_user_tables. PostgreSQL 15+ flushes on request;
     * before 15 a backend reports at most every 500 ms when it goes idle, so wait that out once.
     */
    private void flushStats(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (major >= 15) {
                s.execute("SELECT pg_stat_force_next_flush()");
            } else {
                try {
                    Thread.sleep(550);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.execute("SELECT 1");
            }
            s.execute("SELECT pg_stat_clear_snapshot()");
        }
    }
}
