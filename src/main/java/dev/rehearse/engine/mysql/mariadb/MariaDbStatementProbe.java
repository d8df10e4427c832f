package dev.rehearse.engine.mysql.mariadb;

import dev.rehearse.engine.mysql.MySqlStatementProbe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The family's statement probe ({@link MySqlStatementProbe}: InnoDB {@code TABLE_ID}s from
 * {@code INNODB_SYS_TABLES}, the ALTER algorithm from the stages the provisioner counts,
 * {@link EmbeddedMariaDbProvisioner#ALTER_STAGES}, a COPY's {@code ROW_COUNT()}) with MariaDB's differences: the bytes
 * written to the binary log while the statement ran are the advance of {@code Binlog_bytes_written} (concurrent
 * sessions included, like WAL on PostgreSQL: what a replica must replay), reported as {@code walBytes}, null without
 * a binary log and inside a transaction, whose events are written at its COMMIT.
 */
final class MariaDbStatementProbe extends MySqlStatementProbe {

    MariaDbStatementProbe(MariaDbEngine.MariaDbDialect dialect) {
        super(dialect, new BytesWrittenMeter());
    }

    /** The server's {@code Binlog_bytes_written} so far. */
    private record BytesWritten(long bytes) implements BinlogReading {
        @Override
        public Long since(BinlogReading earlier) {
            return earlier instanceof BytesWritten e ? bytes - e.bytes : null;
        }
    }

    /** {@code Binlog_bytes_written} from the global status; whether the server has a binary log asked once per connection. */
    private static final class BytesWrittenMeter implements BinlogMeter {
        private Connection askedOn;
        private boolean binlogOn;

        @Override
        public BinlogReading read(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                if (askedOn != c) {
                    askedOn = c;
                    try (ResultSet rs = s.executeQuery("SELECT @@log_bin")) {
                        binlogOn = rs.next() && rs.getBoolean(1);
                    }
                }
                if (!binlogOn) return null;
                try (ResultSet rs = s.executeQuery("SELECT VARIABLE_VALUE"
                        + " FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'BINLOG_BYTES_WRITTEN'")) {
                    return rs.next() ? new BytesWritten(rs.getLong(1)) : null;
                }
            }
        }
    }
}
