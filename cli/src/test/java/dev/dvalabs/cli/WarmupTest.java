package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    @DisplayName("the warm-up builds and asks its clients without a single connection to where they point")
    void sendsNothing() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Warmup.load(URI.create("http://127.0.0.1:" + listening.getLocalPort()), true);
            listening.setSoTimeout(200);
            boolean connected;
            try (var accepted = listening.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("a connection reached the warm-up's endpoint").isFalse();
        }
    }
}
