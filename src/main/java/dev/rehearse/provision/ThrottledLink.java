package dev.rehearse.provision;

import dev.rehearse.RehearsalFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A replica's link from its primary with a bandwidth: a loopback TCP relay whose primary-to-replica direction passes
 * at most {@code bytesPerSecond}. The replication stream is the only connection through it, so a replica on this
 * machine receives, and so applies, the log no faster than one on slower hardware or farther away would. The other
 * direction (the replica's acknowledgements) is not throttled.
 *
 * <p>The pacing is written here rather than taken from Guava's {@code RateLimiter}: that one stores up to a second of
 * unused permits and lets them through at once after an idle spell (a 20 MB burst at 20 MB/s), which a link's
 * bandwidth does not do; a pacer whose burst is 50 ms of bandwidth (enough to make good a late wake-up) is a few lines.
 */
public final class ThrottledLink implements AutoCloseable {

    /** Bytes moved per read: small enough that a low rate still flows smoothly, in 100 ms steps at most. */
    private static final int CHUNK = 64 * 1024;

    /**
     * How far the pacer may run behind its schedule and catch up: a sleep that overshoots (a loaded machine wakes a
     * thread late) is made good within this, so the rate holds; idle time beyond it is not saved up.
     */
    private static final long SLACK_NANOS = 50_000_000L;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long bytesPerSecond;
    /** When the link is free again, on the {@link System#nanoTime()} clock; only the one relay thread moves it. */
    private long freeAtNanos = System.nanoTime();
    private final int chunk;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final Cleanup.Registration cleanup;
    private volatile boolean closed;

    /** Listens on a free loopback port and relays every connection to {@code targetPort} on loopback. */
    public ThrottledLink(int targetPort, long bytesPerSecond) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.bytesPerSecond = bytesPerSecond;
        this.chunk = (int) Math.max(1, Math.min(CHUNK, bytesPerSecond / 10));
        try {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new RehearsalFailedException("cannot open the replica's link: " + e.getMessage(), e);
        }
        cleanup = Cleanup.register("replica link on port " + server.getLocalPort(), this::shut);
        acceptor = new Thread(this::accept, "rehearse-replica-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port the replica connects to instead of the primary's. */
    public int port() {
        return server.getLocalPort();
    }

    /** Bytes per second the primary-to-replica direction passes. */
    public double rate() {
        return bytesPerSecond;
    }

    /**
     * Waits until {@code n} more bytes fit the bandwidth: each byte takes 1/rate of a second; idle time is saved up
     * for at most {@link #SLACK_NANOS} (a burst of 50 ms of bandwidth, no more).
     */
    private synchronized void pace(int n) throws InterruptedException {
        long now = System.nanoTime();
        freeAtNanos = Math.max(freeAtNanos, now - SLACK_NANOS) + Math.round(n * 1e9 / bytesPerSecond);
        long wait = freeAtNanos - now;
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    private void accept() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out = new Socket();
                out.connect(target, 5_000);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                open.add(in);
                open.add(out);
                pump(out, in, true, "rehearse-replica-link-down");
                pump(in, out, false, "rehearse-replica-link-up");
            } catch (IOException e) {
                if (closed) return;
                // one failed connection (the primary refusing) is the replica's to retry
            }
        }
    }

    /** Copies {@code from} to {@code to}; throttled in the primary-to-replica direction. Ends both sockets at EOF. */
    private void pump(Socket from, Socket to, boolean throttled, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[chunk];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (throttled) pace(n);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a closed socket ends the relay either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void shut() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(ThrottledLink::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        cleanup.close();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
