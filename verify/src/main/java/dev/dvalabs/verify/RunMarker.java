package dev.dvalabs.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mark on everything a verify writes into a learner's resources (item keys, message bodies, the
 * tag of a temporary key): {@code dva-labs-verify-<epoch seconds>-<random>}. A verify undoes its own
 * writes as it ends; one killed outright (kill -9, a lost machine) cannot, so the next verify removes
 * what an earlier one left, recognised by this mark.
 *
 * <p>The time in the mark keeps that sweep off a verify that is running now, from another machine
 * (an instructor's class check while the learner verifies): a run younger than {@link #LIVE_FOR} may
 * still be observing, so its data is left alone. Every verify ends well within that time, as its waits
 * are bounded.
 */
public record RunMarker(String value) {

    /** How long a verify may still be running; its data is a leftover only after that. */
    public static final Duration LIVE_FOR = Duration.ofMinutes(5);

    public static final String PREFIX = "dva-labs-verify-";

    /** The mark alone, or inside a longer text (a message body, an item key with a suffix). */
    private static final Pattern MARK = Pattern.compile(Pattern.quote(PREFIX) + "(?:(\\d{9,12})-)?[0-9a-f]{8}");

    /** A new run's mark, made now. */
    public static RunMarker start() {
        return startedAt(Instant.now());
    }

    /** A run's mark as if it started at {@code when}; tests make an earlier run's leftovers with it. */
    public static RunMarker startedAt(Instant when) {
        return new RunMarker(PREFIX + when.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Whether {@code text} carries a verify's mark whose run is over by {@code now}: older than
     * {@link #LIVE_FOR}, or written before marks carried a time. A text without a mark is never a
     * leftover: it is the learner's.
     */
    public static boolean isLeftover(String text, Instant now) {
        if (text == null) {
            return false;
        }
        Matcher mark = MARK.matcher(text);
        while (mark.find()) {
            if (mark.group(1) == null
                    || Instant.ofEpochSecond(Long.parseLong(mark.group(1))).plus(LIVE_FOR).isBefore(now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
