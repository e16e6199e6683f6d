package dev.dvalabs.exercises.kinesisstreamsfirehose;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls for something that AWS does eventually (a record readable from a shard, an object Firehose
 * delivers), ending as soon as it is there and at the latest when the patience runs out. Neither has an
 * SDK waiter: a waiter waits for a resource's state, not for data.
 */
final class Patience {

    private Patience() {}

    /** The first answer {@code done} accepts, or the last one when the patience ran out. */
    static <T> T until(Duration patience, Duration interval, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(patience);
        T answer = probe.get();
        while (!done.test(answer) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = probe.get();
        }
        return answer;
    }
}
