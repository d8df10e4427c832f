package dev.rehearse.provision;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real TCP relay over loopback: what the far end sends arrives intact, and no sooner than the bandwidth allows. */
class ThrottledLinkTest {

    @Test
    void theFarEndsBytesArriveIntactAtNoMoreThanTheRate() throws Exception {
        byte[] payload = new byte[1_000_000];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 31);
        try (ServerSocket primary = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> echoedRequest = CompletableFuture.supplyAsync(() -> {
                try (Socket s = primary.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] hello = in.readNBytes(5);
                    out.write(payload);
                    out.flush();
                    return hello;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (ThrottledLink link = new ThrottledLink(primary.getLocalPort(), 2_000_000);
                 Socket replica = new Socket(InetAddress.getLoopbackAddress(), link.port())) {
                long started = System.nanoTime();
                replica.getOutputStream().write("hello".getBytes());
                byte[] got = replica.getInputStream().readNBytes(payload.length);
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertThat(echoedRequest.get(10, TimeUnit.SECONDS)).isEqualTo("hello".getBytes());
                assertThat(Arrays.equals(got, payload)).isTrue();
                // 1 MB at 2 MB/s cannot arrive in under half a second, however idle the link was before
                assertThat(ms).isGreaterThanOrEqualTo(450);
            }
        }
    }
}
