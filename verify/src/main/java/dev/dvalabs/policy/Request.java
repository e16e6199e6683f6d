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

    /**
     * A service principal assuming a role ({@code sts:AssumeRole} on the role's ARN), carrying the
     * context that service supplies (the account id as sts:ExternalId for Firehose, and so on); what
     * only the service knows at that moment is {@link #unknown}, until {@link #with} sets it.
     */
    public static Request assumeRole(String servicePrincipal, String roleArn) {
        return of(Caller.service(servicePrincipal), "sts:AssumeRole", roleArn);
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
     * explicit value, some keys come from the caller because AWS always sets them: aws:PrincipalArn,
     * aws:PrincipalAccount and kms:CallerAccount; aws:username, aws:PrincipalType and, where the ARN
     * tells it, aws:userid as "IAM policy elements: Variables and tags" tabulates them by principal;
     * aws:PrincipalServiceName for a service; and, for a service assuming a role, what that service
     * supplies and the role tells.
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
            if (key.equalsIgnoreCase("aws:username")) {
                return aws.userName().map(List::of).orElse(List.of());
            }
            if (key.equalsIgnoreCase("aws:PrincipalType")) {
                return List.of(aws.type());
            }
            if (key.equalsIgnoreCase("aws:userid")) {
                return aws.userId().map(List::of).orElse(List.of());
            }
        }
        if (caller instanceof Caller.Anonymous) {
            if (key.equalsIgnoreCase("aws:PrincipalType")) {
                return List.of("Anonymous");
            }
            if (key.equalsIgnoreCase("aws:userid")) {
                return List.of("anonymous");
            }
        }
        if (caller instanceof Caller.Service service) {
            if (key.equalsIgnoreCase("aws:PrincipalServiceName")) {
                return List.of(service.name());
            }
            return ServiceContext.value(this, key).map(List::of).orElse(List.of());
        }
        return List.of();
    }

    /**
     * The condition keys the caller supplies whose values this request cannot tell, each with what it
     * holds in words: for a service assuming a role, the ARN of the resource it acts for, and so on.
     * {@link Policies#decide} counts them absent; {@link Policies#judge} says what depends on them.
     */
    public Map<String, String> unknown() {
        Map<String, String> unknown = ServiceContext.unknown(this);
        unknown.keySet().removeIf(context::containsKey);
        return unknown;
    }

    /** The account that owns the resource, when its ARN names one (S3 bucket ARNs do not). */
    String resourceAccount() {
        return accountOf(resource);
    }

    static String accountOf(String arn) {
        String[] segments = arn.split(":", 6);
        return segments.length == 6 && !segments[4].isEmpty() ? segments[4] : null;
    }
}
