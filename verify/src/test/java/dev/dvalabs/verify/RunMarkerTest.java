package dev.dvalabs.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunMarkerTest {

    private final Instant now = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void aMarkOlderThanARunCanLastIsALeftover() {
        RunMarker earlier = RunMarker.startedAt(now.minus(RunMarker.LIVE_FOR).minusSeconds(1));
        assertTrue(RunMarker.isLeftover(earlier.value(), now));
        assertTrue(RunMarker.isLeftover("order for " + earlier + "-shipped", now), "a mark inside a longer text counts");
    }

    @Test
    void aRunThatMayStillBeObservingIsLeftAlone() {
        assertFalse(RunMarker.isLeftover(RunMarker.startedAt(now.minus(Duration.ofMinutes(4))).value(), now));
        assertFalse(RunMarker.isLeftover(RunMarker.startedAt(now).value(), now));
    }

    @Test
    void aMarkWithoutATimeComesFromAnEarlierToolkitAndIsALeftover() {
        assertTrue(RunMarker.isLeftover("dva-labs-verify-0a1b2c3d-placed", now));
    }

    @Test
    void aLearnersOwnDataIsNeverALeftover() {
        assertFalse(RunMarker.isLeftover("order 42 from alice", now));
        assertFalse(RunMarker.isLeftover("dva-labs-verify-my-own-note", now), "the prefix alone is not a mark");
        assertFalse(RunMarker.isLeftover(null, now));
    }
}
