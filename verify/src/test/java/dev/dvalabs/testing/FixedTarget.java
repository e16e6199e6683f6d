package dev.dvalabs.testing;

import dev.dvalabs.targets.Target;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** A target that is only an address: an emulator's at {@code endpoint}, or real AWS without one; nothing to close. */
public record FixedTarget(Optional<URI> endpoint) implements Target {

    public static FixedTarget emulatorAt(String endpoint) {
        return new FixedTarget(Optional.of(URI.create(endpoint)));
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Region region() {
        return Region.US_EAST_1;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return EMULATOR_CREDENTIALS;
    }

    @Override
    public void close() {}
}
