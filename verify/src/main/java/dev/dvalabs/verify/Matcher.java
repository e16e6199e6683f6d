package dev.dvalabs.verify;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a check wants of one observed value, able to say so in words: the words become the check's
 * "expected" text, so a check states its expectation once (InSpec's {@code should eq 30}).
 *
 * @param description the expectation as a learner reads it after the value's name: "20", "not 30", "1 .. 1000"
 * @param shows how the observed value reads beside it: as it is, or "exists" for a matcher that only asks that
 */
public record Matcher<V>(String description, Predicate<? super V> test, Function<? super V, String> shows) {

    public Matcher(String description, Predicate<? super V> test) {
        this(description, test, Observed::render);
    }

    /** How {@code value} reads in the observed text of a check using this matcher. */
    public String show(V value) {
        return shows.apply(value);
    }

    /** Anything observed at all: the fact was not refused (InSpec's {@code it { should exist }}). */
    public static <V> Matcher<V> exists() {
        return new Matcher<>("exists", v -> v != null, v -> v == null ? "missing" : "exists");
    }

    /** A boolean that is true. */
    public static Matcher<Boolean> isTrue() {
        return new Matcher<>("true", Boolean.TRUE::equals);
    }

    /** A boolean that is false. */
    public static Matcher<Boolean> isFalse() {
        return new Matcher<>("false", Boolean.FALSE::equals);
    }

    /** A collection with nothing in it. */
    public static <E> Matcher<Collection<E>> empty() {
        // "batches allowed none" reads as what it says; "empty", or a bare [] in a report, did not.
        return new Matcher<>("none", v -> v != null && v.isEmpty(), v -> v != null && v.isEmpty() ? "none" : Observed.render(v));
    }

    public boolean matches(V value) {
        return test.test(value);
    }

    /** Equal to {@code expected}. */
    public static <V> Matcher<V> eq(V expected) {
        return new Matcher<>(Observed.render(expected), v -> Objects.equals(v, expected));
    }

    /** Anything {@code matcher} refuses. */
    public static <V> Matcher<V> not(Matcher<V> matcher) {
        return new Matcher<>("not " + matcher.description(), v -> !matcher.matches(v), matcher.shows());
    }

    /** A number from {@code low} to {@code high}, both included. */
    public static Matcher<Integer> between(int low, int high) {
        return new Matcher<>(low + " .. " + high, v -> v != null && v >= low && v <= high);
    }

    /** One of the values given. */
    @SafeVarargs
    public static <V> Matcher<V> oneOf(V... allowed) {
        List<V> list = Arrays.asList(allowed);
        return new Matcher<>("one of " + Observed.render(list), list::contains);
    }

    /** Text that starts with {@code prefix}: an error code, typically. */
    public static Matcher<String> startsWith(String prefix) {
        return new Matcher<>(prefix + "...", v -> v != null && v.startsWith(prefix));
    }

    /** A collection holding exactly these elements, in any order. */
    public static <E> Matcher<Collection<E>> containsExactlyInAnyOrder(Collection<E> expected) {
        return new Matcher<>(Observed.render(expected),
                v -> v != null && v.size() == expected.size() && v.containsAll(expected) && expected.containsAll(v));
    }

    /** Whatever satisfies {@code test}, described as {@code description}. */
    public static <V> Matcher<V> satisfies(String description, Predicate<? super V> test) {
        return new Matcher<>(description, test);
    }

    /** This and that. */
    public Matcher<V> and(Matcher<? super V> other) {
        return new Matcher<>(description + " and " + other.description(), v -> matches(v) && other.test().test(v), shows);
    }

    /** How the matcher toolkit writes a value: lists as [a, b], text as it is. */
    static final class Observed {
        private Observed() {}

        public static String render(Object value) {
            if (value instanceof Collection<?> c) {
                return c.stream().map(Observed::render).collect(Collectors.joining(", ", "[", "]"));
            }
            return String.valueOf(value);
        }
    }
}
