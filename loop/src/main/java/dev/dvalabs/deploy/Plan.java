package dev.dvalabs.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.PolicyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a template will create, read from the template itself: resources by type, and the
 * security-sensitive ones spelled out (IAM roles and policies, resource policies), as the CDK CLI
 * lists them before a deploy.
 */
public record Plan(Map<String, Long> resourcesByType, List<String> securityChanges) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> POLICY_TYPES = Set.of("AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy",
            "AWS::S3::BucketPolicy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");

    public static Plan of(String template) {
        return of(template, Map.of());
    }

    /**
     * The plan, with the values of the pseudo parameters the target knows ({@code AWS::Partition},
     * {@code AWS::AccountId}, {@code AWS::Region}) put into a role's principal where the template computes it
     * (CDK's account principal is a Fn::Join of them): a principal or name the template leaves to the deploy is
     * left out rather than shown as raw CloudFormation or a logical id.
     */
    public static Plan of(String template, Map<String, String> pseudoParameters) {
        JsonNode resources;
        try {
            resources = JSON.readTree(template).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> byType = new TreeMap<>();
        List<String> security = new ArrayList<>();
        resources.fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            JsonNode props = entry.getValue().path("Properties");
            byType.merge(type, 1L, Long::sum);
            if (type.equals("AWS::IAM::Role")) {
                String principals = principals(props.path("AssumeRolePolicyDocument"), pseudoParameters);
                security.add("IAM role" + (props.path("RoleName").isTextual() ? " " + props.path("RoleName").asText() : "")
                        + (principals.isEmpty() ? "" : " assumable by " + principals) + actionsOf(props.path("Policies")));
            } else if (POLICY_TYPES.contains(type)) {
                security.add(type + " " + entry.getKey() + " allowing " + actions(props.path("PolicyDocument")));
            } else if (type.equals("AWS::KMS::Key")) {
                security.add("KMS key " + entry.getKey() + " with a key policy allowing " + actions(props.path("KeyPolicy")));
            } else if (type.equals("AWS::IAM::InstanceProfile")) {
                security.add("IAM instance profile " + entry.getKey());
            }
        });
        return new Plan(byType, security);
    }

    /** "2 AWS::SQS::Queue, 1 AWS::SNS::Topic". */
    public String summary() {
        return resourcesByType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String actionsOf(JsonNode policies) {
        Set<String> all = new TreeSet<>();
        policies.forEach(p -> all.addAll(actionSet(p.path("PolicyDocument"))));
        return all.isEmpty() ? "" : ", with inline policies allowing " + String.join(" ", all);
    }

    private static String actions(JsonNode document) {
        Set<String> all = actionSet(document);
        return all.isEmpty() ? "(no actions)" : String.join(" ", all);
    }

    /**
     * What the policy allows, read by the toolkit's policy evaluator. A template's policy holds
     * CloudFormation functions ({@code {"Fn::GetAtt": [...]}}, {@code {"Ref": ...}}) where IAM wants
     * strings, so each becomes a string that names it before the policy is read.
     */
    private static Set<String> actionSet(JsonNode document) {
        if (document.isMissingNode() || document.isNull()) {
            return Set.of();
        }
        try {
            return Policies.allowedActions(JSON.writeValueAsString(withoutFunctions(document)));
        } catch (PolicyException e) {
            return Set.of("(a policy the toolkit cannot read: " + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a template's policy could not be written as JSON", e);
        }
    }

    /** The node with every CloudFormation function replaced by text naming it. */
    private static JsonNode withoutFunctions(JsonNode node) {
        if (node.isObject()) {
            var names = node.fieldNames();
            if (node.size() == 1) {
                String only = names.next();
                if (only.equals("Ref") || only.startsWith("Fn::")) {
                    return TextNode.valueOf("${" + only + " " + node.get(only) + "}");
                }
            }
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), withoutFunctions(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutFunctions(element)));
            return copy;
        }
        return node;
    }

    private static String principals(JsonNode document, Map<String, String> pseudoParameters) {
        Set<String> all = new TreeSet<>();
        document.path("Statement").forEach(statement -> statement.path("Principal").fields().forEachRemaining(p -> {
            if (p.getValue().isArray()) {
                p.getValue().forEach(v -> resolved(v, pseudoParameters).ifPresent(all::add));
            } else {
                resolved(p.getValue(), pseudoParameters).ifPresent(all::add);
            }
        }));
        return String.join(", ", all);
    }

    /** Text, a Ref to a known pseudo parameter, or a Fn::Join of those; empty for anything the deploy works out. */
    private static java.util.Optional<String> resolved(JsonNode node, Map<String, String> pseudoParameters) {
        if (node.isTextual()) {
            return java.util.Optional.of(node.asText());
        }
        if (node.path("Ref").isTextual()) {
            return java.util.Optional.ofNullable(pseudoParameters.get(node.path("Ref").asText()));
        }
        JsonNode join = node.path("Fn::Join");
        if (join.isArray() && join.size() == 2 && join.get(0).isTextual() && join.get(1).isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : join.get(1)) {
                java.util.Optional<String> text = resolved(part, pseudoParameters);
                if (text.isEmpty()) {
                    return java.util.Optional.empty();
                }
                parts.add(text.get());
            }
            return java.util.Optional.of(String.join(join.get(0).asText(), parts));
        }
        return java.util.Optional.empty();
    }
}
