package dev.dvalabs.targets;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in a container. The free image ended in March 2026: {@value #FREE_IMAGE} is the last tag
 * that starts without {@code LOCALSTACK_AUTH_TOKEN}. With a token set, it is passed through and
 * {@code DVA_LABS_LOCALSTACK_IMAGE} may name a newer image.
 */
public final class LocalStackTarget extends ContainerTarget {

    public static final String NAME = "localstack";
    public static final String FREE_IMAGE = "localstack/localstack:4.14.0";

    private LocalStackTarget(LocalStackContainer container) {
        super(container, container.getEndpoint(), container.getRegion(), container.getAccessKey(), container.getSecretKey());
    }

    public static LocalStackTarget start() {
        requireDocker(NAME);
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        String image = image(token, System.getenv("DVA_LABS_LOCALSTACK_IMAGE"));
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"));
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        return new LocalStackTarget(started(NAME, container));
    }

    /** The pinned free image, unless a token is set and a newer image is asked for. */
    static String image(String token, String requested) {
        if (requested == null || requested.isBlank()) {
            return FREE_IMAGE;
        }
        if (token == null || token.isBlank()) {
            throw new TargetException(requested + " needs LOCALSTACK_AUTH_TOKEN; without a token only "
                    + FREE_IMAGE + " starts (unset DVA_LABS_LOCALSTACK_IMAGE to use it).");
        }
        return requested;
    }

    @Override
    public String name() {
        return NAME;
    }
}
