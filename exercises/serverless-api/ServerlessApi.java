package dev.dvalabs.exercises.serverlessapi;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.serverlessapi.solution.ServerlessApiSolution;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import software.constructs.Construct;

/** A REST API in front of a Lambda function and a DynamoDB table: the exercise's declaration. */
@AutoService(Lab.class)
public final class ServerlessApi implements Lab {

    @Override
    public String id() {
        return "serverless-api";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new ServerlessApiStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new ServerlessApiSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new ServerlessApiVerifier();
    }
}
