package dev.rehearse.engine.postgres;

import dev.rehearse.migrate.StatementProbe;
import org.postgresql.PGConnection;

import java.sql.Connection;
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

/**
 * PostgreSQL's statement instruments. Inside a transaction it reads its own backend's {@code pg_locks}
 * and {@code pg_stat_xact_user_tables}, which see exactly what this transaction holds and scanned.
 * Outside one, scan counters come from {@code pg_stat_user_tables} after forcing this backend's stats out.
 * Rewrites show as a changed {@code pg_class.relfilenode}.
 */
final class PostgresStatementProbe implements StatementProbe {

    /** How reports name a relation: bare in public, schema-qualified elsewhere. */
    static final String DISPLAY_NAME =
            "CASE WHEN n.nspname = 'public' THEN c.relname::text ELSE n.nspname || '.' || c.relname END";
    static final String USER_SCHEMA =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
                    + "AND n.nspname NOT LIKE 'pg\\_temp%'";

    /** Tables, matviews and indexes with their storage; an index with its table (same schema as the index). */
    private static final String RELATIONS = "SELECT c.oid, c.relfilenode, c.relkind, " + DISPLAY_NAME + ", "
            + "CASE WHEN t.oid IS NULL THEN NULL WHEN n.nspname = 'public' THEN t.relname::text"
            + " ELSE n.nspname || '.' || t.relname END"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_index x ON x.indexrelid = c.oid LEFT JOIN pg_class t ON t.oid = x.indrelid"
            + " WHERE c.relkind IN ('r', 'm', 'i', 'p', 'I') AND " + USER_SCHEMA;
    private static final String OWN_LOCKS = "SELECT c.oid, " + DISPLAY_NAME + ", l.mode"
            + " FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
            + " AND c.relkind IN ('r', 'p', 'm', 'f') AND " + USER_SCHEMA;
    private static final String XACT_SCANS = "SELECT relid, seq_scan FROM pg_stat_xact_user_tables";
    private static final String SCANS = "SELECT relid, seq_scan FROM pg_stat_user_tables";

    private final int major;

    PostgresStatementProbe(int major) {
        this.major = major;
    }

    /** @param table for an index, its table's display name; null otherwise */
    private record Relation(long oid, long filenode, char kind, String name, String table) {
        boolean index() {
            return kind == 'i' || kind == 'I';
        }
    }

    /** A lock held on a relation, by OID: a RENAME changes the name, not the relation. */
    private record OwnLock(long oid, String name, String mode) {}

    private record PgSnapshot(Map<Long, Relation> relations, Set<OwnLock> locks,
                              Map<Long, Long> seqScans, long walLsn) implements Snapshot {}

    @Override
    public dev.rehearse.migrate.ErrorClass classify(SQLException e) {
        return PostgresDialect.classify(e.getSQLState());
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
        if (!inTransaction) flushStats(c);
        return new PgSnapshot(relations(c), inTransaction ? ownLocks(c) : Set.of(),
                seqScans(c, inTransaction), walLsn(c));
    }

    @Override
    public Facts after(Connection c, Snapshot snapshot, boolean inTransaction) throws SQLException {
        PgSnapshot before = (PgSnapshot) snapshot;
        long wal = walLsn(c);
        if (!inTransaction) flushStats(c);
        Map<Long, Relation> now = relations(c);
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
        for (Relation old : before.relations().values()) {
            if (old.index() && old.table() != null && !now.containsKey(old.oid())) indexDdlOn.add(old.table());
        }
        List<String> scanned = new ArrayList<>();
        Map<Long, Long> scansNow = seqScans(c, inTransaction);
        for (Map.Entry<Long, Long> e : scansNow.entrySet()) {
            long delta = e.getValue() - before.seqScans().getOrDefault(e.getKey(), 0L);
            Relation r = before.relations().get(e.getKey());
            if (delta > 0 && r != null) scanned.add(r.name());
        }
        List<HeldLock> acquired = new ArrayList<>();
        List<HeldLock> implied = new ArrayList<>();
        if (inTransaction) {
            for (OwnLock l : ownLocks(c)) {
                if (before.locks().stream().anyMatch(b -> b.oid() == l.oid() && b.mode().equals(l.mode()))) continue;
                // named as the relation was before the statement: ALTER TABLE t RENAME TO t2 locked t
                Relation old = before.relations().get(l.oid());
                acquired.add(new HeldLock(old != null ? old.name() : l.name(), l.mode()));
            }
        } else {
            implied.addAll(impliedLocks(before.relations(), now, rewrote, indexDdlOn));
        }
        return new Facts(acquired, rewrote, rebuilt, scanned, created, wal - before.walLsn(), implied);
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
            if (old.index()) continue;
            if (r == null || !r.name().equals(old.name()) || rewrote.contains(r.name())) {
                out.put(old.name(), PostgresLockModes.ACCESS_EXCLUSIVE);
            }
        }
        for (String table : indexDdlOn) out.putIfAbsent(table, PostgresLockModes.SHARE_UPDATE_EXCLUSIVE);
        List<HeldLock> locks = new ArrayList<>();
        out.forEach((table, mode) -> locks.add(new HeldLock(table, mode)));
        return locks;
    }


    private static Map<Long, Relation> relations(Connection c) throws SQLException {
        Map<Long, Relation> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(RELATIONS)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getLong(2), rs.getString(3).charAt(0),
                        rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    private static Set<OwnLock> ownLocks(Connection c) throws SQLException {
        Set<OwnLock> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(OWN_LOCKS)) {
            while (rs.next()) out.add(new OwnLock(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
        return out;
    }

    private static Map<Long, Long> seqScans(Connection c, boolean inTransaction) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(inTransaction ? XACT_SCANS : SCANS)) {
            while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
        }
        return out;
    }

    private static long walLsn(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return parseLsn(rs.getString(1));
        }
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
