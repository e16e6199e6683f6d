package dev.dvalabs.cli;

import dev.dvalabs.targets.ShownUrl;
import dev.dvalabs.targets.Target;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The learner's shell pointing the AWS CLI elsewhere than the emulator a command works on: a stale
 * {@code AWS_ENDPOINT_URL} exported for an earlier emulator makes every command typed by hand reach
 * nothing, and the checklist would seem to blame the learner's work.
 */
final class ShellEndpoint {

    private ShellEndpoint() {}

    /** One line saying so, when the shell's {@code AWS_ENDPOINT_URL} is set and is not the target's endpoint. */
    static Optional<String> mismatch(String shellValue, Target target) {
        if (shellValue == null || shellValue.isBlank() || target.endpoint().isEmpty()) {
            return Optional.empty();
        }
        URI emulator = target.endpoint().get();
        if (same(shellValue.strip(), emulator)) {
            return Optional.empty();
        }
        return Optional.of("Note: your shell's AWS_ENDPOINT_URL is " + ShownUrl.masked(shellValue.strip()) + ", not this emulator ("
                + emulator + "); the AWS CLI there reaches another endpoint: export AWS_ENDPOINT_URL=" + emulator + ".");
    }

    private static boolean same(String shell, URI emulator) {
        try {
            URI given = URI.create(shell);
            return given.getPort() == emulator.getPort() && host(given).equals(host(emulator))
                    && given.getScheme() != null && given.getScheme().equalsIgnoreCase(emulator.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** localhost and 127.0.0.1 reach the same emulator. */
    private static String host(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("[::1]") ? "127.0.0.1" : host;
    }
}
