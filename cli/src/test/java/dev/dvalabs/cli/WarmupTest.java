package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * The SDK's "auto" defaults mode, which a learner's ~/.aws/config (defaults_mode = auto) or AWS_DEFAULTS_MODE may
     * choose, asks the EC2 instance metadata service for the region as each client is built, whatever HTTP client it is
     * given (found by the attacker: 12 connections from the warm-up, 56 from the training).
     */
    @Test
    @DisplayName("under the SDK's auto defaults mode, neither the warm-up nor the class-data training asks the instance metadata service")
    void noInstanceMetadataUnderAutoDefaults() throws Exception {
        try (ServerSocket metadata = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!metadata.isClosed()) {
                    try (Socket ignored = metadata.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            System.setProperty("aws.defaultsMode", "auto");
            System.setProperty("aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:" + metadata.getLocalPort());
            try {
                Warmup.load(URI.create("http://127.0.0.1:" + endpoint.getLocalPort()), true);
                ClassDataTraining.main(new String[0]);
            } finally {
                System.clearProperty("aws.defaultsMode");
                System.clearProperty("aws.ec2MetadataServiceEndpoint");
            }
            Thread.sleep(200);
            assertThat(connections.get()).as("connections to the instance metadata endpoint").isZero();
        }
    }
}
