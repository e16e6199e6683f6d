package dev.dvalabs.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Which actions an IAM policy document (a key policy, a role's policy) allows a principal, read from
 * its statements: Effect, Principal, Action and NotAction, with the {@code *} wildcards IAM allows in
 * action names. Conditions and resources are not evaluated: a statement that names the principal and
 * the action counts as granting it, which is what a reader of the policy sees.
 */
public final class PolicyGrants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> statements;

    private PolicyGrants(List<JsonNode> statements) {
        this.statements = statements;
    }

    /** The statements of a policy document as AWS returns it (JSON text, URL-decoded). */
    public static PolicyGrants parse(String document) {
        try {
            JsonNode statement = JSON.readTree(document).path("Statement");
            return new PolicyGrants(statement.isArray() ? list(statement) : List.of(statement));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The actions among {@code actions} that an Allow statement grants to {@code principalArn} and no
     * Deny statement takes away. A null principal reads an identity policy, whose statements name none.
     */
    public List<String> allowed(String principalArn, Collection<String> actions) {
        return actions.stream()
                .filter(a -> statements.stream().anyMatch(s -> grants(s, "Allow", principalArn, a)))
                .filter(a -> statements.stream().noneMatch(s -> grants(s, "Deny", principalArn, a)))
                .toList();
    }

    private static boolean grants(JsonNode statement, String effect, String principalArn, String action) {
        if (!effect.equals(statement.path("Effect").asText())) {
            return false;
        }
        if (principalArn != null && !names(statement.path("Principal"), principalArn)) {
            return false;
        }
        if (statement.has("NotAction")) {
            return strings(statement.get("NotAction")).stream().noneMatch(p -> matches(p, action));
        }
        return strings(statement.path("Action")).stream().anyMatch(p -> matches(p, action));
    }

    /** Whether a Principal element names the principal: {@code "*"}, or its ARN under {@code AWS}. */
    private static boolean names(JsonNode principal, String arn) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        return strings(principal.path("AWS")).stream().anyMatch(p -> p.equals("*") || p.equals(arn));
    }

    /** IAM action names are case-insensitive; {@code *} matches any run of characters, {@code ?} one. */
    static boolean matches(String pattern, String action) {
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return action.toLowerCase(Locale.ROOT).matches(regex);
    }

    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return node.isArray() ? list(node).stream().map(JsonNode::asText).toList() : List.of();
    }

    private static List<JsonNode> list(JsonNode array) {
        return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
    }
}
