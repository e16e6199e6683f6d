package dev.dvalabs.verify;

import java.util.function.Function;

/**
 * One thing the notes say, checked: an id unique in its exercise, a title, the line of the notes it
 * teaches, a hint for a learner whose work fails it, and a judgement of what the verifier observed.
 *
 * @param <O> what the exercise's verifier observes
 */
public record Check<O>(String id, String title, String teaches, String hint, Function<O, CheckResult> judge) {

    public CheckResult judge(O observed) {
        return judge.apply(observed);
    }
}
