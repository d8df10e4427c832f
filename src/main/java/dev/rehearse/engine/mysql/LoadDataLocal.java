package dev.rehearse.engine.mysql;

import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ColumnType.Kind;
import dev.rehearse.seed.ConstraintViolation;
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

/**
 * The MySQL family's bulk path, whatever the driver: {@code LOAD DATA LOCAL INFILE} fed from an InputStream that
 * encodes the row source on demand (tab-separated, backslash escapes, {@code \N} for NULL: the same text form as
 * PostgreSQL's COPY), so no table is held in memory or written to disk. Booleans and bytes go through user
 * variables ({@code 'true'} → 1, hex → UNHEX). The session skips unique and foreign-key checks, as mysqldump's
 * output does: the generators make keys unique and draw foreign keys from their parents' keys by construction. A
 * LOCAL load turns row errors into warnings, so any warning fails the load instead of leaving silently altered
 * rows. Each driver hands the stream to its statement its own way ({@link Feed}).
 */
public final class LoadDataLocal {

    /** Gives the statement the stream its next {@code LOAD DATA LOCAL INFILE} reads instead of a file. */
    @FunctionalInterface
    public interface Feed {
        void set(Statement statement, InputStream rows) throws SQLException;
    }

    private static final int CHUNK = 64 * 1024;

    private LoadDataLocal() {}

    /** The {@code LOAD DATA LOCAL INFILE} statement for these columns of the table, in the stream's layout. */
    public static String sql(TableModel table, List<ColumnModel> columns) {
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
        return "LOAD DATA LOCAL INFILE 'rows' INTO TABLE " + quote(table.schema()) + "." + quote(table.name())
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", targets) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** Loads the rows into the table on {@code c}; a rejected or altered row is a {@link ConstraintViolation}. */
    public static void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows, Feed feed)
            throws SQLException {
        String sql = sql(table, columns);
        try (Statement s = c.createStatement()) {
            // CONCAT_WS skips an empty sql_mode rather than leaving a leading comma.
            s.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0,"
                    + " sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'STRICT_ALL_TABLES')");
            try {
                feed.set(s, stream(rows, columns.size()));
                s.execute(sql);
                SQLWarning w = s.getWarnings();
                if (w != null) {
                    throw new ConstraintViolation(table.qualifiedName() + ": the server altered or rejected loaded rows: "
                            + w.getMessage(), w.getSQLState(), constraintOf(w.getMessage()), null, w);
                }
            } catch (SQLException e) {
                if (e instanceof ConstraintViolation) throw e;
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    throw new ConstraintViolation(table.qualifiedName() + ": " + e.getMessage(), e.getSQLState(),
                            constraintOf(e.getMessage()), null, e);
                }
                throw e;
            } finally {
                s.execute("SET SESSION unique_checks = 1, foreign_key_checks = 1, sql_mode = DEFAULT");
            }
        }
    }

    /**
     * The CHECK a server message names: MariaDB's {@code CONSTRAINT `c` failed for ...}, MySQL's {@code Check
     * constraint 'c' is violated.}; null for others (NOT NULL, truncation), which name no constraint.
     */
    static String constraintOf(String message) {
        java.util.regex.Matcher m = CONSTRAINT.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : null;
    }

    private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile("(?i)constraint [`']([^`']+)[`']");

    /** {@code ANALYZE TABLE}: the optimizer's statistics after the load. */
    public static void analyze(Connection c, TableModel table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("ANALYZE TABLE " + quote(table.schema()) + "." + quote(table.name()))) {
            while (rs.next()) { /* one status row per table */ }
        }
    }

    /** The rows in LOAD DATA's default text format, encoded a chunk at a time as the server reads. */
    public static InputStream stream(RowSource rows, int width) {
        return new RowStream(rows, width);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static final class RowStream extends InputStream {
        private final RowSource rows;
        private final String[] values;
        private final StringBuilder text = new StringBuilder(CHUNK + 1024);
        private byte[] buf = new byte[0];
        private int pos;
        private boolean done;

        RowStream(RowSource rows, int width) {
            this.rows = rows;
            this.values = new String[width];
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

        private boolean fill() {
            if (pos < buf.length) return true;
            if (done) return false;
            text.setLength(0);
            while (text.length() < CHUNK) {
                if (!rows.next(values)) {
                    done = true;
                    break;
                }
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) text.append('\t');
                    append(values[i]);
                }
                text.append('\n');
            }
            buf = text.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return buf.length > 0;
        }

        private void append(String v) {
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
