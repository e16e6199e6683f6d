package dev.dvalabs.targets;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** An emulator in a Docker container, started through Testcontainers and removed on close. */
public abstract class ContainerTarget implements Target {

    private final GenericContainer<?> container;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    /** A started container and what its module says clients need to reach it. */
    ContainerTarget(GenericContainer<?> container, URI endpoint, String region, String accessKey, String secretKey) {
        this.container = container;
        this.endpoint = endpoint;
        this.region = Region.of(region);
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /**
     * Without a Docker engine, says so in one sentence instead of a stack trace; called before a
     * container object is made, because making one already looks for Docker.
     */
    static void requireDocker(String target) {
        if (!dockerAvailable()) {
            throw new TargetException("--target " + target + " needs a running Docker engine and none answers;"
                    + " use the default local emulator (--target local) or --target endpoint --endpoint URL.");
        }
    }

    static <C extends GenericContainer<?>> C started(String target, C container) {
        try {
            container.start();
            return container;
        } catch (RuntimeException e) {
            throw new TargetException("The " + target + " container did not start: " + e.getMessage(), e);
        }
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.of(endpoint);
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    @Override
    public void close() {
        container.stop();
    }
}
