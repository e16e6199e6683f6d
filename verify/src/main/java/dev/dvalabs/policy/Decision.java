package dev.dvalabs.policy;

/** The three outcomes of AWS's policy evaluation logic. */
public enum Decision {
    /** Some applicable statement allows the request and none denies it. */
    ALLOW,
    /** A Deny statement applies: no Allow anywhere can override it. */
    EXPLICIT_DENY,
    /** Nothing allows the request, which AWS denies by default. */
    IMPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
