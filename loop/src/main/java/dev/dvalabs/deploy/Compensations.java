package dev.dvalabs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The properties each emulator's CloudFormation is known to ignore, applied through its API after a
 * deploy. Only resources of the stack just deployed are touched: their physical ids come from the
 * stack itself.
 */
public final class Compensations {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every compensation the deployer knows. */
    static final List<Compensation> ALL = List.of(new TimeToLive(), new FifoTopic(), new BucketVersioning());

    private Compensations() {}

    /** What is compensated on each emulator, for the compatibility page: emulator, then descriptions. */
    public static Map<String, List<String>> byEmulator() {
        return ALL.stream().flatMap(c -> c.emulators().stream().map(e -> Map.entry(e, c.resourceType() + ": " + c.describe())))
                .collect(Collectors.groupingBy(Map.Entry::getKey, java.util.TreeMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Applies what the target's emulator ignored in this stack's template; nothing on AWS. */
    public static void apply(Target target, String stackName, String template, PrintWriter out) {
        String emulator = target.emulator().orElse(null);
        if (emulator == null || ALL.stream().noneMatch(c -> c.emulators().contains(emulator))) {
            return;
        }
        JsonNode resources;
        try {
            resources = JSON.readTree(template).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<StackResourceSummary> deployed;
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            deployed = cloudFormation.listStackResourcesPaginator(r -> r.stackName(stackName)).stackResourceSummaries()
                    .stream().toList();
        }
        for (StackResourceSummary resource : deployed) {
            JsonNode declared = resources.path(resource.logicalResourceId());
            for (Compensation c : ALL) {
                if (c.emulators().contains(emulator) && c.resourceType().equals(resource.resourceType())
                        && resource.physicalResourceId() != null) {
                    c.apply(target, resource.physicalResourceId(), declared.path("Properties"));
                }
            }
        }
        out.println("Applied through the API what " + emulator + "'s CloudFormation ignores (docs/compatibility.md).");
    }

    /** Undoes, on the target's emulator, what the stack's compensations left that deleting the stack would not remove. */
    public static void beforeDelete(Target target, String stackName) {
        String emulator = target.emulator().orElse(null);
        if (emulator == null || ALL.stream().noneMatch(c -> c.emulators().contains(emulator))) {
            return;
        }
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            for (StackResourceSummary resource : cloudFormation.listStackResourcesPaginator(r -> r.stackName(stackName))
                    .stackResourceSummaries()) {
                for (Compensation c : ALL) {
                    if (c.emulators().contains(emulator) && c.resourceType().equals(resource.resourceType())
                            && resource.physicalResourceId() != null) {
                        c.beforeDelete(target, resource.physicalResourceId());
                    }
                }
            }
        }
    }

    /** ministack and moto ignore TimeToLiveSpecification on a table. */
    static final class TimeToLive implements Compensation {
        public Set<String> emulators() {
            return Set.of("ministack", "moto");
        }

        public String resourceType() {
            return "AWS::DynamoDB::Table";
        }

        public String describe() {
            return "TimeToLiveSpecification applied with UpdateTimeToLive";
        }

        public void apply(Target target, String table, JsonNode properties) {
            JsonNode ttl = properties.path("TimeToLiveSpecification");
            if (!ttl.path("Enabled").asBoolean(false) || ttl.path("AttributeName").asText("").isEmpty()) {
                return;
            }
            try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
                dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(
                        s -> s.attributeName(ttl.path("AttributeName").asText()).enabled(true)));
            }
        }

        /**
         * ministack's CloudFormation deletes a table but keeps its TTL, which the next table of that name
         * then shows as ENABLED (a starter deployed after the solution, say); switched off first, it is not
         * kept. Whether set here or by the learner, the TTL goes with the table, as on AWS.
         */
        @Override
        public void beforeDelete(Target target, String table) {
            try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
                var ttl = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
                if (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING) {
                    dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(
                            s -> s.attributeName(ttl.attributeName()).enabled(false)));
                }
            } catch (ResourceNotFoundException gone) {
                // Deleted already: nothing is kept of it.
            }
        }
    }

    /** ministack's CloudFormation makes a standard topic of one declared FifoTopic. */
    static final class FifoTopic implements Compensation {
        public Set<String> emulators() {
            return Set.of("ministack");
        }

        public String resourceType() {
            return "AWS::SNS::Topic";
        }

        public String describe() {
            return "FifoTopic (and ContentBasedDeduplication) applied with SetTopicAttributes";
        }

        public void apply(Target target, String topicArn, JsonNode properties) {
            if (!properties.path("FifoTopic").asBoolean(false)) {
                return;
            }
            try (SnsClient sns = target.client(SnsClient.builder())) {
                sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("FifoTopic").attributeValue("true"));
                if (properties.has("ContentBasedDeduplication")) {
                    sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("ContentBasedDeduplication")
                            .attributeValue(properties.path("ContentBasedDeduplication").asText()));
                }
            }
        }
    }

    /** moto ignores VersioningConfiguration on a bucket. */
    static final class BucketVersioning implements Compensation {
        public Set<String> emulators() {
            return Set.of("moto");
        }

        public String resourceType() {
            return "AWS::S3::Bucket";
        }

        public String describe() {
            return "VersioningConfiguration applied with PutBucketVersioning";
        }

        public void apply(Target target, String bucket, JsonNode properties) {
            String status = properties.path("VersioningConfiguration").path("Status").asText("");
            if (status.isEmpty()) {
                return;
            }
            try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(true))) {
                s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(status)));
            }
        }
    }
}
