package dev.dvalabs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The properties each emulator's CloudFormation is known to ignore, applied through its API after a
 * deploy. Only resources of the stack just deployed are touched: their physical ids come from the
 * stack itself.
 */
public final class Compensations {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every compensation the deployer knows. */
    static final List<Compensation> ALL = List.of(new TimeToLive(), new FifoTopic(), new BucketVersioning(),
            new SqsSubscription(), new QueuePolicy(), new StreamEncryption(), new KeyTags(), new KeyPolicy(), new RoleInlinePolicies());

    private Compensations() {}

    /** What is compensated on each emulator, for the compatibility page: emulator, then descriptions. */
    public static Map<String, List<String>> byEmulator() {
        return ALL.stream().flatMap(c -> c.emulators().stream().map(e -> Map.entry(e, c.resourceType() + ": " + c.describe())))
                .collect(Collectors.groupingBy(Map.Entry::getKey, java.util.TreeMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /**
     * The template to send to the target: on an emulator whose CloudFormation fails on a property its API
     * takes, with that property left out or stood in for ({@link #apply} then sets it); unchanged elsewhere.
     */
    public static String withholding(Target target, String template) {
        Optional<String> emulator = target.emulator();
        List<Compensation> withholding = emulator.map(e -> ALL.stream()
                .filter(c -> c.emulators().contains(e) && !c.withheld().isEmpty()).toList()).orElse(List.of());
        if (withholding.isEmpty()) {
            return template;
        }
        try {
            JsonNode root = JSON.readTree(template);
            boolean changed = false;
            for (JsonNode resource : root.path("Resources")) {
                for (Compensation c : withholding) {
                    if (c.resourceType().equals(resource.path("Type").asText())
                            && resource.path("Properties") instanceof ObjectNode properties) {
                        for (Map.Entry<String, JsonNode> withheld : c.withheld().entrySet()) {
                            if (properties.has(withheld.getKey())) {
                                if (withheld.getValue().isNull()) {
                                    properties.remove(withheld.getKey());
                                } else {
                                    properties.set(withheld.getKey(), withheld.getValue());
                                }
                                changed = true;
                            }
                        }
                    }
                }
            }
            return changed ? JSON.writeValueAsString(root) : template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        Map<String, String> physicalIds = deployed.stream()
                .filter(r -> r.physicalResourceId() != null && !r.physicalResourceId().isEmpty() && !r.logicalResourceId().isEmpty())
                .collect(Collectors.toMap(StackResourceSummary::logicalResourceId, StackResourceSummary::physicalResourceId));
        for (Map.Entry<String, JsonNode> declared : resources.properties()) {
            String physicalId = physicalIds.get(declared.getKey());
            String type = declared.getValue().path("Type").asText();
            for (Compensation c : ALL) {
                if (c.emulators().contains(emulator) && c.resourceType().equals(type)
                        && (c.createsSkipped() ? physicalId == null : physicalId != null)) {
                    c.apply(target, physicalId, declared.getValue().path("Properties"), physicalIds);
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

        public void apply(Target target, String table, JsonNode properties, Map<String, String> physicalIds) {
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

        public void apply(Target target, String topicArn, JsonNode properties, Map<String, String> physicalIds) {
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

    /** ministack's CloudFormation makes a Kinesis stream unencrypted whatever its StreamEncryption says. */
    static final class StreamEncryption implements Compensation {
        public Set<String> emulators() {
            return Set.of("ministack");
        }

        public String resourceType() {
            return "AWS::Kinesis::Stream";
        }

        public String describe() {
            return "StreamEncryption applied with StartStreamEncryption";
        }

        public void apply(Target target, String stream, JsonNode properties, Map<String, String> physicalIds) {
            JsonNode encryption = properties.path("StreamEncryption");
            if (encryption.path("EncryptionType").asText("").isEmpty()) {
                return;
            }
            try (KinesisClient kinesis = target.client(KinesisClient.builder())) {
                kinesis.startStreamEncryption(r -> r.streamName(stream).encryptionType(encryption.path("EncryptionType").asText())
                        .keyId(encryption.path("KeyId").asText()));
            }
        }
    }

    /**
     * moto's CloudFormation fails on a KMS key's Tags (its KMS backend reads them as TagKey and TagValue,
     * a KeyError answered as HTTP 500), while its TagResource takes them; the toolkit's tags on the key
     * are what destroy's sweep and the look-alike check read.
     */
    static final class KeyTags implements Compensation {
        public Set<String> emulators() {
            return Set.of("moto");
        }

        public String resourceType() {
            return "AWS::KMS::Key";
        }

        public String describe() {
            return "Tags left out of the template sent (its CloudFormation fails on them) and applied with TagResource";
        }

        @Override
        public Map<String, JsonNode> withheld() {
            return Map.of("Tags", NullNode.getInstance());
        }

        public void apply(Target target, String keyId, JsonNode properties, Map<String, String> physicalIds) {
            List<software.amazon.awssdk.services.kms.model.Tag> tags = new java.util.ArrayList<>();
            properties.path("Tags").forEach(t -> tags.add(software.amazon.awssdk.services.kms.model.Tag.builder()
                    .tagKey(t.path("Key").asText()).tagValue(t.path("Value").asText()).build()));
            if (tags.isEmpty()) {
                return;
            }
            try (KmsClient kms = target.client(KmsClient.builder())) {
                kms.tagResource(r -> r.keyId(keyId).tags(tags));
            }
        }
    }

    /**
     * moto's CloudFormation keeps a KMS key's KeyPolicy as an object where its KMS expects the policy's
     * text, and then answers 500 to every call on the key; its PutKeyPolicy takes the text. The policy's
     * principals are the stack's roles (Fn::GetAtt Arn of a role's name) and the account.
     */
    static final class KeyPolicy implements Compensation {
        public Set<String> emulators() {
            return Set.of("moto");
        }

        public String resourceType() {
            return "AWS::KMS::Key";
        }

        public String describe() {
            return "KeyPolicy sent as the default policy's text (its CloudFormation stores a policy object so that every call"
                    + " on the key fails) and applied with PutKeyPolicy";
        }

        /** In its place, the policy AWS gives a key by default, as text (Fn::Sub makes text), which moto can read. */
        @Override
        public Map<String, JsonNode> withheld() {
            return Map.of("KeyPolicy", JSON.createObjectNode().put("Fn::Sub", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:${AWS::Partition}:iam::${AWS::AccountId}:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"));
        }

        public void apply(Target target, String keyId, JsonNode properties, Map<String, String> physicalIds) {
            if (!properties.path("KeyPolicy").isObject()) {
                return;
            }
            try (IamClient iam = target.client(IamClient.builder()); KmsClient kms = target.client(KmsClient.builder())) {
                JsonNode policy = Intrinsics.resolve(target, properties.path("KeyPolicy"), physicalIds,
                        role -> role.startsWith("arn:") ? role : iam.getRole(r -> r.roleName(role)).role().arn());
                kms.putKeyPolicy(r -> r.keyId(keyId).policyName("default").policy(policy.toString()));
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

        public void apply(Target target, String bucket, JsonNode properties, Map<String, String> physicalIds) {
            String status = properties.path("VersioningConfiguration").path("Status").asText("");
            if (status.isEmpty()) {
                return;
            }
            try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(true))) {
                s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(status)));
            }
        }
    }

    /** moto's CloudFormation skips AWS::SNS::Subscription: the stack's queues are never subscribed. */
    static final class SqsSubscription implements Compensation {
        public Set<String> emulators() {
            return Set.of("moto");
        }

        public String resourceType() {
            return "AWS::SNS::Subscription";
        }

        public boolean createsSkipped() {
            return true;
        }

        public String describe() {
            return "the subscription (Protocol, Endpoint, FilterPolicy, FilterPolicyScope, RawMessageDelivery,"
                    + " RedrivePolicy) created with Subscribe; it goes with its topic";
        }

        public void apply(Target target, String physicalId, JsonNode properties, Map<String, String> physicalIds) {
            JsonNode resolved = Intrinsics.resolve(target, properties, physicalIds);
            Map<String, String> attributes = new java.util.LinkedHashMap<>();
            for (String name : List.of("FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy",
                    "DeliveryPolicy", "SubscriptionRoleArn")) {
                JsonNode value = resolved.path(name);
                if (!value.isMissingNode()) {
                    attributes.put(name, value.isContainerNode() ? value.toString() : value.asText());
                }
            }
            try (SnsClient sns = target.client(SnsClient.builder())) {
                sns.subscribe(r -> r.topicArn(resolved.path("TopicArn").asText()).protocol(resolved.path("Protocol").asText())
                        .endpoint(resolved.path("Endpoint").asText()).attributes(attributes));
            }
        }
    }

    /** moto's CloudFormation skips AWS::SQS::QueuePolicy: the stack's queues carry no policy. */
    static final class QueuePolicy implements Compensation {
        public Set<String> emulators() {
            return Set.of("moto");
        }

        public String resourceType() {
            return "AWS::SQS::QueuePolicy";
        }

        public boolean createsSkipped() {
            return true;
        }

        public String describe() {
            return "PolicyDocument set on each of its Queues with SetQueueAttributes Policy; it goes with the queue";
        }

        public void apply(Target target, String physicalId, JsonNode properties, Map<String, String> physicalIds) {
            JsonNode resolved = Intrinsics.resolve(target, properties, physicalIds);
            String policy = resolved.path("PolicyDocument").toString();
            try (SqsClient sqs = target.client(SqsClient.builder())) {
                for (JsonNode queueUrl : resolved.path("Queues")) {
                    sqs.setQueueAttributes(r -> r.queueUrl(queueUrl.asText()).attributes(Map.of(QueueAttributeName.POLICY, policy)));
                }
            }
        }
    }

    /**
     * moto's CloudFormation keeps a role's inline policies as Python's text of the document (single quotes), which no
     * JSON reader, IAM's included, reads: each is put again through PutRolePolicy as the JSON the template says.
     */
    static final class RoleInlinePolicies implements Compensation {
        public Set<String> emulators() {
            return Set.of("moto");
        }

        public String resourceType() {
            return "AWS::IAM::Role";
        }

        public String describe() {
            return "Policies put again with PutRolePolicy as JSON (moto keeps Python's text of each document)";
        }

        public void apply(Target target, String physicalId, JsonNode properties, Map<String, String> physicalIds) {
            JsonNode resolved = Intrinsics.resolve(target, properties.path("Policies"), physicalIds, id -> tableArnOf(target, id));
            try (IamClient iam = target.client(IamClient.builder())) {
                for (JsonNode policy : resolved) {
                    iam.putRolePolicy(r -> r.roleName(physicalId).policyName(policy.path("PolicyName").asText())
                            .policyDocument(policy.path("PolicyDocument").toString()));
                }
            }
        }

        /** A table's physical id is its name, whose ARN DynamoDB gives; any other resource's is taken as it is. */
        private static String tableArnOf(Target target, String physicalId) {
            try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
                return dynamo.describeTable(r -> r.tableName(physicalId)).table().tableArn();
            } catch (ResourceNotFoundException e) {
                return physicalId;
            }
        }
    }

    /**
     * The intrinsic functions a compensated property uses to name the stack's other resources and the
     * account: {@code Ref} (a queue's URL, a topic's ARN, or AWS::Partition, AWS::AccountId, AWS::Region),
     * {@code Fn::GetAtt [resource, Arn]} and {@code Fn::Join} of those. Any other function is left as it
     * is, and the API call that gets it refuses it.
     */
    static final class Intrinsics {
        private Intrinsics() {}

        static JsonNode resolve(Target target, JsonNode node, Map<String, String> physicalIds) {
            return resolve(target, node, physicalIds, id -> queueArnOf(target, id));
        }

        /** @param arnOf the ARN of a resource of the stack from its physical id, for Fn::GetAtt Arn */
        static JsonNode resolve(Target target, JsonNode node, Map<String, String> physicalIds, UnaryOperator<String> arnOf) {
            if (node.isObject() && node.size() == 1 && node.has("Ref")) {
                String ref = node.get("Ref").asText();
                Optional<String> value = physicalIds.containsKey(ref) ? Optional.of(physicalIds.get(ref)) : pseudo(target, ref);
                return value.<JsonNode>map(JSON.getNodeFactory()::textNode).orElse(node);
            }
            if (node.isObject() && node.size() == 1 && node.has("Fn::GetAtt") && "Arn".equals(node.get("Fn::GetAtt").path(1).asText())
                    && physicalIds.containsKey(node.get("Fn::GetAtt").path(0).asText())) {
                return JSON.getNodeFactory().textNode(arnOf.apply(physicalIds.get(node.get("Fn::GetAtt").path(0).asText())));
            }
            if (node.isObject() && node.size() == 1 && node.has("Fn::Join") && node.get("Fn::Join").path(1).isArray()) {
                List<String> parts = new java.util.ArrayList<>();
                for (JsonNode part : node.get("Fn::Join").get(1)) {
                    JsonNode value = resolve(target, part, physicalIds, arnOf);
                    if (!value.isTextual()) {
                        return node;
                    }
                    parts.add(value.asText());
                }
                return JSON.getNodeFactory().textNode(String.join(node.get("Fn::Join").get(0).asText(), parts));
            }
            if (node.isObject()) {
                ObjectNode copy = JSON.createObjectNode();
                node.properties().forEach(e -> copy.set(e.getKey(), resolve(target, e.getValue(), physicalIds, arnOf)));
                return copy;
            }
            if (node.isArray()) {
                com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
                node.forEach(e -> copy.add(resolve(target, e, physicalIds, arnOf)));
                return copy;
            }
            return node;
        }

        private static Optional<String> pseudo(Target target, String parameter) {
            return switch (parameter) {
                case "AWS::Partition" -> Optional.of("aws");
                case "AWS::Region" -> Optional.of(target.region().id());
                case "AWS::AccountId" -> {
                    try (StsClient sts = target.client(StsClient.builder())) {
                        yield Optional.of(sts.getCallerIdentity().account());
                    }
                }
                default -> Optional.empty();
            };
        }

        /** A queue's physical id is its URL, whose ARN SQS gives; a topic's is its ARN already. */
        private static String queueArnOf(Target target, String physicalId) {
            if (!physicalId.startsWith("http")) {
                return physicalId;
            }
            try (SqsClient sqs = target.client(SqsClient.builder())) {
                return sqs.getQueueAttributes(r -> r.queueUrl(physicalId).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
            }
        }
    }
}
