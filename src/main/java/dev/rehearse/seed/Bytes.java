package dev.rehearse.seed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that rows are encoded into: values as UTF-8, numbers as ASCII digits without a String. */
public final class Bytes {

    private byte[] buf;
    private int length;

    public Bytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int length() {
        return length;
    }

    /** The backing array; valid up to {@link #length()}, until the next write. */
    public byte[] array() {
        return buf;
    }

    /** Cuts the content back to {@code length} bytes (the loader re-encodes a value it must escape). */
    public void truncate(int length) {
        this.length = length;
    }

    /** Room for {@code n} more bytes. */
    public void ensure(int n) {
        if (length + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n + 16));
    }

    public void put(byte b) {
        if (length == buf.length) ensure(1);
        buf[length++] = b;
    }

    public void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    /** The decimal digits of {@code v}, as {@link Long#toString(long)} spells them. */
    public void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[length++] = '-';
            v = -v;
        }
        // Two digits per division, and int arithmetic once the value fits (the seed's keys and counts all do):
        // the digit loop was the JVM's hottest frame in the seed benchmark's profile.
        int end = length + digits(v);
        int i = end;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            buf[--i] = ONES[r];
            buf[--i] = TENS[r];
            v = q;
        }
        int x = (int) v;
        while (x >= 100) {
            int q = x / 100;
            int r = x - q * 100;
            buf[--i] = ONES[r];
            buf[--i] = TENS[r];
            x = q;
        }
        buf[--i] = ONES[x];
        if (x >= 10) buf[--i] = TENS[x];
        length = end;
    }

    private static final byte[] TENS = new byte[100], ONES = new byte[100];

    static {
        for (int k = 0; k < 100; k++) {
            TENS[k] = (byte) ('0' + k / 10);
            ONES[k] = (byte) ('0' + k % 10);
        }
    }

    /** Decimal digits of {@code v} ≥ 0. */
    private static int digits(long v) {
        long p = 10;
        for (int d = 1; d < 19; d++, p *= 10) if (v < p) return d;
        return 19;
    }

    /** A copy of the content, and the buffer emptied for reuse. */
    public byte[] take() {
        byte[] out = Arrays.copyOf(buf, length);
        length = 0;
        return out;
    }

    /** The content as text (UTF-8), for a generator's String path. */
    @Override
    public String toString() {
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
}
