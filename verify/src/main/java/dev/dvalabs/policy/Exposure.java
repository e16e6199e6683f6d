package dev.dvalabs.policy;

/**
 * A statement of a resource policy that lets someone other than the intended caller make the
 * request: {@code statement} is its Sid in quotes or "statement N", {@code who} says in words whom
 * it lets in.
 */
public record Exposure(String statement, String who) {

    @Override
    public String toString() {
        return statement + " lets " + who;
    }
}
