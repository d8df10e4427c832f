package dev.rehearse.engine.mysql;

import dev.rehearse.seed.BulkLoader;
import dev.rehearse.seed.ColumnModel;
import dev.rehearse.seed.RowSource;
import dev.rehearse.seed.TableModel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link LoadDataLocal} over MySQL Connector/J: the stream goes to {@code JdbcStatement#setLocalInfileInputStream}
 * (the seed connections carry {@code allowLoadLocalInfile=true}, {@link MySqlEngine#connectionProperties}), then
 * {@code ANALYZE TABLE}.
 */
final class MySqlBulkLoader implements BulkLoader {

    @Override
    public void load(Connection c, TableModel table, List<ColumnModel> columns, RowSource rows) throws SQLException {
        LoadDataLocal.load(c, table, columns, rows,
                (s, in) -> s.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(in));
    }

    @Override
    public void finish(Connection c, TableModel table) throws SQLException {
        LoadDataLocal.analyze(c, table);
    }
}
