package dev.dvalabs.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;

/**
 * One key under one operator of a Condition block, with the policy's values for it (which are
 * ORed). A statement's conditions are ANDed by the caller.
 */
record Condition(String operator, String key, List<String> values, Test test, Quantifier quantifier,
                 boolean negated, boolean ifExists) {

    /** How a multivalued request key is compared: each value alone, ForAnyValue, or ForAllValues. */
    enum Quantifier { SINGLE, ANY_VALUE, ALL_VALUES }

    /** The comparison behind an operator, positive form; the Not operators negate it. */
    enum Test {
        STRING_EQUALS((policy, actual) -> Variables.plain(policy).equals(actual)),
        STRING_EQUALS_IGNORE_CASE((policy, actual) -> Variables.plain(policy).equalsIgnoreCase(actual)),
        STRING_LIKE((policy, actual) -> Wildcard.matches(policy, actual, false)),
        ARN_LIKE(Wildcard::matchesArn),
        BOOL(String::equalsIgnoreCase),
        NUMERIC_EQUALS((policy, actual) -> compare(policy, actual, c -> c == 0)),
        NUMERIC_LESS_THAN((policy, actual) -> compare(policy, actual, c -> c > 0)),
        NUMERIC_LESS_THAN_EQUALS((policy, actual) -> compare(policy, actual, c -> c >= 0)),
        NUMERIC_GREATER_THAN((policy, actual) -> compare(policy, actual, c -> c < 0)),
        NUMERIC_GREATER_THAN_EQUALS((policy, actual) -> compare(policy, actual, c -> c <= 0)),
        NULL((policy, actual) -> false);

        private final BiPredicate<String, String> matches;

        Test(BiPredicate<String, String> matches) {
            this.matches = matches;
        }

        /** IAM replaces policy variables in the values of string and ARN operators only. */
        boolean takesVariables() {
            return this == STRING_EQUALS || this == STRING_EQUALS_IGNORE_CASE || this == STRING_LIKE || this == ARN_LIKE;
        }

        /** A value that is not a number matches no numeric operator, as in AWS. */
        private static boolean compare(String policy, String actual, IntPredicate policyVersusActual) {
            try {
                return policyVersusActual.test(new BigDecimal(policy.trim()).compareTo(new BigDecimal(actual.trim())));
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private record Base(Test test, boolean negated) {}

    private static final Map<String, Base> OPERATORS = Map.ofEntries(
            Map.entry("stringequals", new Base(Test.STRING_EQUALS, false)),
            Map.entry("stringnotequals", new Base(Test.STRING_EQUALS, true)),
            Map.entry("stringequalsignorecase", new Base(Test.STRING_EQUALS_IGNORE_CASE, false)),
            Map.entry("stringnotequalsignorecase", new Base(Test.STRING_EQUALS_IGNORE_CASE, true)),
            Map.entry("stringlike", new Base(Test.STRING_LIKE, false)),
            Map.entry("stringnotlike", new Base(Test.STRING_LIKE, true)),
            // AWS documents ArnEquals and ArnLike alike: segment by segment, wildcards allowed in both.
            Map.entry("arnequals", new Base(Test.ARN_LIKE, false)),
            Map.entry("arnlike", new Base(Test.ARN_LIKE, false)),
            Map.entry("arnnotequals", new Base(Test.ARN_LIKE, true)),
            Map.entry("arnnotlike", new Base(Test.ARN_LIKE, true)),
            Map.entry("bool", new Base(Test.BOOL, false)),
            Map.entry("numericequals", new Base(Test.NUMERIC_EQUALS, false)),
            Map.entry("numericnotequals", new Base(Test.NUMERIC_EQUALS, true)),
            Map.entry("numericlessthan", new Base(Test.NUMERIC_LESS_THAN, false)),
            Map.entry("numericlessthanequals", new Base(Test.NUMERIC_LESS_THAN_EQUALS, false)),
            Map.entry("numericgreaterthan", new Base(Test.NUMERIC_GREATER_THAN, false)),
            Map.entry("numericgreaterthanequals", new Base(Test.NUMERIC_GREATER_THAN_EQUALS, false)),
            Map.entry("null", new Base(Test.NULL, false)));

    /** Reads an operator such as {@code ForAnyValue:StringLikeIfExists}; one this evaluator cannot decide is refused. */
    static Condition of(String operator, String key, List<String> values) {
        String name = operator.toLowerCase(Locale.ROOT);
        Quantifier quantifier = Quantifier.SINGLE;
        if (name.startsWith("foranyvalue:")) {
            quantifier = Quantifier.ANY_VALUE;
            name = name.substring("foranyvalue:".length());
        } else if (name.startsWith("forallvalues:")) {
            quantifier = Quantifier.ALL_VALUES;
            name = name.substring("forallvalues:".length());
        }
        boolean ifExists = name.endsWith("ifexists") && !name.equals("null");
        if (ifExists) {
            name = name.substring(0, name.length() - "ifexists".length());
        }
        Base base = OPERATORS.get(name);
        if (base == null || (base.test() == Test.NULL && (ifExists || quantifier != Quantifier.SINGLE))) {
            throw new PolicyException("condition operator " + operator + " is not supported by this evaluator"
                    + " (String*, Arn*, Bool, Numeric*, Null, with ...IfExists, ForAnyValue: and ForAllValues: are)");
        }
        return new Condition(operator, key, List.copyOf(values), base.test(), quantifier, base.negated(), ifExists);
    }

    /**
     * The policy's values with their variables replaced from the request. IAM: a variable with no
     * value makes its value "effectively null", which nothing equals or is like, so it is left out:
     * StringEquals then fails on it and StringNotEquals holds.
     */
    private List<String> resolved(Request request) {
        return test.takesVariables()
                ? values.stream().flatMap(v -> Variables.resolve(v, request).stream()).toList()
                : values;
    }

    /** The condition as a learner reads it in a sentence: "aws:SourceArn is arn:... or arn:...". */
    String describe() {
        String verb = switch (test) {
            case STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, BOOL, NUMERIC_EQUALS -> negated ? "is not" : "is";
            case STRING_LIKE, ARN_LIKE -> negated ? "does not match" : "matches";
            default -> operator;
        };
        String quantified = switch (quantifier) {
            case ALL_VALUES -> "every value of " + key;
            case ANY_VALUE -> "some value of " + key;
            case SINGLE -> key;
        };
        return quantified + " " + verb + " " + String.join(" or ", values);
    }

    /**
     * Whether the condition holds for the request. A key the context cannot know (a stranger's
     * choice in an exposure probe, or what a service supplies but the request does not say) counts
     * as {@code assumeIfUnknown}.
     */
    boolean holds(Context context, boolean assumeIfUnknown) {
        if (context.unknown(key)) {
            return assumeIfUnknown;
        }
        // AWS: a key whose value "resolves to a null dataset, such as an empty string" counts as missing
        // for the set operators, and Null asks whether the key exists "and its value is not null".
        List<String> actual = test == Test.NULL || quantifier != Quantifier.SINGLE
                ? context.values(key).stream().filter(v -> !v.isEmpty()).toList()
                : context.values(key);
        if (test == Test.NULL) {
            // "Null": "true" asks that the key be absent, "false" that it be present.
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == actual.isEmpty());
        }
        if (actual.isEmpty()) {
            if (ifExists) {
                return true;
            }
            // AWS: an absent key matches nothing, so positive operators are false and negated ones
            // true; ForAllValues over no values is true, ForAnyValue false.
            return switch (quantifier) {
                case ALL_VALUES -> true;
                case ANY_VALUE -> false;
                case SINGLE -> negated;
            };
        }
        List<String> policy = resolved(context.request());
        return switch (quantifier) {
            case ALL_VALUES -> actual.stream().allMatch(a -> satisfiedBy(policy, a));
            case ANY_VALUE -> actual.stream().anyMatch(a -> satisfiedBy(policy, a));
            // A plain operator on a key with several values: positive ones need one value to match,
            // negated ones need every value to stay clear of the policy's values.
            case SINGLE -> negated ? actual.stream().allMatch(a -> satisfiedBy(policy, a))
                    : actual.stream().anyMatch(a -> satisfiedBy(policy, a));
        };
    }

    /** One request value against the policy's values: matches any (positive), or none (negated). */
    private boolean satisfiedBy(List<String> policy, String actual) {
        boolean matchesOne = policy.stream().anyMatch(v -> test.matches.test(v, actual));
        return negated != matchesOne;
    }
}
