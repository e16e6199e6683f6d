package dev.dvalabs.policy;

import java.util.regex.Pattern;

/** The {@code *} and {@code ?} wildcards of IAM policies, in names and, segment by segment, in ARNs. */
final class Wildcard {

    private static final int ARN_SEGMENTS = 6;

    private Wildcard() {}

    /**
     * {@code *} matches any run of characters (including none), {@code ?} exactly one; a character
     * after {@link Variables#LITERAL} (from {@code ${*}} or a variable's value) matches only itself.
     */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean escaped = false;
        for (char c : pattern.toCharArray()) {
            if (escaped) {
                literal.append(c);
                escaped = false;
            } else if (c == Variables.LITERAL) {
                escaped = true;
            } else if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
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
