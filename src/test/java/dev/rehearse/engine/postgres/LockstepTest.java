package dev.rehearse.engine.postgres;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A COPY stream may run at most LEAD blocks ahead of the slowest stream of its table, and no further. */
class LockstepTest {

    private static final int LEAD = PostgresBulkLoader.Lockstep.LEAD;

    private static CompletableFuture<Void> awaiting(PostgresBulkLoader.Lockstep lockstep, int stream, long block) {
        return CompletableFuture.runAsync(() -> {
            try {
                lockstep.await(stream, block);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aStreamWaitsOnceItIsLeadBlocksAheadUntilTheSlowestWrites() throws Exception {
        PostgresBulkLoader.Lockstep lockstep = new PostgresBulkLoader.Lockstep(2);
        for (long block = 0; block <= LEAD; block++) { // within the lead of the slowest: no wait
            lockstep.await(0, block);
            lockstep.wrote(0);
        }
        CompletableFuture<Void> ahead = awaiting(lockstep, 0, LEAD + 1);
        assertThatThrownBy(() -> ahead.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        lockstep.wrote(1); // the slowest stream sent its first block
        ahead.get(5, TimeUnit.SECONDS);
        assertThat(ahead).isDone();
    }

    @Test
    void aFinishedStreamHoldsNoOneBackAndAnAbortReleasesEveryWaiter() throws Exception {
        PostgresBulkLoader.Lockstep lockstep = new PostgresBulkLoader.Lockstep(3);
        lockstep.finished(1);
        for (int k = 0; k < LEAD + 3; k++) lockstep.wrote(0);
        CompletableFuture<Void> ahead = awaiting(lockstep, 0, LEAD + 3);
        assertThatThrownBy(() -> ahead.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        for (int k = 0; k < 3; k++) lockstep.wrote(2); // stream 2 is now the slowest, three blocks on
        ahead.get(5, TimeUnit.SECONDS);

        CompletableFuture<Void> stuck = awaiting(lockstep, 0, 100);
        lockstep.abort();
        assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS)).hasMessageContaining("another COPY stream of this table failed");
    }
}
