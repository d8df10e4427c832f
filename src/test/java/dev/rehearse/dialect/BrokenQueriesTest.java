package dev.rehearse.dialect;

import dev.rehearse.load.LoadEvent;
import dev.rehearse.load.LoadGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which workload queries a statement broke: those that succeeded just before it and failed after it began. */
class BrokenQueriesTest {

    private static LoadEvent e(String query, long end, String error) {
        return new LoadEvent("orders", false, 1, end - 1, end - 1, end, error, query);
    }

    @Test
    void namesQueriesThatWorkedBeforeAndFailAfter() {
        List<LoadEvent> events = List.of(
                e("by_customer", 10, null), e("already_broken", 11, "boom"), e("fine", 12, null),
                e("by_customer", 120, "column \"total\" does not exist"), e("already_broken", 121, "boom"),
                e("fine", 122, null), e("never_ran_before", 123, "x"), e("fine", 124, LoadGenerator.NOT_RUN));
        MintedRules.Broken b = MintedRules.broken(events, 100);
        assertThat(b.names()).containsExactly("by_customer");
        assertThat(b.firstError()).isEqualTo("column \"total\" does not exist");
        assertThat(MintedRules.broken(events.subList(0, 3), 100).names()).isEmpty();
        assertThat(LoadEvent.defaultName("orders", true)).isEqualTo("pk_update:orders");
    }
}
