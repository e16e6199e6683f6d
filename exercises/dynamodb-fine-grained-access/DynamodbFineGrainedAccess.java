package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbfinegrainedaccess.solution.DynamodbFineGrainedAccessSolution;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import software.constructs.Construct;

/** DynamoDB fine-grained access: each user reaches only the items under their own partition key. */
@AutoService(Lab.class)
public final class DynamodbFineGrainedAccess implements Lab {

    @Override
    public String id() {
        return "dynamodb-fine-grained-access";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new DynamodbFineGrainedAccessStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new DynamodbFineGrainedAccessSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbFineGrainedAccessVerifier();
    }
}
