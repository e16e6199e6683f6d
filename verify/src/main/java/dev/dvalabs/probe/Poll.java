package dev.dvalabs.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one bounded wait of the toolkit, for something a verifier set off (a deployment, a pipeline run, a
 * message on its way): ask every {@code interval} until the answer is there or {@code deadline} has passed.
 * It ends as soon as the answer is there, and keeps the last answer, which a check then shows as what it saw.
 * A verify gets it from its session, whose clock it reads and whose sleeper it waits with, so a test can
 * move time instead of waiting for it.
 */
public record Poll(Duration deadline, Duration interval, Clock clock, Sleeper sleeper) {

    /** Waits; a test's sleeper moves its clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(Math.max(10, d.toMillis()));
    }

    /** On the system clock, really waiting. */
    public Poll(Duration deadline, Duration interval) {
        this(deadline, interval, Clock.systemUTC(), Sleeper.REAL);
    }

    /** The first answer, or empty when the deadline passed (or the thread was interrupted) without one. */
    public <T> Optional<T> until(Supplier<Optional<T>> ask) {
        return last(ask, Optional::isPresent);
    }

    /**
     * Asks until {@code done} holds for the answer or the deadline passed, and gives the last answer either way:
     * the one that was done, or what was seen when time ran out.
     */
    public <T> T last(Supplier<T> ask, Predicate<? super T> done) {
        Instant end = clock.instant().plus(deadline);
        while (true) {
            T answer = ask.get();
            if (done.test(answer) || clock.instant().isAfter(end)) {
                return answer;
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }
}
