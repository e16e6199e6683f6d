package dev.dvalabs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    @DisplayName("a poll ends at the first answer, asking no more")
    void endsAtTheAnswer() {
        AtomicInteger asked = new AtomicInteger();
        Optional<String> answer = new Poll(Duration.ofMinutes(5), Duration.ZERO)
                .until(() -> asked.incrementAndGet() == 3 ? Optional.of("ready") : Optional.empty());
        assertThat(answer).contains("ready");
        assertThat(asked).hasValue(3);
    }

    @Test
    @DisplayName("a poll with nothing to find ends empty once its deadline has passed")
    void endsEmptyAtTheDeadline() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(new Poll(Duration.ZERO, Duration.ZERO).until(() -> {
            asked.incrementAndGet();
            return Optional.empty();
        })).isEmpty();
        assertThat(asked.get()).isPositive();
    }
}
