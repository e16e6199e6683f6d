package dev.dvalabs.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/** A policy document read by the SDK's {@link IamPolicy} parser into checked {@link Statement}s. */
record PolicyDocument(List<Statement> statements) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Resource policies (queue, key, trust) name principals; identity policies must name resources. */
    enum Kind { RESOURCE, IDENTITY }

    static PolicyDocument parse(String json, Kind kind) {
        if (json == null || json.isBlank()) {
            throw new PolicyException("empty policy document");
        }
        IamPolicy policy;
        try {
            policy = IamPolicy.fromJson(normalized(json));
        } catch (PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyException("not an IAM policy: " + e.getMessage());
        }
        List<Statement> statements = new ArrayList<>();
        for (IamStatement s : policy.statements()) {
            statements.add(statement(s, statements.size() + 1, kind));
        }
        return new PolicyDocument(List.copyOf(statements));
    }

    /**
     * The SDK's parser drops a condition value written as a JSON boolean or number
     * ({@code "aws:SecureTransport": false}) without a word, which would turn a conditional statement
     * into an unconditional one; AWS accepts such values, so they are turned into strings first.
     * Missing Effects are caught here too, because the parser reports them as a NullPointerException.
     */
    private static String normalized(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String hint = json.trim().startsWith("%7B") ? " (it looks URL-encoded: decode it first)" : "";
            throw new PolicyException("not valid JSON: " + e.getOriginalMessage() + hint);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException("not an IAM policy: a policy document is a JSON object");
        }
        JsonNode statements = root.path("Statement");
        int n = 0;
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            n++;
            if (!statement.isObject()) {
                continue;
            }
            if (!statement.path("Effect").isTextual()) {
                throw new PolicyException("not an IAM policy: statement " + n + " has no Effect");
            }
            textify(statement.path("Principal"));
            textify(statement.path("NotPrincipal"));
            statement.path("Condition").forEach(PolicyDocument::textify);
        }
        return root.toString();
    }

    /** Scalars under an object's keys, alone or in arrays, become strings. */
    private static void textify(JsonNode object) {
        if (!(object instanceof ObjectNode fields)) {
            return;
        }
        fields.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isTextual() && !value.isNull()) {
                field.setValue(TextNode.valueOf(value.asText()));
            } else if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isValueNode() && !array.get(i).isTextual() && !array.get(i).isNull()) {
                        array.set(i, TextNode.valueOf(array.get(i).asText()));
                    }
                }
            }
        });
    }

    private static Statement statement(IamStatement s, int position, Kind kind) {
        String label = s.sid() != null ? "\"" + s.sid() + "\"" : "statement " + position;
        String effect = s.effect().value();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new PolicyException("not an IAM policy: " + label + " has Effect \"" + effect + "\", not Allow or Deny");
        }
        if (s.actions().isEmpty() == s.notActions().isEmpty()) {
            throw new PolicyException("not an IAM policy: " + label + " needs exactly one of Action and NotAction");
        }
        if (!s.resources().isEmpty() && !s.notResources().isEmpty()) {
            throw new PolicyException("not an IAM policy: " + label + " has both Resource and NotResource");
        }
        if (!s.principals().isEmpty() && !s.notPrincipals().isEmpty()) {
            throw new PolicyException("not an IAM policy: " + label + " has both Principal and NotPrincipal");
        }
        boolean noResource = s.resources().isEmpty() && s.notResources().isEmpty();
        if (kind == Kind.IDENTITY && noResource) {
            throw new PolicyException("not an IAM policy: " + label + " of an identity policy names no Resource");
        }
        boolean notPrincipal = !s.notPrincipals().isEmpty();
        List<IamPrincipal> named = notPrincipal ? s.notPrincipals() : s.principals();
        boolean notAction = !s.notActions().isEmpty();
        boolean notResource = !s.notResources().isEmpty();
        return new Statement(label, effect.equals("Allow"),
                // Identity policies apply to their holder; a Principal there is not theirs to name.
                kind == Kind.IDENTITY || named.isEmpty() ? null
                        : named.stream().map(p -> new Principals.Entry(p.type().value(), p.id())).toList(),
                notPrincipal,
                (notAction ? s.notActions() : s.actions()).stream().map(IamAction::value).toList(), notAction,
                noResource ? null : (notResource ? s.notResources() : s.resources()).stream().map(IamResource::value).toList(),
                notResource,
                conditions(s.conditions()));
    }

    /** The parser lists one (operator, key, value) per value; AWS ORs the values of one key under one operator. */
    private static List<Condition> conditions(List<IamCondition> flat) {
        Map<List<String>, List<String>> grouped = new LinkedHashMap<>();
        for (IamCondition c : flat) {
            grouped.computeIfAbsent(List.of(c.operator().value(), c.key().value()), k -> new ArrayList<>()).add(c.value());
        }
        return grouped.entrySet().stream().map(e -> Condition.of(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
    }
}
