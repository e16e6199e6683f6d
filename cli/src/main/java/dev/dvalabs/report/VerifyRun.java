package dev.dvalabs.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a verify ran and on what ({@code Target.reported()}: "ministack 1.5.33 (us-east-1)", "AWS account
 * ********1234 (eu-west-1)"), which a report a learner keeps or hands in must say: a checklist without them
 * cannot be told from last week's, or from one made on an emulator.
 */
public record VerifyRun(Instant at, String on) {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The time as a learner reads it, in UTC so that a class's reports compare. */
    String shownAt() {
        return SHOWN.format(at);
    }
}
