package dev.dvalabs.target;

import io.floci.testcontainers.FlociContainer;
import java.net.URI;

/** Floci in a container, through its Testcontainers module. */
public final class FlociTarget extends ContainerTarget {

    public static final String NAME = "floci";

    private final FlociContainer container;

    private FlociTarget(FlociContainer container) {
        super(container);
        this.container = container;
    }

    public static FlociTarget start() {
        requireDocker(NAME);
        return new FlociTarget(started(NAME, new FlociContainer()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    URI containerEndpoint() {
        return URI.create(container.getEndpoint());
    }

    @Override
    String accessKey() {
        return container.getAccessKey();
    }

    @Override
    String secretKey() {
        return container.getSecretKey();
    }

    @Override
    String containerRegion() {
        return container.getRegion();
    }
}
