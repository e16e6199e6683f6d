package dev.dvalabs.exercises.kinesisstreamsfirehose;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.kinesis.CfnStream;
import software.constructs.Construct;

/**
 * kinesis-streams-firehose, the starter: the stream with 1 shard keeping records 24 hours, nothing else. This is
 * the file to edit for the tasks in instructions.md; {@code ./labs solution kinesis-streams-firehose} shows the
 * answer when you want it.
 */
class KinesisStreamsFirehoseStack extends ExerciseStack {

    KinesisStreamsFirehoseStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Click stream, transform function and delivery to S3 for the Kinesis exercise");

        CfnStream stream = CfnStream.Builder.create(this, "Clicks")
                .name(name("stream"))
                .shardCount(1)
                .retentionPeriodHours(24)
                .streamModeDetails(CfnStream.StreamModeDetailsProperty.builder().streamMode("PROVISIONED").build())
                // Encrypted at rest with the AWS managed key, as the console makes a stream; no check asks for it.
                .streamEncryption(CfnStream.StreamEncryptionProperty.builder().encryptionType("KMS").keyId("alias/aws/kinesis").build())
                .build();
        CfnOutput.Builder.create(this, "StreamName").value(stream.getRef()).description("The stream the verifier checks").build();
    }
}
