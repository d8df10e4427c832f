package dev.rehearse.seed;

import java.util.List;

/**
 * How an engine's bulk loader spells the values that have no engine-neutral text: everything else the generators
 * write as plain text (numbers, {@code 2024-05-01}, {@code 12:30:00}, {@code true}, UUIDs, JSON, addresses).
 */
public interface Literals {

    /** Binary data from its hex digits. */
    String bytes(String hex);

    /** A duration in whole seconds. */
    String interval(long seconds);

    /** A timestamp with time zone at UTC, from {@code yyyy-MM-dd HH:mm:ss}. */
    String timestampUtc(String local);

    /** An array of element literals (null for a NULL element). */
    String array(List<String> elements);
}
