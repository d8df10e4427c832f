package dev.rehearse.engine.postgres;

import dev.rehearse.dialect.LockMode;
import dev.rehearse.dialect.LockMode.Blocks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conflict table as the manual prints it, and what the application feels of each mode. */
class PostgresLockModesTest {

    @Test
    void whatEachModeBlocksFollowsFromTheConflictTable() {
        assertThat(PostgresLockModes.TABLE.modes()).extracting(LockMode::blocks).containsExactly(
                Blocks.NONE, Blocks.NONE, Blocks.NONE, Blocks.NONE, // access share .. share update exclusive
                Blocks.WRITES, Blocks.WRITES, Blocks.WRITES,        // share, share row exclusive, exclusive
                Blocks.READS_WRITES);                               // access exclusive
        assertThat(PostgresLockModes.of("ShareUpdateExclusiveLock").rank()).isLessThan(PostgresLockModes.of("ShareLock").rank());
    }

    @Test
    void conflictsAreSymmetricAndMatchTheManual() {
        for (LockMode a : PostgresLockModes.TABLE.modes()) {
            for (LockMode b : PostgresLockModes.TABLE.modes()) {
                assertThat(a.conflictsWith(b)).as("%s vs %s", a.name(), b.name()).isEqualTo(b.conflictsWith(a));
            }
        }
        // CREATE INDEX (SHARE) and VACUUM / CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE) conflict; two SHAREs don't
        assertThat(PostgresLockModes.of("ShareLock").conflictsWith(PostgresLockModes.of("ShareUpdateExclusiveLock"))).isTrue();
        assertThat(PostgresLockModes.of("ShareLock").conflictsWith(PostgresLockModes.of("ShareLock"))).isFalse();
        assertThat(PostgresLockModes.of("ShareUpdateExclusiveLock").conflictsWith(PostgresLockModes.of("ShareUpdateExclusiveLock"))).isTrue();
        assertThat(PostgresLockModes.of("AccessShareLock").conflictsWith(PostgresLockModes.of("ExclusiveLock"))).isFalse();
    }

    @Test
    void aModeTheTableDoesNotKnowBlocksNothing() {
        LockMode advisory = PostgresLockModes.of("AdvisoryLock");
        assertThat(advisory.blocks()).isEqualTo(Blocks.NONE);
        assertThat(advisory.rank()).isEqualTo(-1);
    }
}
