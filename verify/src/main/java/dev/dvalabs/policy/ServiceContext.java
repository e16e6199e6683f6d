package dev.dvalabs.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an AWS service puts in the request context when it assumes a role (sts:AssumeRole), so that a
 * trust policy's conditions are judged against what that service really sends. Each entry cites the
 * AWS page it comes from. A key the service supplies has either a value the role itself tells (its
 * account) or one only the service knows at that moment (the ARN of the resource it acts for), which
 * is unknown here. The source keys of a service the table does not list are unknown as well: AWS sets
 * them "only when a service principal acts on behalf of a resource", and documents per service whether
 * it does when assuming a role.
 */
final class ServiceContext {

    /** One key a service supplies: what it holds in words, and its value when the role's ARN tells it. */
    record Supplied(String key, String as, Function<String, Optional<String>> fromRole) {}

    private record Service(String principal, String source, List<Supplied> keys) {}

    /** The account of the role being assumed: a service assumes only roles of the account it works in. */
    private static final Function<String, Optional<String>> ROLE_ACCOUNT = role -> Optional.ofNullable(Request.accountOf(role));
    private static final Function<String, Optional<String>> NOT_FROM_ROLE = role -> Optional.empty();

    private static final List<Service> SERVICES = List.of(
            // "Allow Firehose to assume an IAM role" gives the trust policy with StringEquals sts:ExternalId
            // "account-id"; CloudWatch Logs' "Step 1: Create a Firehose delivery stream" gives the same.
            new Service("firehose.amazonaws.com",
                    "https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#firehose-assume-role, "
                            + "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateFirehoseStream.html",
                    List.of(new Supplied("sts:ExternalId", "the account id of the Firehose stream", ROLE_ACCOUNT))),
            new Service("sms-voice.amazonaws.com",
                    "https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-kinesis-creating-role.html",
                    List.of(new Supplied("aws:SourceAccount", "the account of the configuration set", ROLE_ACCOUNT),
                            new Supplied("aws:SourceArn", "the ARN of the configuration set "
                                    + "(arn:aws:sms-voice:REGION:ACCOUNT:configuration-set/NAME)", NOT_FROM_ROLE))),
            new Service("personalize.amazonaws.com",
                    "https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html",
                    List.of(new Supplied("aws:SourceAccount", "the account of the Amazon Personalize resource", ROLE_ACCOUNT),
                            new Supplied("aws:SourceArn", "the ARN of the Amazon Personalize resource "
                                    + "(arn:aws:personalize:REGION:ACCOUNT:...)", NOT_FROM_ROLE))));

    /**
     * The keys any service may supply when it acts for a resource, from "AWS global condition context
     * keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and
     * "The confused deputy problem" (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html),
     * which also gives sts:ExternalId as what a deputy inserts into its AssumeRole call.
     */
    private static final List<String> SOURCE_KEYS = List.of("aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
            "aws:SourceOrgPaths", "sts:ExternalId");

    private ServiceContext() {}

    /** Whether the request is a service assuming a role, the case this table is about. */
    static boolean applies(Request request) {
        return request.caller() instanceof Caller.Service && request.action().equalsIgnoreCase("sts:AssumeRole");
    }

    /** The value the service supplies for the key, when the role tells it. */
    static Optional<String> value(Request request, String key) {
        return supplied(request).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).findFirst()
                .flatMap(e -> e.getValue().fromRole().apply(request.resource()));
    }

    /**
     * The keys the service may supply whose value is unknown here, each with a clause saying what it
     * holds: "which firehose.amazonaws.com supplies as ...".
     */
    static Map<String, String> unknown(Request request) {
        Map<String, String> unknown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        supplied(request).forEach((key, s) -> {
            if (s.fromRole().apply(request.resource()).isEmpty()) {
                unknown.put(key, s.as());
            }
        });
        return unknown;
    }

    private static Map<String, Supplied> supplied(Request request) {
        Map<String, Supplied> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!applies(request)) {
            return keys;
        }
        String principal = ((Caller.Service) request.caller()).name().toLowerCase(Locale.ROOT);
        for (String key : SOURCE_KEYS) {
            keys.put(key, new Supplied(key, "which " + principal + " may supply when it acts for a resource"
                    + " (AWS documents per service whether it does; this evaluator's table does not say)", NOT_FROM_ROLE));
        }
        SERVICES.stream().filter(s -> s.principal().equals(principal)).findFirst()
                .ifPresent(s -> s.keys().forEach(k -> keys.put(k.key(),
                        new Supplied(k.key(), "which " + principal + " supplies as " + k.as(), k.fromRole()))));
        return keys;
    }
}
