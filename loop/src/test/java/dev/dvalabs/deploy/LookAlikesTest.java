package dev.dvalabs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.PythonHandlers;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A stack is not created over a resource with one of its names that is not the exercise's. */
@ExtendWith(LocalEmulatorExtension.class)
class LookAlikesTest {

    private static final String EXERCISE = "look-alikes";

    /** Creates the resource by hand under the name, with the given tags. */
    interface Create {
        void create(LocalEmulator target, String name, Map<String, String> tags);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("REST API look-alike-api", "AWS::ApiGateway::RestApi", "Name", "look-alike-api",
                        (Create) (t, name, tags) -> {
                            try (ApiGatewayClient api = t.client(ApiGatewayClient.builder())) {
                                api.createRestApi(r -> r.name(name).tags(tags));
                            }
                        }),
                Arguments.of("usage plan look-alike-plan", "AWS::ApiGateway::UsagePlan", "UsagePlanName", "look-alike-plan",
                        (Create) (t, name, tags) -> {
                            try (ApiGatewayClient api = t.client(ApiGatewayClient.builder())) {
                                api.createUsagePlan(r -> r.name(name).tags(tags));
                            }
                        }),
                Arguments.of("API key look-alike-key", "AWS::ApiGateway::ApiKey", "Name", "look-alike-key",
                        (Create) (t, name, tags) -> {
                            try (ApiGatewayClient api = t.client(ApiGatewayClient.builder())) {
                                api.createApiKey(r -> r.name(name).enabled(true).tags(tags));
                            }
                        }),
                Arguments.of("DynamoDB table look-alike-table", "AWS::DynamoDB::Table", "TableName", "look-alike-table",
                        (Create) (t, name, tags) -> {
                            try (DynamoDbClient dynamo = t.client(DynamoDbClient.builder())) {
                                dynamo.createTable(r -> r.tableName(name).billingMode("PAY_PER_REQUEST")
                                        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                                        .keySchema(k -> k.attributeName("id").keyType("HASH"))
                                        .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.dynamodb.model.Tag
                                                .builder().key(e.getKey()).value(e.getValue()).build()).toList()));
                            }
                        }),
                Arguments.of("SQS queue look-alike-queue", "AWS::SQS::Queue", "QueueName", "look-alike-queue",
                        (Create) (t, name, tags) -> {
                            try (SqsClient sqs = t.client(SqsClient.builder())) {
                                sqs.createQueue(r -> r.queueName(name).tags(tags));
                            }
                        }),
                Arguments.of("SNS topic look-alike-topic", "AWS::SNS::Topic", "TopicName", "look-alike-topic",
                        (Create) (t, name, tags) -> {
                            try (SnsClient sns = t.client(SnsClient.builder())) {
                                sns.createTopic(r -> r.name(name).tags(tags.entrySet().stream()
                                        .map(e -> software.amazon.awssdk.services.sns.model.Tag.builder().key(e.getKey())
                                                .value(e.getValue()).build()).toList()));
                            }
                        }),
                Arguments.of("KMS alias alias/look-alike", "AWS::KMS::Alias", "AliasName", "alias/look-alike",
                        (Create) (t, name, tags) -> {
                            try (KmsClient kms = t.client(KmsClient.builder())) {
                                String key = kms.createKey(r -> r.tags(tags.entrySet().stream()
                                        .map(e -> software.amazon.awssdk.services.kms.model.Tag.builder().tagKey(e.getKey())
                                                .tagValue(e.getValue()).build()).toList())).keyMetadata().keyId();
                                kms.createAlias(r -> r.aliasName(name).targetKeyId(key));
                            }
                        }),
                Arguments.of("IAM role look-alike-role", "AWS::IAM::Role", "RoleName", "look-alike-role",
                        (Create) (t, name, tags) -> {
                            try (IamClient iam = t.client(IamClient.builder())) {
                                iam.createRole(r -> r.roleName(name)
                                        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                                        .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.iam.model.Tag
                                                .builder().key(e.getKey()).value(e.getValue()).build()).toList()));
                            }
                        }),
                Arguments.of("Lambda function look-alike-function", "AWS::Lambda::Function", "FunctionName",
                        "look-alike-function", (Create) (t, name, tags) -> {
                            try (LambdaClient lambda = t.client(LambdaClient.builder())) {
                                lambda.createFunction(r -> r.functionName(name).runtime("python3.12").handler("index.handler")
                                        .role("arn:aws:iam::000000000000:role/look-alike")
                                        .code(c -> c.zipFile(PythonHandlers.zip(PythonHandlers.ECHO))).tags(tags));
                            }
                        }),
                Arguments.of("Kinesis stream look-alike-stream", "AWS::Kinesis::Stream", "Name", "look-alike-stream",
                        (Create) (t, name, tags) -> {
                            try (KinesisClient kinesis = t.client(KinesisClient.builder())) {
                                kinesis.createStream(r -> r.streamName(name).shardCount(1));
                                if (!tags.isEmpty()) {
                                    kinesis.addTagsToStream(r -> r.streamName(name).tags(tags));
                                }
                            }
                        }),
                Arguments.of("Firehose delivery stream look-alike-delivery", "AWS::KinesisFirehose::DeliveryStream",
                        "DeliveryStreamName", "look-alike-delivery", (Create) (t, name, tags) -> {
                            try (FirehoseClient firehose = t.client(FirehoseClient.builder())) {
                                firehose.createDeliveryStream(r -> r.deliveryStreamName(name).deliveryStreamType("DirectPut")
                                        .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.firehose.model.Tag
                                                .builder().key(e.getKey()).value(e.getValue()).build()).toList()));
                            }
                        }),
                Arguments.of("log group /aws/lambda/look-alike-function", "AWS::Logs::LogGroup", "LogGroupName",
                        "/aws/lambda/look-alike-function", (Create) (t, name, tags) -> {
                            try (CloudWatchLogsClient logs = t.client(CloudWatchLogsClient.builder())) {
                                logs.createLogGroup(r -> r.logGroupName(name).tags(tags));
                            }
                        }),
                Arguments.of("S3 bucket look-alike-bucket", "AWS::S3::Bucket", "BucketName", "look-alike-bucket",
                        (Create) (t, name, tags) -> {
                            try (S3Client s3 = t.client(S3Client.builder().forcePathStyle(true))) {
                                s3.createBucket(r -> r.bucket(name));
                                if (!tags.isEmpty()) {
                                    s3.putBucketTagging(r -> r.bucket(name).tagging(g -> g.tagSet(tags.entrySet()
                                            .stream().map(e -> software.amazon.awssdk.services.s3.model.Tag.builder()
                                                    .key(e.getKey()).value(e.getValue()).build()).toList())));
                                }
                            }
                        }),
                Arguments.of("SES identity look-alike@example.com", "AWS::SES::EmailIdentity", "EmailIdentity",
                        "look-alike@example.com", (Create) (t, name, tags) -> {
                            try (SesV2Client ses = t.client(SesV2Client.builder())) {
                                ses.createEmailIdentity(r -> r.emailIdentity(name).tags(sesTags(tags)));
                            }
                        }),
                Arguments.of("SES configuration set look-alike-mail", "AWS::SES::ConfigurationSet", "Name", "look-alike-mail",
                        (Create) (t, name, tags) -> {
                            try (SesV2Client ses = t.client(SesV2Client.builder())) {
                                ses.createConfigurationSet(r -> r.configurationSetName(name).tags(sesTags(tags)));
                            }
                        }));
    }

    private static java.util.List<software.amazon.awssdk.services.sesv2.model.Tag> sesTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> software.amazon.awssdk.services.sesv2.model.Tag.builder()
                .key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String template(String type, String property, String name) {
        return "{\"Resources\":{\"R\":{\"Type\":\"" + type + "\",\"Properties\":{\"" + property + "\":\"" + name + "\"}}}}";
    }

    @ParameterizedTest(name = "{0}: refused when it exists untagged or tagged for another exercise; a free name is not")
    @MethodSource("kinds")
    void lookAlikeRefused(String named, String type, String property, String name, Create create, LocalEmulator emulator) {
        String template = template(type, property, name);
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template)).as("nothing has the name yet").isEmpty();

        create.create(emulator, name, Map.of());
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template)).hasValueSatisfying(why -> assertThat(why)
                .startsWith(named + " exists without the tag dva-labs:exercise=look-alikes")
                .contains("labs verify look-alikes", "--name").endsWith("."));
        assertThat(LookAlikes.refusal(emulator, "another-exercise", template)).isPresent();
    }

    @ParameterizedTest(name = "{0} tagged with the exercise is the toolkit's own leftover, not a look-alike")
    @MethodSource("kinds")
    void toolkitsOwnIsNotALookAlike(String named, String type, String property, String name, Create create,
                                    LocalEmulator emulator) {
        String own = name + "-own";
        create.create(emulator, own, Map.of("dva-labs:exercise", EXERCISE));
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template(type, property, own))).isEmpty();
        assertThat(LookAlikes.refusal(emulator, "another-exercise", template(type, property, own)))
                .as("another exercise's resource is not this one's either").isPresent();
    }

    @Test
    @DisplayName("a bucket named with Fn::Join or Fn::Sub of the account and region is looked up by the name it will have")
    void bucketNamedFromAccountAndRegionIsLookedUp(LocalEmulator emulator) {
        String account;
        try (software.amazon.awssdk.services.sts.StsClient sts = emulator.client(software.amazon.awssdk.services.sts.StsClient.builder())) {
            account = sts.getCallerIdentity().account();
        }
        String name = "look-alike-clicks-" + account + "-" + emulator.region().id();
        String joined = "{\"Resources\":{\"B\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"BucketName\":{\"Fn::Join\":[\"-\","
                + "[\"look-alike-clicks\",{\"Ref\":\"AWS::AccountId\"},{\"Ref\":\"AWS::Region\"}]]}}}}}";
        String substituted = "{\"Resources\":{\"B\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"BucketName\":"
                + "{\"Fn::Sub\":\"look-alike-clicks-${AWS::AccountId}-${AWS::Region}\"}}}}}";
        assertThat(LookAlikes.refusal(emulator, EXERCISE, joined)).as("nothing has the name yet").isEmpty();
        try (S3Client s3 = emulator.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(r -> r.bucket(name));
        }
        assertThat(LookAlikes.refusal(emulator, EXERCISE, joined)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("S3 bucket " + name + " exists without the tag dva-labs:exercise=look-alikes"));
        assertThat(LookAlikes.refusal(emulator, EXERCISE, substituted)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("S3 bucket " + name + " exists"));
    }

    @Test
    @DisplayName("a name given by a stack parameter is looked up as the deploy gives it, else as its default")
    void parameterNamesAreLookedUp(LocalEmulator emulator) {
        try (SesV2Client ses = emulator.client(SesV2Client.builder())) {
            ses.createEmailIdentity(r -> r.emailIdentity("learner@example.com"));
        }
        String template = "{\"Parameters\":{\"sender\":{\"Type\":\"String\",\"Default\":\"learner@example.com\"}},"
                + "\"Resources\":{\"I\":{\"Type\":\"AWS::SES::EmailIdentity\",\"Properties\":{\"EmailIdentity\":"
                + "{\"Ref\":\"sender\"}}}}}";
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("SES identity learner@example.com exists without the tag"));
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template, Map.of("sender", "learner@example.com"))).isPresent();
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template, Map.of("sender", "other@example.com")))
                .as("another address given on deploy is free").isEmpty();
    }

    @Test
    @DisplayName("names built by CloudFormation functions, and types that are not named, are not looked up")
    void generatedNamesAreNotLookedUp(LocalEmulator emulator) {
        String template = "{\"Resources\":{\"T\":{\"Type\":\"AWS::DynamoDB::Table\",\"Properties\":{\"TableName\":"
                + "{\"Fn::Join\":[\"-\",[\"a\",{\"Fn::GetAtt\":[\"X\",\"Arn\"]}]]}}},\"L\":{\"Type\":\"AWS::Lambda::Function\",\"Properties\":"
                + "{\"FunctionName\":\"look-alike-fn\"}}}}";
        assertThat(LookAlikes.refusal(emulator, EXERCISE, template)).isEmpty();
    }
}
