package dev.dvalabs.targets;

import io.floci.testcontainers.FlociContainer;
import java.net.URI;

/** Floci in a container, through its Testcontainers module. */
public final class FlociTarget extends ContainerTarget {

    public static final String NAME = "floci";

    private FlociTarget(FlociContainer container) {
        super(container, URI.create(container.getEndpoint()), container.getRegion(), container.getAccessKey(),
                container.getSecretKey());
    }

    public static FlociTarget start() {
        requireDocker(NAME);
        return new FlociTarget(started(NAME, new FlociContainer()));
    }

    @Override
    public String name() {
        return NAME;
    }
}
