package dev.dvalabs.exercises.dynamodbcaching;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import software.constructs.Construct;

/** A cache in front of a DynamoDB table (ElastiCache, and DAX on AWS): the exercise's declaration. */
@AutoService(Lab.class)
public final class DynamodbCaching implements Lab {

    @Override
    public String id() {
        return "dynamodb-caching";
    }

    @Override
    public ExerciseStack stack(Construct scope, Variant variant) {
        return new DynamodbCachingStack(scope, id(), variant);
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbCachingVerifier();
    }
}
