package dev.dvalabs.verify;

/**
 * One named property of an observation, to be judged by a {@link Matcher}: the check says what it
 * wants, and this writes "observed {@code name value}, expected {@code name description}".
 *
 * <pre>{@code
 * o -> o.billing().its("VisibilityTimeout", Queues::visibilityTimeout).should(not(eq(30)))
 * }</pre>
 */
public final class Its<V> {

    private final String name;
    private final Fact<V> value;

    Its(String name, Fact<V> value) {
        this.name = name;
        this.value = value;
    }

    /**
     * PASS when the value matches; FAIL with the value and the expectation, or with what the target said when
     * the observation was refused (or what the verifier found missing); SKIP when the target does not offer the service.
     */
    public CheckResult should(Matcher<? super V> matcher) {
        String expected = phrase(matcher.description());
        if (value.unavailable()) {
            return CheckResult.skip(value.refusal());
        }
        if (value.withheld()) {
            return CheckResult.fail(value.refusal(), expected);
        }
        if (value.refused()) {
            return CheckResult.fail(value.refusedAs(), expected);
        }
        @SuppressWarnings("unchecked")
        Matcher<V> m = (Matcher<V>) matcher;
        return CheckResult.when(m.matches(value.value()), phrase(m.show(value.value())), expected);
    }

    /** The same as {@code should(Matcher.not(matcher))}. */
    public CheckResult shouldNot(Matcher<V> matcher) {
        return should(Matcher.not(matcher));
    }

    private String phrase(String text) {
        return name.isEmpty() ? text : name + " " + text;
    }
}
