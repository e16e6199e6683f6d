package dev.dvalabs.exercises.dynamodbstreamslambda;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbstreamslambda.solution.DynamodbStreamsLambdaSolution;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import software.constructs.Construct;

/** A DynamoDB stream triggering a Lambda function: the exercise's declaration. */
@AutoService(Lab.class)
public final class DynamodbStreamsLambda implements Lab {

    @Override
    public String id() {
        return "dynamodb-streams-lambda";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new DynamodbStreamsLambdaStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new DynamodbStreamsLambdaSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbStreamsLambdaVerifier();
    }
}
