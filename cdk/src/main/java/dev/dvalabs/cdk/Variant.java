package dev.dvalabs.cdk;

import java.util.Locale;

/** What a learner starts from, and the reference answer. */
public enum Variant {
    STARTER, SOLUTION;

    /** As in stack ids and tags: {@code Starter}, {@code Solution}. */
    public String title() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** As typed after {@code --variant}: {@code starter}, {@code solution}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
