package dev.dvalabs.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.PythonHandlers;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Every sweeper reads a resource's own tags, which Teardown checks right before it deletes. */
@ExtendWith(LocalEmulatorExtension.class)
class SweeperTagsTest {

    /** Creates a resource of the sweeper's service, tagged as given, and returns its ARN. */
    interface Create extends BiFunction<LocalEmulator, Map<String, String>, String> {}

    static Stream<Arguments> sweepers() {
        return Stream.of(
                Arguments.of(new ApiGatewaySweeper(), (Create) (t, tags) -> {
                    try (ApiGatewayClient api = t.client(ApiGatewayClient.builder())) {
                        return arn(t, "restapis/" + api.createRestApi(r -> r.name("sweeper-tags").tags(tags)).id());
                    }
                }),
                Arguments.of(new ApiGatewaySweeper(), (Create) (t, tags) -> {
                    try (ApiGatewayClient api = t.client(ApiGatewayClient.builder())) {
                        return arn(t, "usageplans/" + api.createUsagePlan(r -> r.name("sweeper-tags").tags(tags)).id());
                    }
                }),
                Arguments.of(new ApiGatewaySweeper(), (Create) (t, tags) -> {
                    try (ApiGatewayClient api = t.client(ApiGatewayClient.builder())) {
                        return arn(t, "apikeys/" + api.createApiKey(r -> r.name("sweeper-tags").tags(tags)).id());
                    }
                }),
                Arguments.of(new DynamoDbSweeper(), (Create) (t, tags) -> {
                    try (DynamoDbClient dynamo = t.client(DynamoDbClient.builder())) {
                        return dynamo.createTable(r -> r.tableName("sweeper-tags-" + tags.size()).billingMode("PAY_PER_REQUEST")
                                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                                        .key(e.getKey()).value(e.getValue()).build()).toList()))
                                .tableDescription().tableArn();
                    }
                }),
                Arguments.of(new SqsSweeper(), (Create) (t, tags) -> {
                    try (SqsClient sqs = t.client(SqsClient.builder())) {
                        String url = sqs.createQueue(r -> r.queueName("sweeper-tags-" + tags.size()).tags(tags)).queueUrl();
                        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                                .attributesAsStrings().get("QueueArn");
                    }
                }),
                Arguments.of(new SnsSweeper(), (Create) (t, tags) -> {
                    try (SnsClient sns = t.client(SnsClient.builder())) {
                        return sns.createTopic(r -> r.name("sweeper-tags-" + tags.size()).tags(tags.entrySet().stream()
                                .map(e -> software.amazon.awssdk.services.sns.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                .toList())).topicArn();
                    }
                }),
                Arguments.of(new KmsSweeper(), (Create) (t, tags) -> {
                    try (KmsClient kms = t.client(KmsClient.builder())) {
                        return kms.createKey(r -> r.tags(tags.entrySet().stream()
                                .map(e -> software.amazon.awssdk.services.kms.model.Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build())
                                .toList())).keyMetadata().arn();
                    }
                }),
                Arguments.of(new IamSweeper(), (Create) (t, tags) -> {
                    try (IamClient iam = t.client(IamClient.builder())) {
                        return iam.createRole(r -> r.roleName("sweeper-tags-" + tags.size())
                                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                                .tags(tags.entrySet().stream()
                                        .map(e -> software.amazon.awssdk.services.iam.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                        .toList())).role().arn();
                    }
                }),
                Arguments.of(new LambdaSweeper(), (Create) (t, tags) -> {
                    try (LambdaClient lambda = t.client(LambdaClient.builder())) {
                        return lambda.createFunction(r -> r.functionName("sweeper-tags-" + tags.size()).runtime("python3.12")
                                .role("arn:aws:iam::000000000000:role/sweeper-tags").handler("index.handler")
                                .code(c -> c.zipFile(PythonHandlers.zip(PythonHandlers.ECHO))).tags(tags)).functionArn();
                    }
                }),
                Arguments.of(new LogsSweeper(), (Create) (t, tags) -> {
                    try (CloudWatchLogsClient logs = t.client(CloudWatchLogsClient.builder())) {
                        String group = "/sweeper-tags/" + tags.size();
                        logs.createLogGroup(r -> r.logGroupName(group).tags(tags.isEmpty() ? null : tags));
                        return logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0).arn();
                    }
                }),
                Arguments.of(new KinesisSweeper(), (Create) (t, tags) -> {
                    try (KinesisClient kinesis = t.client(KinesisClient.builder())) {
                        String name = "sweeper-tags-" + tags.size();
                        kinesis.createStream(r -> r.streamName(name).shardCount(1));
                        if (!tags.isEmpty()) {
                            kinesis.addTagsToStream(r -> r.streamName(name).tags(tags));
                        }
                        return kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
                    }
                }),
                Arguments.of(new FirehoseSweeper(), (Create) (t, tags) -> {
                    try (FirehoseClient firehose = t.client(FirehoseClient.builder())) {
                        return firehose.createDeliveryStream(r -> r.deliveryStreamName("sweeper-tags-" + tags.size())
                                .deliveryStreamType("DirectPut").tags(tags.entrySet().stream()
                                        .map(e -> software.amazon.awssdk.services.firehose.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                        .toList())).deliveryStreamARN();
                    }
                }),
                Arguments.of(new SesSweeper(), (Create) (t, tags) -> {
                    try (SesV2Client ses = t.client(SesV2Client.builder())) {
                        String identity = "sweeper-tags-" + tags.size() + "@example.com";
                        ses.createEmailIdentity(r -> r.emailIdentity(identity).tags(sesTags(tags)));
                        return sesArn(t, "identity/" + identity);
                    }
                }),
                Arguments.of(new SesSweeper(), (Create) (t, tags) -> {
                    try (SesV2Client ses = t.client(SesV2Client.builder())) {
                        String set = "sweeper-tags-" + tags.size();
                        ses.createConfigurationSet(r -> r.configurationSetName(set).tags(sesTags(tags)));
                        return sesArn(t, "configuration-set/" + set);
                    }
                }),
                Arguments.of(new Ec2Sweeper(), (Create) (t, tags) -> {
                    try (Ec2Client ec2 = t.client(Ec2Client.builder())) {
                        software.amazon.awssdk.services.ec2.model.Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.9" + tags.size() + ".0.0/16")
                                .tagSpecifications(spec -> spec.resourceType("vpc").tags(tags.entrySet().stream()
                                        .map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                        .toList()))).vpc();
                        return "arn:aws:ec2:" + t.region().id() + ":" + vpc.ownerId() + ":vpc/" + vpc.vpcId();
                    }
                }),
                Arguments.of(new S3Sweeper(), (Create) (t, tags) -> {
                    try (S3Client s3 = t.client(S3Client.builder().forcePathStyle(true))) {
                        String bucket = "sweeper-tags-" + tags.size();
                        s3.createBucket(r -> r.bucket(bucket));
                        if (!tags.isEmpty()) {
                            s3.putBucketTagging(r -> r.bucket(bucket).tagging(g -> g.tagSet(tags.entrySet().stream()
                                    .map(e -> software.amazon.awssdk.services.s3.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                    .toList())));
                        }
                        return "arn:aws:s3:::" + bucket;
                    }
                }));
    }

    private static String arn(LocalEmulator target, String path) {
        return "arn:aws:apigateway:" + target.region().id() + "::/" + path;
    }

    private static java.util.List<software.amazon.awssdk.services.sesv2.model.Tag> sesTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> software.amazon.awssdk.services.sesv2.model.Tag.builder()
                .key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String sesArn(LocalEmulator target, String resource) {
        try (StsClient sts = target.client(StsClient.builder())) {
            return "arn:aws:ses:" + target.region().id() + ":" + sts.getCallerIdentity().account() + ":" + resource;
        }
    }

    @ParameterizedTest(name = "{0}: the resource's own tags, none for an untagged one, and empty once it is deleted")
    @MethodSource("sweepers")
    void readsTheResourcesOwnTags(Sweeper sweeper, Create create, LocalEmulator emulator) {
        String tagged = create.apply(emulator, Map.of("dva-labs:exercise", "sweeper-tags"));
        String untagged = create.apply(emulator, Map.of());

        assertThat(sweeper.tags(emulator, tagged)).hasValueSatisfying(tags ->
                assertThat(ResourceTags.marks(tags, "sweeper-tags")).as(tags.toString()).isTrue());
        assertThat(sweeper.tags(emulator, untagged)).hasValueSatisfying(tags ->
                assertThat(ResourceTags.marks(tags, "sweeper-tags")).as(tags.toString()).isFalse());

        assertThat(sweeper.delete(emulator, tagged).removed()).isTrue();
        assertThat(sweeper.delete(emulator, untagged).removed()).isTrue();
        if (!(sweeper instanceof KmsSweeper)) {
            // KMS keeps a key pending deletion for 7 days, tags and all.
            assertThat(sweeper.tags(emulator, tagged)).as("a deleted resource has no tags to read").isEmpty();
        }
    }
}
