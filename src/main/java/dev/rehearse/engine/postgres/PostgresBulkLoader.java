package dev.rehearse.engine.postgres;

import dev.rehearse.provision.Database;
import dev.rehearse.seed.BulkLoader;
import dev.rehearse.seed.ByteGenerator;
import dev.rehearse.seed.Bytes;
import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ConstraintViolation;
import dev.rehearse.seed.DeferredBuild;
import dev.rehearse.seed.RowSource;
import dev.rehearse.seed.TableModel;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * COPY ... FROM STDIN in text format (FREEZE when the server allows), streamed from the row source in
 * ~64 KiB chunks; then the sequences of identity/serial columns are moved past the loaded keys. Indexes,
 * keys and foreign keys are dropped before and rebuilt after ({@link PostgresDeferredBuild}); VACUUM
 * ANALYZE then leaves the table with fresh statistics and a visibility map, as a long-lived production
 * table has, so that autovacuum does not wake up in the middle of the rehearsal.
 *
 * <p>Text, not binary COPY: the generators produce text literals, and the server's text input functions
 * are not where the time goes (the benchmark measures COPY at pgbench's own rate).
 */
public final class PostgresBulkLoader implements BulkLoader {

    private static final int CHUNK = 64 * 1024;

    @Override
    public DeferredBuild defer(Connection c, List<TableModel> tables) throws SQLException {
        return PostgresDeferredBuild.drop(c, tables);
    }

    /** Rows from which a table is loaded over several COPY streams at once. */
    static final long STREAM_ROWS = 250_000;
    /**
     * COPY streams into one large table: the server parses and inserts each on its own backend, so a load
     * uses the cores that one stream (pgbench -i's) leaves idle; more than four buys nothing on the hosts
     * rehearsals run on.
     */
    private static final int STREAMS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final long streamRows;
    /** Tables that {@link #load} already froze and analyzed (a multi-stream load), by quoted name. */
    private final java.util.Set<String> analyzedAtLoad = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code -Drehearse.seed.streamRows=N} moves the threshold (the seed benchmark compares one stream with several). */
    public PostgresBulkLoader() {
        this(Long.getLong("rehearse.seed.streamRows", STREAM_ROWS));
    }

    /** @param streamRows the row count from which a table loads over several streams (tests lower it) */
    PostgresBulkLoader(long streamRows) {
        this.streamRows = streamRows;
    }

    @Override
    public void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows) throws SQLException {
        load(null, c, table, columns, rows);
    }

    @Override
    public void load(Database db, Connection c, TableModel table, List<ColumnModel> columns, RowSource rows)
            throws SQLException {
        String target = quote(table.schema()) + "." + quote(table.name());
        int streams = db != null && rows.rows() >= Math.max(streamRows, 4L * BLOCK) ? STREAMS : 1;
        analyzedAtLoad.remove(target);
        try (Statement s = c.createStatement()) {
            // A commit not yet flushed (the embedded server runs synchronous_commit=off) keeps VACUUM from
            // marking pages all-visible, so this load commits synchronously; with fsync off that costs nothing.
            s.execute("SET synchronous_commit = on");
            // The generator draws every foreign key from its parent's keys, so the per-row RI trigger only
            // re-proves what is true by construction; skipping it (superusers only) makes a child table
            // load several times faster. Without the privilege the triggers simply run. (Foreign keys are
            // normally deferred to after the load; this covers those that could not be.)
            boolean triggersOff = !table.foreignKeys().isEmpty() && trySet(s, "SET session_replication_role = replica");
            try {
                if (streams > 1) {
                    streamed(db, c, target, columns, rows, streams, triggersOff);
                    // Freeze and analyze now, before the index build (pgbench -i's order too): one pass sets the hint
                    // bits and freezes, so the index build reads clean pages instead of dirtying every page with hint
                    // bits for a later VACUUM to dirty again, and finish()'s VACUUM skips the frozen pages (5M rows:
                    // that VACUUM 2.9-4.5 s -> 0.01-0.04 s, the build ~1.5 s faster, the load longer by the pass).
                    s.execute("VACUUM (FREEZE, ANALYZE) " + target);
                    analyzedAtLoad.add(target);
                } else if (canFreeze(s, table)) {
                    // COPY FREEZE writes rows already frozen and all-visible (14+), as pgbench -i does, so the
                    // VACUUM after it has nothing to rewrite; it needs the table truncated in its transaction.
                    c.setAutoCommit(false);
                    try {
                        s.execute("TRUNCATE ONLY " + target);
                        copy(c, target, columns, rows, true, Stripe.WHOLE);
                        c.commit();
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                } else {
                    copy(c, target, columns, rows, false, Stripe.WHOLE);
                }
                // Later inserts that take the default must not collide with the keys just loaded.
                for (ColumnModel col : columns) {
                    if (col.sequence() == null) continue;
                    try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, m) FROM (SELECT max("
                            + quote(col.name()) + ") AS m FROM " + target + ") x WHERE m IS NOT NULL")) {
                        ps.setString(1, col.sequence());
                        ps.execute();
                    }
                }
            } finally {
                s.execute("RESET synchronous_commit");
                if (triggersOff) s.execute("RESET session_replication_role");
            }
        }
    }

    /**
     * One table over {@code streams} connections at once, each COPYing every streams-th block of rows in its
     * own transaction; all commit once every stream has sent its rows, or all roll back. The streams keep
     * within a few blocks of each other ({@link Lockstep}), so rows still land in near row order and the
     * physical order follows keys. Not FREEZE (that needs the one transaction that truncated the table):
     * {@link #finish}'s VACUUM (FREEZE) freezes the pages instead, for a small part of what the extra streams save.
     */
    private static void streamed(Database db, Connection first, String target, List<ColumnModel> columns, RowSource rows,
                                 int streams, boolean triggersOff) throws SQLException {
        List<Connection> connections = new java.util.ArrayList<>(List.of(first));
        Lockstep lockstep = new Lockstep(streams);
        try {
            for (int k = 1; k < streams; k++) {
                Connection x = db.connect("rehearse-seed");
                connections.add(x);
                try (Statement s = x.createStatement()) {
                    s.execute("SET synchronous_commit = on");
                    if (triggersOff) trySet(s, "SET session_replication_role = replica");
                }
            }
            for (Connection x : connections) x.setAutoCommit(false);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> others = new java.util.ArrayList<>();
            for (int k = 1; k < streams; k++) {
                Connection x = connections.get(k);
                Stripe stripe = new Stripe(k, streams, lockstep);
                Thread t = new Thread(() -> {
                    try {
                        copy(x, target, columns, rows, false, stripe);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        lockstep.abort();
                    }
                }, "rehearse-copy-stream-" + k);
                t.setDaemon(true);
                t.start();
                others.add(t);
            }
            try {
                copy(first, target, columns, rows, false, new Stripe(0, streams, lockstep));
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                lockstep.abort();
            }
            boolean interrupted = false;
            for (Thread t : others) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        lockstep.abort();
                    }
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable f = failure.get();
            if (f == null && interrupted) f = new SQLException("interrupted while loading");
            if (f != null) {
                for (Connection x : connections) {
                    try {
                        x.rollback();
                    } catch (SQLException ignored) {
                        // the failure below is what matters
                    }
                }
                if (f instanceof SQLException e) throw e;
                if (f instanceof RuntimeException e) throw e;
                if (f instanceof Error e) throw e;
                throw new SQLException(f);
            }
            for (Connection x : connections) x.commit();
        } finally {
            first.setAutoCommit(true);
            for (Connection x : connections.subList(1, connections.size())) {
                try {
                    x.close();
                } catch (SQLException ignored) {
                    // closing an extra stream's connection; the load's outcome is already decided
                }
            }
        }
    }

    /**
     * Which blocks one COPY stream sends: block b (rows {@code 1 + b·BLOCK ..}) goes to stream b mod count.
     * {@link #WHOLE} is the one stream of a table that is not split.
     */
    private record Stripe(int index, int count, Lockstep lockstep) {
        static final Stripe WHOLE = new Stripe(0, 1, null);
    }

    /**
     * Holds each stream of one table to at most {@link #LEAD} blocks ahead of the slowest, so that the
     * streams' rows land near their row order. LEAD exceeds the blocks a stream holds in flight (two
     * queued, the one being generated, the one being written), so the slowest stream never waits. It holds
     * what the client sends: what the sockets buffer and how the server schedules the backends still move
     * the rows by some blocks on disk (the seed benchmark prints the correlation that results).
     */
    static final class Lockstep {
        static final int LEAD = 5;
        private final long[] written;
        private boolean aborted;

        Lockstep(int streams) {
            written = new long[streams];
        }

        synchronized void await(int stream, long block) throws InterruptedException {
            while (!aborted && block - LEAD > slowest()) wait();
            if (aborted) throw new IllegalStateException("another COPY stream of this table failed");
        }

        synchronized void wrote(int stream) {
            written[stream]++;
            notifyAll();
        }

        synchronized void finished(int stream) {
            written[stream] = Long.MAX_VALUE;
            notifyAll();
        }

        synchronized void abort() {
            aborted = true;
            notifyAll();
        }

        private long slowest() {
            long min = Long.MAX_VALUE;
            for (long w : written) min = Math.min(min, w);
            return min;
        }
    }

    @Override
    public void finish(Connection c, TableModel table) throws SQLException {
        String target = quote(table.schema()) + "." + quote(table.name());
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = on");
            // FREEZE: a table loaded over several streams (not COPY FREEZE) ends frozen and all-visible like one
            // loaded by COPY FREEZE, whose pages it skips as already frozen. A table load() already froze and
            // analyzed needs ANALYZE again only for an expression index's statistics (a plain column's are the
            // table's); its VACUUM skips the frozen pages and freezes what a concurrent transaction kept unfrozen.
            boolean analyze = !analyzedAtLoad.remove(target) || hasExpressionIndex(s, target);
            s.execute("VACUUM (FREEZE" + (analyze ? ", ANALYZE" : "") + ") " + target);
            s.execute("RESET synchronous_commit");
        }
    }

    private static boolean hasExpressionIndex(Statement s, String target) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = '"
                + target.replace("'", "''") + "'::regclass AND indexprs IS NOT NULL)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** COPY FREEZE: 14+ (all-visible at load), a plain table, and no foreign key pointing at it (TRUNCATE would refuse). */
    private static boolean canFreeze(Statement s, TableModel table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int >= 140000"
                + " AND c.relkind = 'r' AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f'"
                + " AND f.confrelid = c.oid) FROM pg_class c WHERE c.oid = '" + (quote(table.schema()) + "." + quote(table.name()))
                .replace("'", "''") + "'::regclass")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void copy(Connection c, String target, List<ColumnModel> columns, RowSource rows, boolean freeze,
                             Stripe stripe) throws SQLException {
        String sql = "COPY " + target + " (" + columns.stream().map(col -> quote(col.name()))
                .collect(Collectors.joining(", ")) + ") FROM STDIN" + (freeze ? " (FREEZE)" : "");
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        // Rows are generated and encoded on other threads while this one sits in socket writes, so the two
        // overlap instead of taking turns; a large table is generated by several threads, in blocks of rows
        // taken in turn, so rows still arrive in row order (physical order follows keys, as in production).
        // A few chunks in flight per thread bound the memory, whatever the row count. A table split over
        // several streams has one generator per stream: the streams already spread the work.
        int threads = stripe.count() > 1 ? 1 : rows.rows() >= 4L * BLOCK ? GENERATORS : 1;
        boolean whole = stripe.count() == 1 && threads == 1;
        List<BlockingQueue<byte[]>> queues = new java.util.ArrayList<>();
        // A stream of a split table holds fewer blocks in flight, so the lockstep between streams can be tight.
        for (int k = 0; k < threads; k++) queues.add(new ArrayBlockingQueue<>(stripe.count() > 1 ? 2 : 4));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producers = new java.util.ArrayList<>();
        for (int k = 0; k < threads; k++) {
            int id = k;
            BlockingQueue<byte[]> out = queues.get(k);
            Thread producer = new Thread(() -> {
                try {
                    String[] values = new String[columns.size()];
                    Chunk chunk = new Chunk(CHUNK + 4096);
                    if (whole) {
                        while (rows.next(values, chunk)) {
                            chunk.endRow();
                            if (chunk.length() >= CHUNK) out.put(chunk.take());
                        }
                        out.put(chunk.take());
                    } else {
                        long total = rows.rows();
                        // This stream's n-th block is the table's block index + n·count; this thread takes every threads-th.
                        for (long n = id; ; n += threads) {
                            long from = 1 + (stripe.index() + n * stripe.count()) * BLOCK;
                            if (from > total) break;
                            if (stripe.lockstep() != null) stripe.lockstep().await(stripe.index(), n);
                            RowSource block = rows.slice(from, Math.min(total, from + BLOCK - 1));
                            while (block.next(values, chunk)) chunk.endRow();
                            out.put(chunk.take());
                        }
                    }
                    out.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) { // a generator bug or an impossible value: surfaces on the COPY thread
                    failure.set(e);
                    out.offer(END);
                }
            }, "rehearse-copy-rows-" + k);
            producer.setDaemon(true);
            producer.start();
            producers.add(producer);
        }
        try {
            for (long b = 0; ; b++) {
                byte[] chunk = take(queues.get((int) (b % threads)));
                if (chunk == END) break;
                if (chunk.length > 0) copy.writeToCopy(chunk, 0, chunk.length);
                if (stripe.lockstep() != null) stripe.lockstep().wrote(stripe.index());
            }
            if (failure.get() instanceof RuntimeException r) throw r;
            if (failure.get() instanceof Error e) throw e;
            copy.endCopy();
            if (stripe.lockstep() != null) stripe.lockstep().finished(stripe.index());
        } catch (PSQLException e) {
            throw translate(e);
        } finally {
            producers.forEach(Thread::interrupt);
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    /** Rows per block when several threads generate one table. */
    private static final int BLOCK = 2048;
    /** Generator threads for one large table: half the cores, the other half being the server's COPY and the writer. */
    private static final int GENERATORS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    private static final byte[] END = new byte[0];

    private static byte[] take(BlockingQueue<byte[]> q) throws SQLException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading", e);
        }
    }

    /**
     * One chunk of COPY text: values tab-separated, rows newline-ended, escaped as COPY text wants; a
     * generator that writes its own bytes writes them here directly, escaped only when it may need it.
     */
    private static final class Chunk implements RowSource.Values {
        private final Bytes out;
        private int column;

        Chunk(int capacity) {
            out = new Bytes(capacity);
        }

        int length() {
            return out.length();
        }

        byte[] take() {
            return out.take();
        }

        void endRow() {
            out.put((byte) '\n');
            column = 0;
        }

        @Override
        public void text(String v) {
            separator();
            escape(v);
        }

        @Override
        public void bytes(ByteGenerator g, long row) {
            separator();
            int at = out.length();
            if (!g.write(row, out)) {
                out.put((byte) '\\');
                out.put((byte) 'N');
            } else if (!g.plain()) {
                escapeFrom(at);
            }
        }

        private void separator() {
            if (column++ > 0) out.put((byte) '\t');
        }

        /** COPY text format: backslash escapes for the delimiter, line ends and backslash; \N is NULL. */
        private void escape(String v) {
            if (v == null) {
                out.put((byte) '\\');
                out.put((byte) 'N');
                return;
            }
            int n = v.length();
            out.ensure(n * 2);
            for (int i = 0; i < n; i++) {
                char ch = v.charAt(i);
                if (ch >= 0x80) { // rare: encode the rest of the value properly
                    for (byte b : escapeSlow(v.substring(i)).getBytes(StandardCharsets.UTF_8)) out.put(b);
                    return;
                }
                put((byte) ch);
            }
        }

        /** Escapes the bytes written since {@code at} in place (UTF-8 continuation bytes never look like ASCII). */
        private void escapeFrom(int at) {
            byte[] buf = out.array();
            int end = out.length();
            int first = at;
            while (first < end && !special(buf[first])) first++;
            if (first == end) return;
            byte[] tail = java.util.Arrays.copyOfRange(buf, first, end);
            out.truncate(first);
            for (byte b : tail) put(b);
        }

        private static boolean special(byte b) {
            return b == '\\' || b == '\t' || b == '\n' || b == '\r';
        }

        private void put(byte b) {
            switch (b) {
                case '\\' -> { out.put((byte) '\\'); out.put((byte) '\\'); }
                case '\t' -> { out.put((byte) '\\'); out.put((byte) 't'); }
                case '\n' -> { out.put((byte) '\\'); out.put((byte) 'n'); }
                case '\r' -> { out.put((byte) '\\'); out.put((byte) 'r'); }
                default -> out.put(b);
            }
        }

        private static String escapeSlow(String v) {
            return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
    }

    /** Integrity errors (class 23) become a {@link ConstraintViolation} naming the constraint. */
    static SQLException translate(PSQLException e) {
        ServerErrorMessage m = e.getServerErrorMessage();
        String state = e.getSQLState();
        if (m == null || state == null || !state.startsWith("23")) return e;
        return new ConstraintViolation(m.getMessage(), state, m.getConstraint(), m.getColumn(), e);
    }

    private static boolean trySet(Statement s, String sql) {
        try {
            s.execute(sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
