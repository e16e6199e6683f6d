package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
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
    public ExerciseStack stack(Construct scope, Variant variant) {
        return new DynamodbFineGrainedAccessStack(scope, id(), variant);
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbFineGrainedAccessVerifier();
    }
}
