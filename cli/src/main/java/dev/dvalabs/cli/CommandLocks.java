package dev.dvalabs.cli;

import dev.dvalabs.targets.ExclusiveLock;
import dev.dvalabs.targets.TargetException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One command at a time per exercise and target: two runs of the same exercise on one emulator would
 * otherwise deploy, verify and destroy over each other. The second command waits, saying so, and gives
 * up in one sentence after a bounded wait.
 */
final class CommandLocks {

    /** Long enough for a deploy or destroy on real AWS; a test shortens it with this property. */
    static final String WAIT_PROPERTY = "dva-labs.lock-wait-seconds";
    private static final Duration DEFAULT_WAIT = Duration.ofMinutes(15);

    private CommandLocks() {}

    static ExclusiveLock exercise(TargetOptions target, String exercise, PrintWriter err) {
        Duration wait = waitBound();
        String where = target.describeUnopened();
        return ExclusiveLock.acquire(file(target, exercise), wait, () -> {
            err.println("Another labs command is working on " + exercise + " on " + where + "; waiting up to "
                    + wait.toSeconds() + " s for it to finish.");
            err.flush();
        }).orElseThrow(() -> new TargetException("Another labs command has been working on " + exercise + " on " + where
                + " for " + wait.toSeconds() + " s; run this again when it has finished."));
    }

    /** One lock file per target and exercise, beside the emulator records. */
    static Path file(TargetOptions target, String exercise) {
        String key = (target.identity() + "-" + exercise).replaceAll("[^A-Za-z0-9._-]", "_");
        return target.localOptions().stateDir().resolve("locks").resolve(key + ".lock");
    }

    private static Duration waitBound() {
        String seconds = System.getProperty(WAIT_PROPERTY);
        try {
            return seconds == null ? DEFAULT_WAIT : Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT;
        }
    }
}
