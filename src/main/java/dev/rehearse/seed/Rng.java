package dev.rehearse.seed;

/**
 * Stateless randomness: every draw is a hash of (seed, what is drawn, row), so values can be
 * computed in any order and any number of times with the same result.
 */
final class Rng {

    private Rng() {}

    /** The SplitMix64 finaliser: a bijection on 64 bits with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long salt, long row) {
        return mix(seed ^ mix(salt + mix(row + 0x9e3779b97f4a7c15L)));
    }

    /** The k-th further draw derived from one hash. */
    static long next(long h, int k) {
        return mix(h + (k + 1) * 0x9e3779b97f4a7c15L);
    }

    /** A number in [0, n). */
    static long below(long h, long n) {
        return Long.remainderUnsigned(h, n);
    }

    /** A stable 64-bit salt for a name (FNV-1a), independent of JVM and run. */
    static long salt(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }
}
