package dev.dvalabs.exercises.snssqsfanout;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.snssqsfanout.solution.SnsSqsFanoutSolution;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;

import software.constructs.Construct;

/** SNS fan-out to SQS queues, dead letters, long polling and FIFO: the exercise's declaration. */
@AutoService(Lab.class)
public final class SnsSqsFanout implements Lab {

    @Override
    public String id() {
        return "sns-sqs-fanout";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new SnsSqsFanoutStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new SnsSqsFanoutSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new SnsSqsFanoutVerifier();
    }
}
