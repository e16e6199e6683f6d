package dev.dvalabs.exercises.dynamodbcaching;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbcaching.solution.DaxClientPackaged;
import dev.dvalabs.exercises.dynamodbcaching.solution.DynamodbCachingSolution;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import java.util.Optional;
import software.constructs.Construct;

/** A cache in front of a DynamoDB table (ElastiCache, and DAX on AWS): the exercise's declaration. */
@AutoService(Lab.class)
public final class DynamodbCaching implements Lab {

    @Override
    public String id() {
        return "dynamodb-caching";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new DynamodbCachingStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new DynamodbCachingSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbCachingVerifier();
    }

    /** The solution's function on AWS gets the DAX client packaged with its code, which the inline template cannot carry. */
    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new DaxClientPackaged(id()));
    }
}
