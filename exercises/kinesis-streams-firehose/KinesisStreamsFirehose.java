package dev.dvalabs.exercises.kinesisstreamsfirehose;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.kinesisstreamsfirehose.solution.KinesisStreamsFirehoseSolution;
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
    public ExerciseStack starter(Construct scope) {
        return new KinesisStreamsFirehoseStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new KinesisStreamsFirehoseSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new KinesisStreamsFirehoseVerifier();
    }
}
