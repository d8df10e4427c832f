package dev.rehearse.engine.mysql;

import dev.rehearse.migrate.StatementProbe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ALTER algorithm that ran, decided from the {@code performance_schema} stages the migration's session entered
 * while the statement ran (counted per thread in {@code events_stages_summary_by_thread_by_event_name}) and whether
 * its table got a new InnoDB identity. MySQL and MariaDB share the stage names: "altering table" is the server's
 * in-place path (INSTANT goes through it too), "copy to tmp table" the COPY algorithm, and InnoDB's seven
 * {@code stage/innodb/alter table (...)} stages its own pass over the rows ("log apply index|table": it applied the
 * DML log of the writes made meanwhile). MySQL manual, "Monitoring ALTER TABLE Progress for InnoDB Tables Using
 * Performance Schema" (dev.mysql.com/doc/refman/8.4/en/monitor-alter-table-performance-schema.html; the same list in
 * 5.7 and 8.0). MariaDB adds "Apply log event", its online COPY of 11.2+ (MDEV-16329); MySQL's COPY never lets
 * writes through (manual, "Online DDL Operations": ALGORITHM=COPY allows LOCK=SHARED at best).
 */
public final class AlterStages {

    public static final String IN_PLACE = "stage/sql/altering table";
    public static final String COPY = "stage/sql/copy to tmp table";
    /** MariaDB 11.2+ only: the online COPY replaying the writes made while it copied. */
    public static final String COPY_LOG = "stage/sql/Apply log event";
    public static final String INNODB = "stage/innodb/alter table";

    /** The instrument patterns a provisioner enables ({@code --performance-schema-instrument=PATTERN=ON}). */
    public static final List<String> INSTRUMENTS = List.of(IN_PLACE, COPY, COPY_LOG, INNODB + "%");

    /** This session's stage counts, for {@code THREAD_ID = ?}: only the ALTER stages. */
    public static final String STAGES_SQL = "SELECT EVENT_NAME, COUNT_STAR"
            + " FROM performance_schema.events_stages_summary_by_thread_by_event_name WHERE THREAD_ID = ? AND COUNT_STAR > 0"
            + " AND (EVENT_NAME IN ('" + COPY + "', '" + IN_PLACE + "', '" + COPY_LOG + "') OR EVENT_NAME LIKE '" + INNODB + "%')";

    /**
     * How many of the ALTER stage instruments the server has and how many are enabled: every one it has must be
     * counted, or a missing stage would read as another algorithm (MySQL has no {@link #COPY_LOG}, hence "at least
     * three").
     */
    public static final String INSTRUMENTS_SQL = "SELECT COUNT(*), SUM(ENABLED = 'YES') FROM performance_schema.setup_instruments"
            + " WHERE NAME IN ('" + COPY + "', '" + IN_PLACE + "', '" + COPY_LOG + "') OR NAME LIKE '" + INNODB + "%'";

    private AlterStages() {}

    /** Whether {@link #INSTRUMENTS_SQL}'s answer means every ALTER stage the server has is counted. */
    public static boolean allCounted(int present, int enabled) {
        return present >= 3 && present == enabled;
    }

    /**
     * The algorithm from the stages entered (count per stage name) and whether the table was replaced; null when
     * the statement entered none of ALTER's (not an ALTER, or one that only renamed).
     * <ul>
     * <li>COPY: it copied to a temporary table; writes were allowed only when it replayed the online log
     *     afterwards ({@link #COPY_LOG}, MariaDB 11.2+ unless LOCK=SHARED), else blocked for the copy;</li>
     * <li>INPLACE: InnoDB passed over the rows itself, or the table was replaced without a copy; writes were allowed
     *     when it applied its online log ({@code alter table (log apply index|table)}), which LOCK=SHARED (or an
     *     index type that cannot be built online) skips;</li>
     * <li>INSTANT: the in-place path with neither: only the data dictionary changed, writes waited only for the
     *     brief exclusive lock every ALTER takes.</li>
     * </ul>
     */
    public static StatementProbe.Alter classify(Map<String, Long> entered, boolean tableReplaced) {
        if (entered.getOrDefault(COPY, 0L) > 0) {
            return new StatementProbe.Alter("COPY", true, entered.getOrDefault(COPY_LOG, 0L) > 0);
        }
        boolean innodbPass = entered.keySet().stream().anyMatch(k -> k.startsWith(INNODB));
        if (innodbPass || tableReplaced) {
            boolean online = entered.keySet().stream().anyMatch(k -> k.startsWith(INNODB + " (log apply"));
            return new StatementProbe.Alter("INPLACE", tableReplaced, online);
        }
        if (entered.getOrDefault(IN_PLACE, 0L) > 0) return new StatementProbe.Alter("INSTANT", false, true);
        return null;
    }

    /** The stages entered between two readings of {@link #STAGES_SQL}. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new HashMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) out.put(k, d);
        });
        return out;
    }
}
