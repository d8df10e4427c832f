package dev.rehearse.migrate;

import dev.rehearse.RehearsalFailedException;
import dev.rehearse.provision.Database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The downs rehearsed after the ups, on the data the ups left, as a rollback of the deploy runs them: the last
 * migration's down first, each through the runner as its tool runs it, stopping at the first that fails. What a down
 * loses is measured, not guessed: the columns and tables it removes that held values, counted before it ran.
 */
public final class Rollbacks {

    /**
     * One migration's rollback.
     *
     * @param run its down as run; null when it has none or the rollback stopped before it
     * @param reached false when an earlier down failed and the rollback stopped
     * @param lost {@code orders.note (20,000 values)}: what the down removed that held data
     */
    public record Outcome(Migration migration, MigrationRun run, boolean reached, List<String> lost) {
        public boolean hasDown() {
            return !migration.down().isEmpty();
        }

        public boolean failed() {
            return run != null && run.failed();
        }
    }

    /** The columns of the database's tables: table to its columns, as the driver's metadata names them. */
    public record Columns(Map<String, Set<String>> byTable) {}

    private final Database db;
    private final StatementProbe probe;
    private final dev.rehearse.scenario.Scenario.Migrations settings;
    private final java.util.function.Consumer<String> progress;
    private final UnaryOperator<String> quote;

    /** @param quote the engine's identifier quoting, for the counts */
    private long statementDeadlineMs = Long.MAX_VALUE;
    private long runEndsAtNanos = Long.MAX_VALUE;

    /** The tool's deadlines, as {@link MigrationRunner#withDeadlines}: a down that would run forever is cancelled too. */
    public Rollbacks withDeadlines(long statementMs, long runEndsAtNanos) {
        this.statementDeadlineMs = statementMs;
        this.runEndsAtNanos = runEndsAtNanos;
        return this;
    }

    public Rollbacks(Database db, StatementProbe probe, dev.rehearse.scenario.Scenario.Migrations settings,
                     java.util.function.Consumer<String> progress, UnaryOperator<String> quote) {
        this.db = db;
        this.probe = probe;
        this.settings = settings;
        this.progress = progress;
        this.quote = quote;
    }

    /** Whether any of them has a down to rehearse. */
    public static boolean any(List<Migration> migrations) {
        return migrations.stream().anyMatch(m -> !m.down().isEmpty());
    }

    /**
     * The downs of the migrations the up run applied, last first.
     *
     * @param before the columns before the ups ran: a column they added is one the down may take back; null when
     *               none of them has a down (each is then listed as having none)
     */
    public List<Outcome> rehearse(MigrationRun up, Columns before) {
        List<Migration> applied = new ArrayList<>();
        for (Migration m : up.reached()) {
            boolean failed = up.statements().stream().anyMatch(s -> s.migration() == m && s.failed());
            if (!failed && !m.refused()) applied.add(m);
        }
        java.util.Collections.reverse(applied);
        List<Outcome> out = new ArrayList<>();
        boolean stopped = false;
        Columns now = null; // after one down, what the next one starts from
        for (Migration m : applied) {
            if (stopped || m.down().isEmpty()) {
                out.add(new Outcome(m, null, !stopped, List.of()));
                continue;
            }
            if (now == null) now = columns();
            Map<String, Long> values = values(now, before);
            progress.accept("rollback: " + m.name());
            Migration down = new Migration(m.name(), m.rollback() != null ? m.rollback() : m.file(), m.version(),
                    m.down(), null);
            MigrationRun run = new MigrationRunner(db, probe, settings, progress)
                    .withDeadlines(statementDeadlineMs, runEndsAtNanos).run(List.of(down));
            Columns after = columns();
            List<String> lost = new ArrayList<>();
            values.forEach((column, n) -> {
                int dot = column.lastIndexOf('.');
                Set<String> cols = after.byTable().get(column.substring(0, dot));
                if (n > 0 && (cols == null || !cols.contains(column.substring(dot + 1)))) {
                    lost.add(column + String.format(java.util.Locale.ROOT, " (%,d values)", n));
                }
            });
            out.add(new Outcome(m, run, true, lost));
            stopped = run.failed();
            now = after;
        }
        return out;
    }

    /** The user tables' columns now, from the driver's metadata (engine-neutral). */
    public Columns columns() {
        try (Connection c = db.connect("rehearse-rollback")) {
            DatabaseMetaData md = c.getMetaData();
            Map<String, Set<String>> out = new LinkedHashMap<>();
            try (ResultSet rs = md.getColumns(c.getCatalog(), null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equals("information_schema") || schema.startsWith("pg_"))) continue;
                    String table = (schema == null ? "" : schema + ".") + rs.getString("TABLE_NAME");
                    out.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(rs.getString("COLUMN_NAME"));
                }
            }
            return new Columns(out);
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot read the columns for the rollback: " + e.getMessage(), e);
        }
    }

    /**
     * Non-null values of each column the ups added (or of every column of a table they created): what a down that
     * drops it loses. Columns that were there before the ups are the seeded ones; a down that drops them is counted by
     * the table's rows.
     */
    private Map<String, Long> values(Columns now, Columns before) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = db.connect("rehearse-rollback"); Statement st = c.createStatement()) {
            for (var e : now.byTable().entrySet()) {
                Set<String> old = before.byTable().getOrDefault(e.getKey(), Set.of());
                String table = qualified(e.getKey());
                Long rows = null;
                for (String column : e.getValue()) {
                    if (old.contains(column) && rows != null) {
                        out.put(e.getKey() + "." + column, rows);
                        continue;
                    }
                    String sql = old.contains(column) ? "SELECT count(*) FROM " + table
                            : "SELECT count(" + quote.apply(column) + ") FROM " + table;
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        out.put(e.getKey() + "." + column, rs.getLong(1));
                        if (old.contains(column)) rows = rs.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new RehearsalFailedException("cannot count what the rollback would lose: " + e.getMessage(), e);
        }
        return out;
    }

    private String qualified(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? quote.apply(table) : quote.apply(table.substring(0, dot)) + "." + quote.apply(table.substring(dot + 1));
    }
}
