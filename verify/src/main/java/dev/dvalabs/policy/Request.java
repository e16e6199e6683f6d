package dev.dvalabs.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request to decide: who calls, the action ({@code sqs:SendMessage}), the resource ARN, and the
 * request context, condition keys to their values. Condition key names are case-insensitive, as in IAM.
 */
public record Request(Caller caller, String action, String resource, Map<String, List<String>> context) {

    public Request {
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.forEach((key, values) -> keys.put(key, List.copyOf(values)));
        context = Collections.unmodifiableMap(keys);
    }

    public static Request of(Caller caller, String action, String resource) {
        return new Request(caller, action, resource, Map.of());
    }

    /** This request with a condition key set; more than one value makes it a multivalued key. */
    public Request with(String key, String... values) {
        Map<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(context);
        more.put(key, List.of(values));
        return new Request(caller, action, resource, more);
    }

    /**
     * The values the request carries for a condition key, empty when it carries none. Without an
     * explicit value, aws:PrincipalArn, aws:PrincipalAccount, kms:CallerAccount and
     * aws:PrincipalServiceName come from the caller, because AWS always sets them.
     */
    public List<String> values(String key) {
        List<String> explicit = context.get(key);
        if (explicit != null) {
            return explicit;
        }
        if (caller instanceof Caller.Aws aws) {
            if (key.equalsIgnoreCase("aws:PrincipalArn")) {
                return List.of(aws.principalArn());
            }
            if (key.equalsIgnoreCase("aws:PrincipalAccount") || key.equalsIgnoreCase("kms:CallerAccount")) {
                return List.of(aws.account());
            }
        }
        if (caller instanceof Caller.Service service && key.equalsIgnoreCase("aws:PrincipalServiceName")) {
            return List.of(service.name());
        }
        return List.of();
    }

    /** The account that owns the resource, when its ARN names one (S3 bucket ARNs do not). */
    String resourceAccount() {
        String[] segments = resource.split(":", 6);
        return segments.length == 6 && !segments[4].isEmpty() ? segments[4] : null;
    }
}
