package dev.dvalabs.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bounded wait for something a verifier set off (a deployment, a pipeline run, a metric): ask every
 * {@code interval} until there is an answer or {@code deadline} has passed. It ends as soon as the answer is there.
 */
public record Poll(Duration deadline, Duration interval) {

    /** The first answer, or empty when the deadline passed (or the thread was interrupted) without one. */
    public <T> Optional<T> until(Supplier<Optional<T>> ask) {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            Optional<T> answer = ask.get();
            if (answer.isPresent() || Instant.now().isAfter(end)) {
                return answer;
            }
            try {
                Thread.sleep(Math.max(10, interval.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }
}
