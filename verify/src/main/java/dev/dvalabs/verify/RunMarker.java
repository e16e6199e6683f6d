package dev.dvalabs.verify;

import java.time.Instant;
import java.util.UUID;

/**
 * The mark on what a verify writes into a learner's resources (item keys, message bodies, the tag of a
 * temporary key): {@code dva-labs-verify-<epoch seconds>-<random>}, so that the verify finds its own data among
 * the learner's. The mark never decides what is removed: only what the session's journal names is undone,
 * as a learner may write anything, a text shaped like a mark included.
 */
public record RunMarker(String value) {

    public static final String PREFIX = "dva-labs-verify-";

    /** A new run's mark, made now. */
    public static RunMarker start() {
        return startedAt(Instant.now());
    }

    /** A run's mark as made at {@code when} (a session makes it on its own clock). */
    public static RunMarker startedAt(Instant when) {
        return new RunMarker(PREFIX + when.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return value;
    }
}
