package dev.dvalabs.exercises.kinesisstreamsfirehose;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import software.constructs.Construct;

/** Kinesis Data Streams and Firehose: the exercise's declaration. */
@AutoService(Lab.class)
public final class KinesisStreamsFirehose implements Lab {

    @Override
    public String id() {
        return "kinesis-streams-firehose";
    }

    @Override
    public ExerciseStack stack(Construct scope, Variant variant) {
        return new KinesisStreamsFirehoseStack(scope, id(), variant);
    }

    @Override
    public Verifier<?> verifier() {
        return new KinesisStreamsFirehoseVerifier();
    }
}
