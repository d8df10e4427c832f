package dev.rehearse.engine.postgres;

import dev.rehearse.seed.BulkLoader;
import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.ConstraintViolation;
import dev.rehearse.seed.RowSource;
import dev.rehearse.seed.TableModel;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * COPY ... FROM STDIN in text format, streamed from the row source in ~64 KiB chunks; then the
 * sequences of identity/serial columns are moved past the loaded keys, and VACUUM ANALYZE leaves the
 * table with fresh statistics and a visibility map, as a long-lived production table has, so that
 * autovacuum does not wake up in the middle of the rehearsal.
 */
public final class PostgresBulkLoader implements BulkLoader {

    private static final int CHUNK = 64 * 1024;

    @Override
    public void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows) throws SQLException {
        String target = quote(table.schema()) + "." + quote(table.name());
        try (Statement s = c.createStatement()) {
            // A commit not yet flushed (the embedded server runs synchronous_commit=off) keeps VACUUM from
            // marking pages all-visible, so this load commits synchronously; with fsync off that costs nothing.
            s.execute("SET synchronous_commit = on");
            // The generator draws every foreign key from its parent's keys, so the per-row RI trigger only
            // re-proves what is true by construction; skipping it (superusers only) makes a child table
            // load several times faster. Without the privilege the triggers simply run.
            boolean triggersOff = !table.foreignKeys().isEmpty() && trySet(s, "SET session_replication_role = replica");
            try {
                copy(c, target, columns, rows);
                // Later inserts that take the default must not collide with the keys just loaded.
                for (ColumnModel col : columns) {
                    if (col.sequence() == null) continue;
                    try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, m) FROM (SELECT max("
                            + quote(col.name()) + ") AS m FROM " + target + ") x WHERE m IS NOT NULL")) {
                        ps.setString(1, col.sequence());
                        ps.execute();
                    }
                }
                s.execute("VACUUM ANALYZE " + target);
            } finally {
                s.execute("RESET synchronous_commit");
                if (triggersOff) s.execute("RESET session_replication_role");
            }
        }
    }

    private static void copy(Connection c, String target, List<ColumnModel> columns, RowSource rows) throws SQLException {
        String sql = "COPY " + target + " (" + columns.stream().map(col -> quote(col.name()))
                .collect(Collectors.joining(", ")) + ") FROM STDIN";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            String[] values = new String[columns.size()];
            StringBuilder chunk = new StringBuilder(CHUNK + 4096);
            while (rows.next(values)) {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) chunk.append('\t');
                    escape(values[i], chunk);
                }
                chunk.append('\n');
                if (chunk.length() >= CHUNK) flush(copy, chunk);
            }
            flush(copy, chunk);
            copy.endCopy();
        } catch (PSQLException e) {
            throw translate(e);
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    private static void flush(CopyIn copy, StringBuilder chunk) throws SQLException {
        if (chunk.length() == 0) return;
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** COPY text format: backslash escapes for the delimiter, line ends and backslash; \N is NULL. */
    private static void escape(String v, StringBuilder out) {
        if (v == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    /** Integrity errors (class 23) become a {@link ConstraintViolation} naming the constraint. */
    private static SQLException translate(PSQLException e) {
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
