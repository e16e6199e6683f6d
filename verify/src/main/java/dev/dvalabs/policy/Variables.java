package dev.dvalabs.policy;

import java.util.List;
import java.util.Optional;

/**
 * IAM policy variables ("IAM policy elements: Variables and tags"): {@code ${key}} is replaced by the
 * request's single value for the condition key, {@code ${key, 'default'}} by the default when the key
 * has none ({@code ''} inside it is one quote), and {@code ${*}}, {@code ${?}}, {@code ${$}} stand for
 * those characters taken literally. A key with no value, or several (a multivalued key), and no default
 * leaves the variable unresolved: a Resource or condition value holding it matches nothing ("Policy
 * variables with no value"). Replacement happens once: a default that looks like a variable stays text.
 *
 * <p>A replaced value is text, never a wildcard: its {@code *} and {@code ?} are marked with
 * {@link #LITERAL}, which {@link Wildcard} reads as "the next character as it stands".
 */
final class Variables {

    /** Marks the character after it as literal in a resolved pattern; a private-use character no policy contains. */
    static final char LITERAL = '\uE000';

    private Variables() {}

    static boolean present(String text) {
        return text.contains("${");
    }

    /** The text with its variables replaced from the request, or empty when one cannot be resolved. */
    static Optional<String> resolve(String text, Request request) {
        if (!present(text)) {
            return Optional.of(text);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = closing(text, start + 2);
            if (end < 0) {
                return Optional.empty();
            }
            Optional<String> value = value(text.substring(start + 2, end), request);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(value.get());
            i = end + 1;
        }
        return Optional.of(out.toString());
    }

    /**
     * A Resource pattern with its variables replaced. IAM replaces them only in the resource part of
     * the ARN, after the fifth colon; before it (service, region, account) a variable stays text, and
     * a pattern that is not an ARN takes none.
     */
    static Optional<String> resolveResource(String pattern, Request request) {
        String[] segments = pattern.split(":", 6);
        if (segments.length < 6) {
            return Optional.of(pattern);
        }
        String head = pattern.substring(0, pattern.length() - segments[5].length());
        return resolve(segments[5], request).map(tail -> head + tail);
    }

    /** A resolved pattern as plain text, for the operators that know no wildcards. */
    static String plain(String resolved) {
        return resolved.replace(String.valueOf(LITERAL), "");
    }

    /** The index of the brace that closes a variable, skipping quoted defaults; -1 when none does. */
    private static int closing(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> value(String inside, Request request) {
        String body = inside.trim();
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return Optional.of(LITERAL + body);
        }
        int comma = body.indexOf(',');
        String key = (comma < 0 ? body : body.substring(0, comma)).trim();
        if (key.isEmpty() || key.contains(" ")) {
            return Optional.empty();
        }
        List<String> values = request.values(key);
        if (values.size() == 1) {
            return Optional.of(literal(values.get(0)));
        }
        if (comma < 0) {
            return Optional.empty();
        }
        String fallback = body.substring(comma + 1).trim();
        if (fallback.length() < 2 || !fallback.startsWith("'") || !fallback.endsWith("'")) {
            return Optional.empty();
        }
        return Optional.of(literal(fallback.substring(1, fallback.length() - 1).replace("''", "'")));
    }

    private static String literal(String value) {
        return value.replace("*", LITERAL + "*").replace("?", LITERAL + "?");
    }
}
