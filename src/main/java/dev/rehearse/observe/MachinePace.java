package dev.rehearse.observe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The machine's own pace, measured with a fixed amount of work, so that a run on a busy machine knows it was busy.
 * The CPU probe runs the same arithmetic on one thread per core and compares the CPU time the threads got with the
 * wall time they took: on a machine of its own each thread gets the whole wall time ({@code cpuShare} 1.0); where
 * other processes compete for the cores, they get that much less (0.5: half the machine was someone else's, and a
 * statement then runs up to twice as long). The I/O probe writes a fixed file and forces it to disk.
 */
public final class MachinePace {

    /**
     * One probe.
     *
     * @param cpuShare the CPU time the probe's threads got over their wall time, per core: 1.0 on an idle machine
     * @param cpuMs the median thread's CPU time for the fixed work: the speed of a core (grows when the clock drops)
     * @param ioMBps the fixed file's write and fsync rate, MB/s; null when the probe could not write
     * @param loadAverage the one-minute load average ({@code /proc/loadavg}); null where the system has none
     */
    public record Sample(String label, long atMs, double cpuShare, double cpuMs, Double ioMBps, Double loadAverage) {}

    /** Iterations per thread: about 50 ms of a core at a few GHz. */
    static final int WORK = 40_000_000;
    static final int IO_BYTES = 16 << 20;

    private final int cores;
    private final Path scratch;
    private final long origin = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private static volatile long sink;

    /** @param scratch a directory the I/O probe writes its file in (and removes it from) */
    public MachinePace(Path scratch) {
        this.cores = Runtime.getRuntime().availableProcessors();
        this.scratch = scratch;
        work(WORK / 4); // the JIT compiles the loop before anything is timed
    }

    public int cores() {
        return cores;
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Probes CPU then I/O, and keeps the sample under {@code label} (e.g. "before 100k #1"). */
    public Sample probe(String label) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[cores];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            int slot = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long before = mx.getCurrentThreadCpuTime();
                work(WORK);
                cpu[slot] = (mx.getCurrentThreadCpuTime() - before) / 1e6;
            }, "rehearse-pace-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long wallFrom = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing the machine's pace", e);
            }
        }
        double wallMs = (System.nanoTime() - wallFrom) / 1e6;
        double total = 0;
        for (double c : cpu) total += c;
        double share = Math.min(1, total / (cores * wallMs));
        double[] sorted = cpu.clone();
        java.util.Arrays.sort(sorted);
        Sample s = new Sample(label, (System.nanoTime() - origin) / 1_000_000, round(share, 3),
                round(sorted[sorted.length / 2], 1), io(), loadAverage());
        synchronized (this) {
            samples.add(s);
        }
        return s;
    }

    /** A fixed arithmetic loop the JIT cannot remove (xorshift, its result published). */
    static long work(int iterations) {
        long x = 88172645463325252L;
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
        return x;
    }

    private Double io() {
        Path file = null;
        try {
            Files.createDirectories(scratch);
            file = Files.createTempFile(scratch, "pace-", ".bin");
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            new java.util.Random(7).nextBytes(chunk.array());
            long from = System.nanoTime();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int written = 0; written < IO_BYTES; written += chunk.capacity()) {
                    chunk.rewind();
                    while (chunk.hasRemaining()) ch.write(chunk);
                }
                ch.force(true);
            }
            double seconds = (System.nanoTime() - from) / 1e9;
            return round(IO_BYTES / 1e6 / seconds, 1);
        } catch (IOException e) {
            return null;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file in the run's scratch directory, removed with it
                }
            }
        }
    }

    private static Double loadAverage() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"));
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
