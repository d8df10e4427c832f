package dev.rehearse.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How the workload reads the seeded data its parameters are drawn from; an engine may sample more cheaply
 * (PostgreSQL's {@code TABLESAMPLE}). Table and column are as the workload names them, unquoted.
 */
public interface ColumnSource {

    /** Up to {@code limit} non-null values of the column, a sample of the rows when there are more. */
    List<Object> sample(Connection c, String table, String column, int limit) throws SQLException;

    /** The column's largest value as a whole number, 0 when the table is empty. */
    default long max(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(" + column + ") FROM " + table)) {
            rs.next();
            return rs.getObject(1) == null ? 0 : rs.getLong(1);
        }
    }

    /** Plain SQL: the first {@code limit} values the server returns. */
    ColumnSource PLAIN = (c, table, column, limit) -> {
        List<Object> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL")) {
                while (rs.next()) out.add(rs.getObject(1));
            }
        }
        return out;
    };
}
