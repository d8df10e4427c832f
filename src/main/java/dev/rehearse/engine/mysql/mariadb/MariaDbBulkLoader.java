package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.seed.BulkLoader;
import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ColumnType.Kind;
import dev.rehearse.seed.ConstraintViolation;
import dev.rehearse.seed.DeferredBuild;
import dev.rehearse.seed.RowSource;
import dev.rehearse.seed.TableModel;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code LOAD DATA LOCAL INFILE} fed from an InputStream that encodes the row source on demand (tab-separated,
 * backslash escapes, {@code \N} for NULL: the same text form as PostgreSQL's COPY), so no table is held in memory
 * or written to disk. Booleans and bytes go through user variables ({@code 'true'} → 1, hex → UNHEX). Secondary
 * indexes and foreign keys are dropped before and rebuilt after ({@link MariaDbDeferredBuild}), where unique keys and
 * foreign keys are checked once; the session skips unique and foreign-key checks, as mysqldump's output does (the
 * generators make keys unique and draw foreign keys from their parents' keys by construction). A LOCAL load turns
 * row errors into warnings, so any warning fails the load instead of leaving silently altered rows. Then
 * {@code ANALYZE TABLE}.
 */
final class MariaDbBulkLoader implements BulkLoader {

    private static final int CHUNK = 64 * 1024;
    private static final Pattern CHECK_FAILED = Pattern.compile("CONSTRAINT `((?:[^`]|``)+)` failed");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate entry '.*' for key '((?:[^']|'')+)'");
    private static final Pattern NULL_COLUMN = Pattern.compile("Column '([^']+)' cannot be null");

    /** Secondary indexes and foreign keys, dropped now and rebuilt after the load ({@link MariaDbDeferredBuild}). */
    @Override
    public DeferredBuild defer(Connection c, List<TableModel> tables) throws SQLException {
        return MariaDbDeferredBuild.drop(c, tables);
    }

    @Override
    public void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows) throws SQLException {
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnModel col = columns.get(i);
            Kind k = col.type().kind();
            if (k == Kind.BOOLEAN || k == Kind.BYTEA) {
                String v = "@v" + i;
                targets.add(v);
                sets.add(quote(col.name()) + " = " + (k == Kind.BOOLEAN
                        ? "IF(" + v + " IS NULL, NULL, " + v + " IN ('true', 't', '1'))" : "UNHEX(" + v + ")"));
            } else {
                targets.add(quote(col.name()));
            }
        }
        String sql = "LOAD DATA LOCAL INFILE 'rows' INTO TABLE " + quote(table.schema()) + "." + quote(table.name())
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", targets) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0, sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
            try {
                RowStream stream = new RowStream(rows, columns.size());
                try {
                    s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(stream);
                    s.execute(sql);
                } finally {
                    stream.close();
                }
                SQLWarning w = s.getWarnings();
                if (w != null) {
                    throw violation(table.qualifiedName() + ": the server altered or rejected loaded rows: ", w);
                }
            } catch (SQLException e) {
                if (e instanceof ConstraintViolation) throw e;
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) throw violation(table.qualifiedName() + ": ", e);
                throw e;
            } finally {
                s.execute("SET SESSION unique_checks = 1, foreign_key_checks = 1, sql_mode = DEFAULT");
            }
        }
    }

    /** The constraint or column the server's message names (CHECK, duplicate key, NOT NULL), as the seed stage reports it. */
    static ConstraintViolation violation(String prefix, SQLException e) {
        String message = String.valueOf(e.getMessage());
        String constraint = null;
        String column = null;
        Matcher m;
        if ((m = CHECK_FAILED.matcher(message)).find()) constraint = m.group(1).replace("``", "`");
        else if ((m = DUPLICATE.matcher(message)).find()) {
            constraint = m.group(1).replace("''", "'");
            if (constraint.contains(".")) constraint = constraint.substring(constraint.lastIndexOf('.') + 1); // 10.5+: 'table.key'
        } else if ((m = NULL_COLUMN.matcher(message)).find()) column = m.group(1);
        return new ConstraintViolation(prefix + message, e.getSQLState(), constraint, column, e);
    }

    @Override
    public void finish(Connection c, TableModel table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("ANALYZE TABLE " + quote(table.schema()) + "." + quote(table.name()))) {
            while (rs.next()) { /* one status row per table */ }
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Rows encoded as LOAD DATA's default text format, a chunk at a time, on a thread of their own: values are
     * generated and encoded while the driver's thread sits in socket writes, so the two overlap instead of taking
     * turns (as PostgreSQL's COPY does). A few chunks in flight bound the memory, whatever the row count.
     */
    private static final class RowStream extends InputStream {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final Thread producer;
        private byte[] buf = new byte[0];
        private int pos;
        private boolean done;

        RowStream(RowSource rows, int width) {
            producer = new Thread(() -> {
                try {
                    String[] values = new String[width];
                    StringBuilder text = new StringBuilder(CHUNK + 1024);
                    while (true) {
                        text.setLength(0);
                        boolean more = true;
                        while (text.length() < CHUNK && (more = rows.next(values))) {
                            for (int i = 0; i < values.length; i++) {
                                if (i > 0) text.append('\t');
                                append(text, values[i]);
                            }
                            text.append('\n');
                        }
                        if (text.length() > 0) chunks.put(text.toString().getBytes(StandardCharsets.UTF_8));
                        if (!more) break;
                    }
                } catch (InterruptedException e) {
                    return; // the load stopped reading
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                try {
                    chunks.put(END);
                } catch (InterruptedException e) {
                    // the load stopped reading
                }
            }, "rehearse-load-data");
            producer.setDaemon(true);
            producer.start();
        }

        @Override
        public int read() {
            if (!fill()) return -1;
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            producer.interrupt();
        }

        private boolean fill() {
            if (pos < buf.length) return true;
            if (done) return false;
            try {
                buf = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading", e);
            }
            pos = 0;
            if (buf == END) {
                done = true;
                RuntimeException e = failure.get();
                if (e != null) throw e;
                return false;
            }
            return true;
        }

        private static void append(StringBuilder text, String v) {
            if (v == null) {
                text.append("\\N");
                return;
            }
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                switch (ch) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\0' -> text.append("\\0");
                    default -> text.append(ch);
                }
            }
        }
    }
}
