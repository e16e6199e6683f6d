package dev.dvalabs.exercises.kinesisstreamsfirehose;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.Request;
import dev.dvalabs.policy.Verdict;
import dev.dvalabs.probe.DeliveryStream;
import dev.dvalabs.probe.Iam;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceDescription;

/**
 * What Firehose may not do through the roles a delivery stream names, judged from the roles' trust and
 * identity policies with the toolkit's evaluator: an emulator enforces no IAM, so only the policies can
 * show that on AWS Firehose could assume the role, read the stream, write the bucket and run the function.
 */
final class DeliveryRoles {

    static final String FIREHOSE = "firehose.amazonaws.com";
    /** What Firehose calls to read a stream (the Firehose developer guide's policy for a Kinesis source). */
    static final List<String> READ_STREAM = List.of("kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords");

    /** A role's trust policy and its identity policies (inline and attached), as IAM holds them. */
    record RoleDocuments(String arn, String trust, List<String> policies) {}

    private DeliveryRoles() {}

    /** The roles the delivery stream names, read from IAM. */
    static List<RoleDocuments> read(Iam iam, DeliveryStream delivery) {
        List<RoleDocuments> roles = new ArrayList<>();
        for (String arn : arns(delivery)) {
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            roles.add(new RoleDocuments(arn, iam.trustPolicy(name), iam.rolePolicies(name)));
        }
        return List.copyOf(roles);
    }

    private static Set<String> arns(DeliveryStream delivery) {
        Set<String> arns = new LinkedHashSet<>();
        KinesisStreamSourceDescription source = source(delivery);
        if (source != null && source.roleARN() != null) {
            arns.add(source.roleARN());
        }
        ExtendedS3DestinationDescription s3 = delivery.s3().orElse(null);
        if (s3 != null && s3.roleARN() != null) {
            arns.add(s3.roleARN());
        }
        return arns;
    }

    /** Each thing Firehose needs and may not do, in a line; empty when the roles let it do all. */
    static List<String> refused(DeliveryStream delivery, List<RoleDocuments> roles) {
        Map<String, RoleDocuments> byArn = roles.stream().collect(Collectors.toMap(RoleDocuments::arn, r -> r, (a, b) -> a));
        List<String> refused = new ArrayList<>();
        KinesisStreamSourceDescription source = source(delivery);
        if (source != null) {
            needs(refused, byArn, source.roleARN(), "the source", READ_STREAM, List.of(source.kinesisStreamARN()));
        }
        ExtendedS3DestinationDescription s3 = delivery.s3().orElse(null);
        if (s3 != null) {
            // An object under the prefix stands for all Firehose writes; a policy scoped to the prefix is enough.
            String prefix = s3.prefix() == null ? "" : s3.prefix();
            needs(refused, byArn, s3.roleARN(), "the destination", List.of("s3:PutObject"),
                    List.of(s3.bucketARN() + "/" + prefix + "2026/01/01/00/object"));
            needs(refused, byArn, s3.roleARN(), "the destination", List.of("lambda:InvokeFunction"), delivery.functionArns());
        }
        return refused.stream().distinct().toList();
    }

    private static void needs(List<String> refused, Map<String, RoleDocuments> roles, String arn, String whose,
                              List<String> actions, List<String> resources) {
        if (arn == null || arn.isEmpty()) {
            refused.add(whose + " names no role");
            return;
        }
        RoleDocuments role = roles.get(arn);
        if (role == null) {
            refused.add("role " + arn + " of " + whose + " does not exist");
            return;
        }
        // Firehose assumes the role with the context it supplies (the account id as sts:ExternalId): AWS's own
        // CloudWatch Logs guide conditions the trust policy on exactly that.
        Verdict trust = Policies.of(role.trust()).judge(Request.assumeRole(FIREHOSE, arn));
        if (!trust.allowed()) {
            refused.add(trust.sentence(FIREHOSE, "assume " + arn));
        }
        Policies identity = Policies.identityOnly().withIdentity(role.policies());
        for (String resource : resources) {
            for (String action : actions) {
                if (!identity.decide(Request.of(Caller.aws(arn), action, resource)).allowed()) {
                    refused.add(arn + " may not " + action + " on " + resource);
                }
            }
        }
    }

    private static KinesisStreamSourceDescription source(DeliveryStream delivery) {
        return delivery.kinesisSource().orElse(null);
    }
}
