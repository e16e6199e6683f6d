package dev.dvalabs.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.destroy.ResourceTags;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.Target;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Resources that already have one of a new stack's physical names but are not the exercise's. Real
 * CloudFormation refuses such a name; ministack's takes the resource over (a learner's table gets the
 * stack's key schema and loses its items, a queue its messages, an alias is repointed, a role is tagged
 * and later deleted by destroy). So a deploy that would create the stack asks here first.
 */
public final class LookAlikes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to find one resource type by its name: the resource's own tags, or empty when nothing has that name. */
    private interface Lookup {
        Optional<Map<String, String>> tags(Target target, String name);
    }

    private record Kind(String label, String property, Lookup lookup) {}

    /** The types the exercises name, with the property that holds the physical name. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("AWS::ApiGateway::RestApi", new Kind("REST API", "Name", LookAlikes::restApi)),
            Map.entry("AWS::ApiGateway::UsagePlan", new Kind("usage plan", "UsagePlanName", LookAlikes::usagePlan)),
            Map.entry("AWS::ApiGateway::ApiKey", new Kind("API key", "Name", LookAlikes::apiKey)),
            Map.entry("AWS::DynamoDB::Table", new Kind("DynamoDB table", "TableName", LookAlikes::table)),
            Map.entry("AWS::SQS::Queue", new Kind("SQS queue", "QueueName", LookAlikes::queue)),
            Map.entry("AWS::SNS::Topic", new Kind("SNS topic", "TopicName", LookAlikes::topic)),
            Map.entry("AWS::KMS::Alias", new Kind("KMS alias", "AliasName", LookAlikes::alias)),
            Map.entry("AWS::IAM::Role", new Kind("IAM role", "RoleName", LookAlikes::role)),
            Map.entry("AWS::S3::Bucket", new Kind("S3 bucket", "BucketName", LookAlikes::bucket)),
            Map.entry("AWS::Kinesis::Stream", new Kind("Kinesis stream", "Name", LookAlikes::stream)),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", new Kind("Firehose delivery stream", "DeliveryStreamName",
                    LookAlikes::deliveryStream)),
            Map.entry("AWS::Lambda::Function", new Kind("Lambda function", "FunctionName", LookAlikes::function)),
            Map.entry("AWS::Logs::LogGroup", new Kind("log group", "LogGroupName", LookAlikes::logGroup)),
            Map.entry("AWS::SES::EmailIdentity", new Kind("SES identity", "EmailIdentity", LookAlikes::identity)),
            Map.entry("AWS::SES::ConfigurationSet", new Kind("SES configuration set", "Name", LookAlikes::configurationSet)));

    private LookAlikes() {}

    /** Why the stack must not be created, in one sentence naming the first look-alike; empty when nothing is in the way. */
    static Optional<String> refusal(Target target, String exerciseId, String template) {
        return refusal(target, exerciseId, template, Map.of());
    }

    /** As {@link #refusal(Target, String, String)}, with the values the deploy gives the template's parameters. */
    static Optional<String> refusal(Target target, String exerciseId, String template, Map<String, String> parameters) {
        return first(target, exerciseId, template, parameters).map(found -> found + " exists without the tag " + ExerciseStack.TAG_EXERCISE
                + "=" + exerciseId + ", so deploy created nothing rather than take it over: to check your own, run labs verify "
                + exerciseId + " (--name checks one under another name), or delete or rename it, then deploy.");
    }

    /**
     * The first resource with one of the template's physical names that exists without the exercise's tag,
     * as "DynamoDB table dva-labs-orders": a learner's, whether made before a deploy or rebuilt by hand
     * while the stack stood (CloudFormation would delete it with the stack, by its name).
     */
    public static Optional<String> first(Target target, String exerciseId, String template) {
        return first(target, exerciseId, template, Map.of());
    }

    /** As {@link #first(Target, String, String)}, a name given by a parameter ({"Ref": p}) read as deployed. */
    static Optional<String> first(Target target, String exerciseId, String template, Map<String, String> parameters) {
        JsonNode root = parse(template);
        Iterator<Map.Entry<String, JsonNode>> resources = root.path("Resources").fields();
        PhysicalName names = new PhysicalName(() -> account(target), target.region().id());
        while (resources.hasNext()) {
            JsonNode resource = resources.next().getValue();
            Kind kind = KINDS.get(resource.path("Type").asText());
            // A name CloudFormation generates, or one built from other resources, cannot be a learner's; one
            // built from the account and region (a bucket's, made unique) is the name it will have.
            Optional<String> name = kind == null ? Optional.empty()
                    : names.of(parameterValue(root, resource.path("Properties").path(kind.property()), parameters));
            if (name.isEmpty()) {
                continue;
            }
            Optional<Map<String, String>> tags = kind.lookup().tags(target, name.get());
            if (tags.isPresent() && !ResourceTags.marks(tags.get(), exerciseId)) {
                return Optional.of(kind.label() + " " + name.get());
            }
        }
        return Optional.empty();
    }

    private static String account(Target target) {
        try (StsClient sts = target.client(StsClient.builder())) {
            return sts.getCallerIdentity().account();
        }
    }

    /** A {"Ref": parameter} as the deploy gives it (the value passed, else the parameter's default); else the node. */
    private static JsonNode parameterValue(JsonNode template, JsonNode node, Map<String, String> parameters) {
        String ref = node.path("Ref").asText("");
        JsonNode parameter = template.path("Parameters").path(ref);
        if (ref.isEmpty() || parameter.isMissingNode()) {
            return node;
        }
        return parameters.containsKey(ref) ? JSON.getNodeFactory().textNode(parameters.get(ref)) : parameter.path("Default");
    }

    private static JsonNode parse(String template) {
        try {
            return JSON.readTree(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the synthesized template is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<Map<String, String>> tagsOf(Target target, String service, String arn) {
        return ResourceTags.read(target, Teardown.sweeper(service).orElseThrow(), arn);
    }

    /**
     * API Gateway names need not be unique, so several may share one: the first without the toolkit's
     * exercise tag is the look-alike; otherwise any of them stands for all.
     */
    private static Optional<Map<String, String>> named(Target target, Stream<String> arns) {
        Optional<Map<String, String>> any = Optional.empty();
        for (String arn : (Iterable<String>) arns::iterator) {
            Optional<Map<String, String>> tags = tagsOf(target, "apigateway", arn);
            if (tags.isPresent() && !tags.get().containsKey(ExerciseStack.TAG_EXERCISE)) {
                return tags;
            }
            any = any.or(() -> tags);
        }
        return any;
    }

    private static String apiGatewayArn(Target target, String path) {
        return "arn:aws:apigateway:" + target.region().id() + "::/" + path;
    }

    private static Optional<Map<String, String>> restApi(Target target, String name) {
        try (ApiGatewayClient api = target.client(ApiGatewayClient.builder())) {
            return named(target, api.getRestApisPaginator(r -> r.limit(500)).items().stream()
                    .filter(a -> name.equals(a.name())).map(a -> apiGatewayArn(target, "restapis/" + a.id())));
        }
    }

    private static Optional<Map<String, String>> usagePlan(Target target, String name) {
        try (ApiGatewayClient api = target.client(ApiGatewayClient.builder())) {
            return named(target, api.getUsagePlansPaginator(r -> r.limit(500)).items().stream()
                    .filter(p -> name.equals(p.name())).map(p -> apiGatewayArn(target, "usageplans/" + p.id())));
        }
    }

    private static Optional<Map<String, String>> apiKey(Target target, String name) {
        try (ApiGatewayClient api = target.client(ApiGatewayClient.builder())) {
            return named(target, api.getApiKeysPaginator(r -> r.nameQuery(name).limit(500)).items().stream()
                    .filter(k -> name.equals(k.name())).map(k -> apiGatewayArn(target, "apikeys/" + k.id())));
        }
    }

    private static Optional<Map<String, String>> table(Target target, String name) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            return tagsOf(target, "dynamodb", dynamo.describeTable(r -> r.tableName(name)).table().tableArn());
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> queue(Target target, String name) {
        try (SqsClient sqs = target.client(SqsClient.builder())) {
            String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            return tagsOf(target, "sqs", sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn"));
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        } catch (SqsException e) {
            // moto answers with the query-compatible code, which the SDK leaves as a plain SqsException.
            if ("AWS.SimpleQueueService.NonExistentQueue".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<Map<String, String>> topic(Target target, String name) {
        try (SnsClient sns = target.client(SnsClient.builder())) {
            return sns.listTopicsPaginator().topics().stream().map(t -> t.topicArn())
                    .filter(arn -> arn.endsWith(":" + name)).findFirst()
                    .flatMap(arn -> tagsOf(target, "sns", arn));
        }
    }

    private static Optional<Map<String, String>> alias(Target target, String name) {
        try (KmsClient kms = target.client(KmsClient.builder())) {
            Optional<AliasListEntry> alias = kms.listAliasesPaginator().aliases().stream()
                    .filter(a -> name.equals(a.aliasName())).findFirst();
            if (alias.isEmpty()) {
                return Optional.empty();
            }
            // An alias has no tags; the key it points at says whose it is. One pointing nowhere is no one's.
            String keyId = alias.get().targetKeyId();
            return keyId == null ? Optional.of(Map.of())
                    : tagsOf(target, "kms", kms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn()).or(() -> Optional.of(Map.of()));
        }
    }

    private static Optional<Map<String, String>> role(Target target, String name) {
        try (IamClient iam = target.client(IamClient.builder())) {
            return tagsOf(target, "iam", iam.getRole(r -> r.roleName(name)).role().arn());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> stream(Target target, String name) {
        try (KinesisClient kinesis = target.client(KinesisClient.builder())) {
            return tagsOf(target, "kinesis", kinesis.describeStreamSummary(r -> r.streamName(name))
                    .streamDescriptionSummary().streamARN());
        } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> deliveryStream(Target target, String name) {
        try (FirehoseClient firehose = target.client(FirehoseClient.builder())) {
            return tagsOf(target, "firehose", firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                    .deliveryStreamDescription().deliveryStreamARN());
        } catch (software.amazon.awssdk.services.firehose.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> function(Target target, String name) {
        try (LambdaClient lambda = target.client(LambdaClient.builder())) {
            return tagsOf(target, "lambda", lambda.getFunctionConfiguration(r -> r.functionName(name)).functionArn());
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** DescribeLogGroups matches by prefix: the group of exactly that name, by the ARN it gives. */
    private static Optional<Map<String, String>> logGroup(Target target, String name) {
        try (CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder())) {
            return logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                    .filter(g -> name.equals(g.logGroupName())).findFirst()
                    .flatMap(g -> tagsOf(target, "logs", g.arn()));
        }
    }

    private static String sesArn(Target target, String path) {
        return "arn:aws:ses:" + target.region().id() + ":" + account(target) + ":" + path;
    }

    private static Optional<Map<String, String>> identity(Target target, String name) {
        return tagsOf(target, "ses", sesArn(target, "identity/" + name));
    }

    private static Optional<Map<String, String>> configurationSet(Target target, String name) {
        return tagsOf(target, "ses", sesArn(target, "configuration-set/" + name));
    }

    private static Optional<Map<String, String>> bucket(Target target, String name) {
        try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()))) {
            s3.headBucket(r -> r.bucket(name));
            return tagsOf(target, "s3", "arn:aws:s3:::" + name);
        } catch (NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 403) {
                return Optional.of(Map.of()); // another account's bucket: not the exercise's either
            }
            throw e;
        }
    }
}
