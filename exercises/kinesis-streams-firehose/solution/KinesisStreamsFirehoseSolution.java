package dev.dvalabs.exercises.kinesisstreamsfirehose.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.CfnStream;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * kinesis-streams-firehose, the solution: a provisioned data stream of 2 shards keeping records 48 hours, and a
 * Firehose delivery stream that reads it and delivers into an S3 bucket under {@code clicks/}, through a Lambda
 * function (inline Python) that transforms each record, buffering 1 MB or 60 seconds.
 */
public final class KinesisStreamsFirehoseSolution extends ExerciseStack {

    /** The S3 prefix the instructions give; Firehose adds the arrival hour after it. */
    static final String PREFIX = "clicks/";

    /** The transformation: each click, parsed as JSON, gets "transformed": true and a newline after it. */
    static final String TRANSFORM = String.join("\n",
            "import base64",
            "import json",
            "",
            "",
            "def handler(event, context):",
            "    records = []",
            "    for record in event['records']:",
            "        try:",
            "            click = json.loads(base64.b64decode(record['data']))",
            "        except ValueError:",
            "            records.append({'recordId': record['recordId'], 'result': 'ProcessingFailed', 'data': record['data']})",
            "            continue",
            "        click['transformed'] = True",
            "        data = (json.dumps(click) + '\\n').encode('utf-8')",
            "        records.append({'recordId': record['recordId'], 'result': 'Ok', 'data': base64.b64encode(data).decode('ascii')})",
            "    return {'records': records}",
            "");

    public KinesisStreamsFirehoseSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Click stream, transform function and delivery to S3 for the Kinesis exercise");

        CfnStream stream = CfnStream.Builder.create(this, "Clicks")
                .name(name("stream"))
                .shardCount(2)
                .retentionPeriodHours(48)
                .streamModeDetails(CfnStream.StreamModeDetailsProperty.builder().streamMode("PROVISIONED").build())
                // Encrypted at rest with the AWS managed key, as the console makes a stream; no check asks for it.
                .streamEncryption(CfnStream.StreamEncryptionProperty.builder().encryptionType("KMS").keyId("alias/aws/kinesis").build())
                .build();
        CfnOutput.Builder.create(this, "StreamName").value(stream.getRef()).description("The stream the verifier checks").build();
        delivery(stream);
    }

    private void delivery(CfnStream stream) {
        // Bucket names are global: the account and region keep one learner's name from another's.
        Bucket bucket = Bucket.Builder.create(this, "Archive")
                .bucketName(Fn.sub(name("bucket").replace("{account}", "${AWS::AccountId}").replace("{region}", "${AWS::Region}")))
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // The function's log group made by the stack, so that it goes with the stack rather than being
        // made by the first invocation and left behind.
        LogGroup logs = LogGroup.Builder.create(this, "TransformLogs")
                .logGroupName("/aws/lambda/" + name("function"))
                .retention(RetentionDays.ONE_DAY)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function transform = Function.Builder.create(this, "Transform")
                .functionName(name("function"))
                .runtime(Runtime.PYTHON_3_12)
                .handler("index.handler")
                .code(Code.fromInline(TRANSFORM))
                .timeout(Duration.seconds(60))
                .logGroup(logs)
                .build();

        Role role = Role.Builder.create(this, "DeliveryRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com"))
                .description("Lets Firehose read the click stream, run the transform and write the archive")
                .build();
        Policy access = Policy.Builder.create(this, "DeliveryAccess").statements(List.of(
                allow(List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator",
                        "kinesis:GetRecords", "kinesis:ListShards"), List.of(stream.getAttrArn())),
                allow(List.of("s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
                        "s3:ListBucketMultipartUploads", "s3:PutObject"), List.of(bucket.getBucketArn(), bucket.arnForObjects("*"))),
                allow(List.of("lambda:InvokeFunction", "lambda:GetFunctionConfiguration"),
                        List.of(transform.getFunctionArn(), transform.getFunctionArn() + ":*"))))
                .build();
        access.attachToRole(role);

        CfnDeliveryStream delivery = CfnDeliveryStream.Builder.create(this, "ClicksArchive")
                .deliveryStreamName(name("deliveryStream"))
                .deliveryStreamType("KinesisStreamAsSource")
                .kinesisStreamSourceConfiguration(CfnDeliveryStream.KinesisStreamSourceConfigurationProperty.builder()
                        .kinesisStreamArn(stream.getAttrArn()).roleArn(role.getRoleArn()).build())
                .extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(role.getRoleArn())
                        .prefix(PREFIX)
                        .bufferingHints(CfnDeliveryStream.BufferingHintsProperty.builder().sizeInMBs(1).intervalInSeconds(60).build())
                        .compressionFormat("UNCOMPRESSED")
                        .processingConfiguration(CfnDeliveryStream.ProcessingConfigurationProperty.builder()
                                .enabled(true)
                                .processors(List.of(CfnDeliveryStream.ProcessorProperty.builder()
                                        .type("Lambda")
                                        .parameters(List.of(CfnDeliveryStream.ProcessorParameterProperty.builder()
                                                .parameterName("LambdaArn").parameterValue(transform.getFunctionArn()).build()))
                                        .build()))
                                .build())
                        .build())
                .build();
        // Firehose checks at creation that its role may read the stream: the policy comes first.
        delivery.getNode().addDependency(access);
        CfnOutput.Builder.create(this, "BucketName").value(bucket.getBucketName()).description("Where the clicks arrive").build();
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }
}
