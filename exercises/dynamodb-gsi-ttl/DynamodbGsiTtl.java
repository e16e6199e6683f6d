package dev.dvalabs.exercises.dynamodbgsittl;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbgsittl.solution.DynamodbGsiTtlSolution;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;

import software.constructs.Construct;

/** DynamoDB keys, indexes, TTL and streams: the exercise's declaration. */
@AutoService(Lab.class)
public final class DynamodbGsiTtl implements Lab {

    @Override
    public String id() {
        return "dynamodb-gsi-ttl";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new DynamodbGsiTtlStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new DynamodbGsiTtlSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbGsiTtlVerifier();
    }
}
