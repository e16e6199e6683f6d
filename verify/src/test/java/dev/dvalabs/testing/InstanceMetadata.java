package dev.dvalabs.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the EC2 instance metadata service: under the SDK's "auto" defaults mode, which a learner's
 * {@code defaults_mode = auto} (or AWS_DEFAULTS_MODE=auto) chooses, a client asks it where it runs as it is built.
 */
public final class InstanceMetadata {

    /** What runs while the stand-in listens. */
    public interface Body {
        void run() throws Exception;
    }

    private InstanceMetadata() {}

    /** How many connections reached the stand-in while {@code body} ran, the SDK in the auto defaults mode pointed at it. */
    public static int connectionsUnderAutoDefaults(Body body) throws Exception {
        try (ServerSocket metadata = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!metadata.isClosed()) {
                    try (Socket ignored = metadata.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "instance-metadata");
            acceptor.setDaemon(true);
            acceptor.start();
            System.setProperty("aws.defaultsMode", "auto");
            System.setProperty("aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:" + metadata.getLocalPort());
            System.setProperty("aws.ec2MetadataServiceTimeout", "200");
            try {
                body.run();
            } finally {
                System.clearProperty("aws.defaultsMode");
                System.clearProperty("aws.ec2MetadataServiceEndpoint");
                System.clearProperty("aws.ec2MetadataServiceTimeout");
            }
            return connections.get();
        }
    }
}
