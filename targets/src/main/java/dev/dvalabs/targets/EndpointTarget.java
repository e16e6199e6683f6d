package dev.dvalabs.targets;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** An emulator that is already running somewhere, reached at its URL; nothing to start or stop. */
public final class EndpointTarget implements Target {

    public static final String NAME = "endpoint";

    private final URI endpoint;
    private final Region region;
    private Optional<String> emulator;

    private EndpointTarget(URI endpoint, Region region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    /**
     * The endpoint given with {@code --endpoint}, or else {@code AWS_ENDPOINT_URL} as the AWS CLI and
     * SDKs read it.
     */
    public static EndpointTarget at(String endpoint, String awsEndpointUrl, Region region) {
        String url = endpoint != null && !endpoint.isBlank() ? endpoint : awsEndpointUrl;
        if (url == null || url.isBlank()) {
            throw new TargetException("--target endpoint needs --endpoint URL (or AWS_ENDPOINT_URL),"
                    + " for example --endpoint http://localhost:4566.");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new TargetException("'" + url + "' is not a URL; give one like http://localhost:4566.");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new TargetException("'" + url + "' is not an http(s) URL; give one like http://localhost:4566.");
        }
        return new EndpointTarget(uri, region);
    }

    /** ministack when the endpoint answers as ministack; nothing is recorded of other emulators. */
    @Override
    public Optional<String> emulator() {
        if (emulator == null) {
            emulator = LocalEmulator.answersAsMinistack(endpoint) ? Optional.of(Emulator.MINISTACK.project()) : Optional.empty();
        }
        return emulator;
    }

    @Override
    public String name() {
        return NAME;
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
        return EMULATOR_CREDENTIALS;
    }

    @Override
    public void close() {}
}
