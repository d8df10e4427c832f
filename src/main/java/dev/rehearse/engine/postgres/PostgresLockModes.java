package dev.rehearse.engine.postgres;

import dev.rehearse.dialect.LockMode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's table lock modes and their conflicts, as the manual's explicit-locking chapter tabulates them
 * (https://www.postgresql.org/docs/current/explicit-locking.html, table 13.2). What each mode blocks follows from
 * the table: a plain SELECT takes ACCESS SHARE, INSERT/UPDATE/DELETE take ROW EXCLUSIVE.
 */
public final class PostgresLockModes {

    private PostgresLockModes() {}

    static final String ACCESS_SHARE = "AccessShareLock", ROW_SHARE = "RowShareLock", ROW_EXCLUSIVE = "RowExclusiveLock",
            SHARE_UPDATE_EXCLUSIVE = "ShareUpdateExclusiveLock", SHARE = "ShareLock",
            SHARE_ROW_EXCLUSIVE = "ShareRowExclusiveLock", EXCLUSIVE = "ExclusiveLock",
            ACCESS_EXCLUSIVE = "AccessExclusiveLock";

    public static final LockMode.Table TABLE = LockMode.Table.of(
            List.of(ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                    ACCESS_EXCLUSIVE),
            Map.of(
                    ACCESS_SHARE, Set.of(ACCESS_EXCLUSIVE),
                    ROW_SHARE, Set.of(EXCLUSIVE, ACCESS_EXCLUSIVE),
                    ROW_EXCLUSIVE, Set.of(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE),
                    SHARE_UPDATE_EXCLUSIVE, Set.of(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE),
                    SHARE, Set.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE),
                    SHARE_ROW_EXCLUSIVE, Set.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                            ACCESS_EXCLUSIVE),
                    EXCLUSIVE, Set.of(ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                            ACCESS_EXCLUSIVE),
                    ACCESS_EXCLUSIVE, Set.of(ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE,
                            SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE)),
            ACCESS_SHARE, ROW_EXCLUSIVE);

    public static LockMode of(String name) {
        return TABLE.of(name);
    }
}
