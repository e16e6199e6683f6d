package dev.dvalabs.policy;

/** The {@code *} and {@code ?} wildcards of IAM policies, in names and, segment by segment, in ARNs. */
final class Wildcard {

    private static final int ARN_SEGMENTS = 6;

    private Wildcard() {}

    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    /**
     * {@code *} matches any run of characters (including none), {@code ?} exactly one; a character
     * after {@link Variables#LITERAL} (from {@code ${*}} or a variable's value) matches only itself.
     * Matched by the greedy walk that returns to the last {@code *}, in time bounded by the pattern's
     * length times the value's: a regular expression of {@code .*} runs backtracks exponentially on a
     * pattern a learner can write ({@code *a*a*a...b}), and hung the verify.
     */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        int[] want = tokens(pattern);
        int[] have = value.codePoints().toArray();
        int w = 0;
        int h = 0;
        int lastRun = -1;
        int resumeAt = 0;
        while (h < have.length) {
            if (w < want.length && want[w] != ANY_RUN && (want[w] == ANY_ONE || same(want[w], have[h], ignoreCase))) {
                w++;
                h++;
            } else if (w < want.length && want[w] == ANY_RUN) {
                lastRun = w++;
                resumeAt = h;
            } else if (lastRun >= 0) {
                w = lastRun + 1; // the last * takes one more character
                h = ++resumeAt;
            } else {
                return false;
            }
        }
        while (w < want.length && want[w] == ANY_RUN) {
            w++;
        }
        return w == want.length;
    }

    /** The pattern's characters (code points), with {@link #ANY_RUN} and {@link #ANY_ONE} for its wildcards. */
    private static int[] tokens(String pattern) {
        int[] tokens = new int[pattern.length()];
        int n = 0;
        boolean escaped = false;
        for (int c : pattern.codePoints().toArray()) {
            if (escaped) {
                tokens[n++] = c;
                escaped = false;
            } else if (c == Variables.LITERAL) {
                escaped = true;
            } else {
                tokens[n++] = c == '*' ? ANY_RUN : c == '?' ? ANY_ONE : c;
            }
        }
        return java.util.Arrays.copyOf(tokens, n);
    }

    /** As Pattern.CASE_INSENSITIVE | UNICODE_CASE compares two characters. */
    private static boolean same(int a, int b, boolean ignoreCase) {
        return a == b || ignoreCase && (Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b));
    }

    /**
     * ArnEquals and ArnLike (and Resource ARNs) compare each of the six colon-separated segments on
     * its own, so a wildcard in the region cannot swallow the account. The last segment, the
     * resource, keeps its own colons and slashes. A value that is not a six-segment ARN never matches.
     */
    static boolean matchesArn(String pattern, String value) {
        String[] want = pattern.split(":", ARN_SEGMENTS);
        String[] have = value.split(":", ARN_SEGMENTS);
        if (have.length < ARN_SEGMENTS || !have[0].equals("arn")) {
            return false;
        }
        if (want.length < ARN_SEGMENTS) {
            // Not a full ARN pattern ("*", "arn:aws:sqs:*"): its wildcards are read across the whole value.
            return matches(pattern, value, false);
        }
        for (int i = 0; i < ARN_SEGMENTS; i++) {
            if (!matches(want[i], have[i], false)) {
                return false;
            }
        }
        return true;
    }
}
