package dev.dvalabs.ebextensions;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one option's value may be, as the "Valid values" column of the Elastic Beanstalk configuration
 * options reference gives it: a whole number in a range, a boolean, or one of a few words. Elastic
 * Beanstalk receives every value as a string, so a bare YAML number or boolean is read as its text.
 */
sealed interface OptionValue {

    /** How to write a right value, to follow "Set NAME to " in a finding; empty when {@code value} is right. */
    Optional<String> refuse(String value, boolean plain);

    static OptionValue wholeNumber(long min, long max) {
        return new WholeNumber(min, max);
    }

    static OptionValue oneOf(String... words) {
        return new OneOf(List.of(words));
    }

    static OptionValue bool() {
        return new Bool();
    }

    record WholeNumber(long min, long max) implements OptionValue {
        @Override
        public Optional<String> refuse(String value, boolean plain) {
            String v = value.strip();
            boolean right = v.matches("-?[0-9]{1,18}") && Long.parseLong(v) >= min && Long.parseLong(v) <= max;
            return right ? Optional.empty() : Optional.of("a whole number from " + min + " to " + max);
        }
    }

    record OneOf(List<String> words) implements OptionValue {
        @Override
        public Optional<String> refuse(String value, boolean plain) {
            return words.contains(value.strip()) ? Optional.empty() : Optional.of("one of " + String.join(", ", words));
        }
    }

    /** true or false; a bare yes, no, on or off too, which YAML 1.1 (Elastic Beanstalk's reading) takes as a boolean. */
    record Bool() implements OptionValue {
        @Override
        public Optional<String> refuse(String value, boolean plain) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            boolean right = v.equals("true") || v.equals("false")
                    || (plain && List.of("yes", "no", "on", "off").contains(v));
            return right ? Optional.empty() : Optional.of("true or false");
        }
    }
}
