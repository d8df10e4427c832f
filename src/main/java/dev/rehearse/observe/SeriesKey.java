package dev.rehearse.observe;

import java.util.Objects;

/**
 * Names one typed series of the {@link Timeline}. Keys are compared by identity: each sampler declares its
 * key once as a constant, and the type parameter is what keeps a reader from mistaking one series' values
 * for another's (the timeline refuses a second key under a name already taken).
 *
 * @param <T> the type of each sampled value
 */
public final class SeriesKey<T> {

    private final String name;

    private SeriesKey(String name) {
        this.name = Objects.requireNonNull(name);
    }

    public static <T> SeriesKey<T> of(String name) {
        return new SeriesKey<>(name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
