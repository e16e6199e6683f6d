package dev.dvalabs.destroy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.deploy.Synthesizer;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What still stands under a name the exercise's stacks give a resource once destroy is done: the learner made
 * it by hand, as the instructions allow, so destroy never deletes it (it cannot prove it made it) but says it
 * is there, as on AWS it may bill, and how to remove it. The names come from the exercise's own templates.
 */
public final class LeftByName {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A kind of named resource: its template type, the property holding its name, how to see it and remove it. */
    private record Kind(String type, String nameProperty, String words, String removal,
                        BiPredicate<Target, String> exists) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("AWS::DynamoDB::Table", "TableName", "DynamoDB table", "labs aws dynamodb delete-table --table-name %s",
                    (t, n) -> exists(() -> { try (var c = t.client(DynamoDbClient.builder())) { c.describeTable(r -> r.tableName(n)); } })),
            new Kind("AWS::SQS::Queue", "QueueName", "SQS queue", "labs aws sqs delete-queue --queue-url \"$(labs aws sqs get-queue-url --queue-name %s --output text)\"",
                    (t, n) -> exists(() -> { try (var c = t.client(SqsClient.builder())) { c.getQueueUrl(r -> r.queueName(n)); } })),
            new Kind("AWS::SNS::Topic", "TopicName", "SNS topic", "labs aws sns delete-topic --topic-arn <the arn of %s: labs aws sns list-topics>",
                    (t, n) -> { try (var c = t.client(SnsClient.builder())) {
                        return c.listTopicsPaginator().topics().stream().anyMatch(x -> x.topicArn().endsWith(":" + n)); } }),
            new Kind("AWS::S3::Bucket", "BucketName", "S3 bucket", "labs aws s3 rb s3://%s --force",
                    (t, n) -> exists(() -> { try (var c = t.client(S3Client.builder())) { c.headBucket(r -> r.bucket(n)); } })),
            new Kind("AWS::Lambda::Function", "FunctionName", "Lambda function", "labs aws lambda delete-function --function-name %s",
                    (t, n) -> exists(() -> { try (var c = t.client(LambdaClient.builder())) { c.getFunction(r -> r.functionName(n)); } })),
            new Kind("AWS::IAM::Role", "RoleName", "IAM role", "detach its policies, then labs aws iam delete-role --role-name %s",
                    (t, n) -> exists(() -> { try (var c = t.client(IamClient.builder())) { c.getRole(r -> r.roleName(n)); } })),
            new Kind("AWS::Kinesis::Stream", "Name", "Kinesis stream", "labs aws kinesis delete-stream --stream-name %s",
                    (t, n) -> exists(() -> { try (var c = t.client(KinesisClient.builder())) { c.describeStreamSummary(r -> r.streamName(n)); } })),
            new Kind("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", "Firehose delivery stream",
                    "labs aws firehose delete-delivery-stream --delivery-stream-name %s",
                    (t, n) -> exists(() -> { try (var c = t.client(FirehoseClient.builder())) { c.describeDeliveryStream(r -> r.deliveryStreamName(n)); } })),
            new Kind("AWS::ElastiCache::ReplicationGroup", "ReplicationGroupId", "ElastiCache replication group",
                    "labs aws elasticache delete-replication-group --replication-group-id %s (the cache subnet group and security"
                            + " group you made for it next, once it is gone)",
                    (t, n) -> exists(() -> { try (var c = t.client(ElastiCacheClient.builder())) { c.describeReplicationGroups(r -> r.replicationGroupId(n)); } })),
            new Kind("AWS::ElastiCache::SubnetGroup", "CacheSubnetGroupName", "ElastiCache cache subnet group",
                    "labs aws elasticache delete-cache-subnet-group --cache-subnet-group-name %s",
                    (t, n) -> exists(() -> { try (var c = t.client(ElastiCacheClient.builder())) { c.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName(n)); } })));

    private LeftByName() {}

    /** Each resource still standing under one of the exercise's names, with how to remove it. */
    public static List<String> find(Target target, Lab lab) {
        List<String> left = new ArrayList<>();
        for (Map.Entry<Kind, Set<String>> named : names(lab, Synthesizer.kindOf(target)).entrySet()) {
            Kind kind = named.getKey();
            for (String name : named.getValue()) {
                try {
                    if (kind.exists().test(target, name)) {
                        left.add(kind.words() + " " + name + ": remove it with " + String.format(java.util.Locale.ROOT, kind.removal(), name));
                    }
                } catch (RuntimeException serviceMissing) {
                    // An emulator without the service holds nothing of it.
                }
            }
        }
        return left;
    }

    /** The literal names the starter and solution templates for this kind of target give, by kind. */
    static Map<Kind, Set<String>> names(Lab lab, TargetKind targetKind) {
        Map<Kind, Set<String>> names = new java.util.LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            JsonNode resources;
            try {
                resources = JSON.readTree(Synthesizer.template(lab, variant, targetKind)).path("Resources");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            resources.forEach(resource -> KINDS.stream().filter(k -> k.type().equals(resource.path("Type").asText()))
                    .forEach(k -> {
                        JsonNode name = resource.path("Properties").path(k.nameProperty());
                        if (name.isTextual()) {
                            names.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(name.asText());
                        }
                    }));
        }
        return names;
    }

    private static boolean exists(Runnable describe) {
        try {
            describe.run();
            return true;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 || e.statusCode() == 404) {
                return false; // not there, in each service's words
            }
            throw e;
        }
    }
}
