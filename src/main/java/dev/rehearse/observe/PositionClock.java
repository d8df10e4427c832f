package dev.rehearse.observe;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Replica lag in time from log positions alone: remembers when the primary reached each position it was sampled
 * at, so that a replica's applied position answers "the primary was here this long ago". This is a heartbeat
 * without writes, exact to one sampling interval; it needs positions on one byte scale (PostgreSQL's LSNs).
 * Not thread-safe: one sampler owns it.
 */
public final class PositionClock {

    private record Mark(long atNanos, long position) {}

    private final Deque<Mark> marks = new ArrayDeque<>();

    /** The primary was at {@code position} at {@code atNanos}; positions only grow. */
    public void primaryAt(long atNanos, long position) {
        Mark last = marks.peekLast();
        if (last != null && last.position() >= position) return; // idle: the earliest time at a position is what counts
        marks.addLast(new Mark(atNanos, position));
    }

    /**
     * How long before {@code atNanos} the primary was first sampled past {@code applied}: what the replica lacks was
     * written no later than that (a lower bound, short of the truth by at most one sampling interval). 0 when the
     * replica has applied everything sampled so far. Marks it has passed are dropped.
     */
    public long lagNanos(long atNanos, long applied) {
        while (!marks.isEmpty() && marks.peekFirst().position() <= applied) marks.pollFirst();
        Mark first = marks.peekFirst();
        return first == null ? 0 : Math.max(0, atNanos - first.atNanos());
    }
}
