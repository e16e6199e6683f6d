package dev.dvalabs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource's physical name as a template gives it: a string, or one CloudFormation builds from strings
 * and the pseudo parameters AWS::AccountId and AWS::Region with Fn::Join or Fn::Sub (as a bucket name
 * made unique per account and region is). Anything else (a reference to another resource, a parameter)
 * CloudFormation alone knows, and cannot be a name the learner chose: empty.
 */
final class PhysicalName {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Supplier<String> account;
    private final String region;

    /** @param account the target's account id, asked for only when a name needs it */
    PhysicalName(Supplier<String> account, String region) {
        this.account = account;
        this.region = region;
    }

    Optional<String> of(JsonNode name) {
        if (name.isTextual()) {
            return Optional.of(name.asText());
        }
        if (name.isObject() && name.size() == 1) {
            if (name.has("Ref")) {
                return pseudo(name.path("Ref").asText());
            }
            if (name.has("Fn::Join")) {
                return join(name.path("Fn::Join"));
            }
            if (name.has("Fn::Sub") && name.path("Fn::Sub").isTextual()) {
                return sub(name.path("Fn::Sub").asText());
            }
        }
        return Optional.empty();
    }

    private Optional<String> join(JsonNode join) {
        if (!join.isArray() || join.size() != 2 || !join.get(0).isTextual() || !join.get(1).isArray()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : join.get(1)) {
            Optional<String> value = of(part);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            parts.add(value.get());
        }
        return Optional.of(String.join(join.get(0).asText(), parts));
    }

    private Optional<String> sub(String template) {
        Matcher variable = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            Optional<String> value = pseudo(variable.group(1));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        variable.appendTail(out);
        return Optional.of(out.toString().replace("${!", "${"));
    }

    private Optional<String> pseudo(String parameter) {
        return switch (parameter) {
            case "AWS::AccountId" -> Optional.of(account.get());
            case "AWS::Region" -> Optional.of(region);
            default -> Optional.empty();
        };
    }
}
