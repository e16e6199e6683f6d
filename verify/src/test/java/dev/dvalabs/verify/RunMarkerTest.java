package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A verify's mark")
class RunMarkerTest {

    @Test
    @DisplayName("carries the run's start and a random part, so two runs started in one second are told apart")
    void distinctAndTimed() {
        Instant now = Instant.parse("2026-11-26T02:00:00Z");
        RunMarker one = RunMarker.startedAt(now);
        RunMarker other = RunMarker.startedAt(now);
        assertThat(one.value()).matches("dva-labs-verify-" + now.getEpochSecond() + "-[0-9a-f]{8}");
        assertThat(one).isNotEqualTo(other);
    }
}
