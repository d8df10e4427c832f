package dev.rehearse.engine.postgres;

import dev.rehearse.seed.BulkLoader;
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

    @Override
    public void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows) throws SQLException {
        String target = quote(table.schema()) + "." + quote(table.name());
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
                boolean freeze = canFreeze(s, table);
                if (freeze) {
                    // COPY FREEZE writes rows already frozen and all-visible (14+), as pgbench -i does, so the
                    // VACUUM after it has nothing to rewrite; it needs the table truncated in its transaction.
                    c.setAutoCommit(false);
                    try {
                        s.execute("TRUNCATE ONLY " + target);
                        copy(c, target, columns, rows, true);
                        c.commit();
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                } else {
                    copy(c, target, columns, rows, false);
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

    @Override
    public void finish(Connection c, TableModel table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = on");
            s.execute("VACUUM ANALYZE " + quote(table.schema()) + "." + quote(table.name()));
            s.execute("RESET synchronous_commit");
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

    private static void copy(Connection c, String target, List<ColumnModel> columns, RowSource rows, boolean freeze)
            throws SQLException {
        String sql = "COPY " + target + " (" + columns.stream().map(col -> quote(col.name()))
                .collect(Collectors.joining(", ")) + ") FROM STDIN" + (freeze ? " (FREEZE)" : "");
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        // Rows are generated and encoded on other threads while this one sits in socket writes, so the two
        // overlap instead of taking turns; a large table is generated by several threads, in blocks of rows
        // taken in turn, so rows still arrive in row order (physical order follows keys, as in production).
        // A few chunks in flight per thread bound the memory, whatever the row count.
        int threads = rows.rows() >= 4L * BLOCK ? GENERATORS : 1;
        List<BlockingQueue<byte[]>> queues = new java.util.ArrayList<>();
        for (int k = 0; k < threads; k++) queues.add(new ArrayBlockingQueue<>(4));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producers = new java.util.ArrayList<>();
        for (int k = 0; k < threads; k++) {
            int id = k;
            BlockingQueue<byte[]> out = queues.get(k);
            Thread producer = new Thread(() -> {
                try {
                    String[] values = new String[columns.size()];
                    Chunk chunk = new Chunk(CHUNK + 4096);
                    if (threads == 1) {
                        while (rows.next(values)) {
                            row(chunk, values);
                            if (chunk.length >= CHUNK) out.put(chunk.take());
                        }
                        out.put(chunk.take());
                    } else {
                        long total = rows.rows();
                        for (long from = 1 + (long) id * BLOCK; from <= total; from += (long) threads * BLOCK) {
                            RowSource block = rows.slice(from, Math.min(total, from + BLOCK - 1));
                            while (block.next(values)) row(chunk, values);
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
            }
            if (failure.get() instanceof RuntimeException r) throw r;
            if (failure.get() instanceof Error e) throw e;
            copy.endCopy();
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

    private static void row(Chunk chunk, String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) chunk.put((byte) '\t');
            chunk.escape(values[i]);
        }
        chunk.put((byte) '\n');
    }

    private static final byte[] END = new byte[0];

    private static byte[] take(BlockingQueue<byte[]> q) throws SQLException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading", e);
        }
    }

    /** A growable byte buffer that writes COPY text directly as UTF-8, ASCII without detours. */
    private static final class Chunk {
        byte[] buf;
        int length;

        Chunk(int capacity) {
            buf = new byte[capacity];
        }

        void put(byte b) {
            if (length == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            buf[length++] = b;
        }

        byte[] take() {
            byte[] out = java.util.Arrays.copyOf(buf, length);
            length = 0;
            return out;
        }

        /** COPY text format: backslash escapes for the delimiter, line ends and backslash; \N is NULL. */
        void escape(String v) {
            if (v == null) {
                put((byte) '\\');
                put((byte) 'N');
                return;
            }
            int n = v.length();
            if (length + n * 2 > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, length + n * 2 + 16));
            for (int i = 0; i < n; i++) {
                char ch = v.charAt(i);
                if (ch >= 0x80) { // rare: encode the rest of the value properly
                    for (byte b : escapeSlow(v.substring(i)).getBytes(StandardCharsets.UTF_8)) put(b);
                    return;
                }
                switch (ch) {
                    case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                    case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                    case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                    case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                    default -> buf[length++] = (byte) ch;
                }
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
