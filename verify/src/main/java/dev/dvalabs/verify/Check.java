package dev.dvalabs.verify;

import java.util.function.Function;

/**
 * One thing the notes say, checked: an id unique in its exercise, a title, the line of the notes it
 * teaches, a hint for a learner whose work fails it, a judgement of what the verifier observed, and the
 * number of the task in the exercise's instructions.md that it judges (0 until it names one).
 *
 * @param <O> what the exercise's verifier observes
 */
public record Check<O>(String id, String title, String teaches, String hint, Function<O, CheckResult> judge, int task) {

    public Check(String id, String title, String teaches, String hint, Function<O, CheckResult> judge) {
        this(id, title, teaches, hint, judge, 0);
    }

    /** The same check, judging task {@code number} of the instructions ("## Your tasks", "1. ..."). */
    public Check<O> forTask(int number) {
        return new Check<>(id, title, teaches, hint, judge, number);
    }

    public CheckResult judge(O observed) {
        return judge.apply(observed);
    }
}
