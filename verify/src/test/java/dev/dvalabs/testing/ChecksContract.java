package dev.dvalabs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every exercise's check test proves, written once: a correct build's observations pass every
 * check, each mistake in the table fails its check (and only the checks that necessarily fail with
 * it), and every check is seen failing somewhere in the table. An exercise's check test extends this
 * with its observations builder {@code S} and its table of mistakes.
 *
 * @param <O> what the exercise's verifier observes
 * @param <S> a correct build's observations, changeable one fact at a time
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChecksContract<O, S> {

    private final Supplier<List<Check<O>>> checks;
    private final Supplier<S> correct;
    private final Function<S, O> observed;

    /**
     * @param checks the exercise's checks
     * @param correct a fresh builder of a correct build's observations
     * @param observed the observations a builder describes
     */
    protected ChecksContract(Supplier<List<Check<O>>> checks, Supplier<S> correct, Function<S, O> observed) {
        this.checks = checks;
        this.correct = correct;
        this.observed = observed;
    }

    /** For a check test that overrides {@link #checks()}, {@link #correct()} and {@link #observed} itself. */
    protected ChecksContract() {
        this(null, null, null);
    }

    /** The exercise's checks. */
    protected List<Check<O>> checks() {
        return checks.get();
    }

    /** A fresh builder of a correct build's observations. */
    protected S correct() {
        return correct.get();
    }

    /** The observations the builder describes. */
    protected O observed(S seen) {
        return observed.apply(seen);
    }

    /** The table: each entry wrong in one fact. */
    protected abstract Stream<Mistake<S>> mistakes();

    /** One wrong fact, the check it must fail, and the checks that build on the same fact and fail with it. */
    public record Mistake<S>(String check, String situation, Consumer<S> change, Set<String> alsoFailing) {

        @Override
        public String toString() {
            return check + " fails on " + situation;
        }
    }

    /** A mistake that fails {@code check}, and with it exactly {@code alsoFailing}. */
    @SafeVarargs
    protected static <S> Mistake<S> wrong(String check, String situation, Consumer<S> change, String... alsoFailing) {
        return new Mistake<>(check, situation, change, Set.of(alsoFailing));
    }

    /** Judges a builder's observations as a real account would be judged: no deviation recorded. */
    protected final Report judge(S seen) {
        return Verification.judge("checks", checks(), observed(seen), "aws", Map.of());
    }

    @Test
    @DisplayName("a correct build's observations pass every check")
    void correctBuildPasses() {
        Report report = judge(correct());
        assertThat(report.outcomes()).hasSameSizeAs(checks())
                .allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeFailsItsCheck(Mistake<S> mistake) {
        S seen = correct();
        mistake.change().accept(seen);
        Report report = judge(seen);
        assertThat(report.outcome(mistake.check()).status()).as(mistake.check()).isEqualTo(Status.FAIL);
        assertThat(report.outcome(mistake.check()).result().expected()).as(mistake.check() + " expected").isNotBlank();
        assertThat(report.outcomes()).filteredOn(o -> !o.id().equals(mistake.check()))
                .allSatisfy(o -> assertThat(o.status()).as(o.id())
                        .isEqualTo(mistake.alsoFailing().contains(o.id()) ? Status.FAIL : Status.PASS));
    }

    @Test
    @DisplayName("every check is seen failing in the table of mistakes")
    void everyCheckIsSeenFailing() {
        Set<String> failed = mistakes().map(Mistake::check).collect(Collectors.toSet());
        assertThat(failed).containsAll(checks().stream().map(Check::id).toList());
    }
}
