package dev.dvalabs.exercises.dynamodbcapacity;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbcapacity.solution.DynamodbCapacitySolution;
import dev.dvalabs.exercises.dynamodbcapacity.solution.SwitchToOnDemand;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import java.util.Optional;
import software.constructs.Construct;

/** DynamoDB provisioned and on-demand capacity: the exercise's declaration. */
@AutoService(Lab.class)
public final class DynamodbCapacity implements Lab {

    @Override
    public String id() {
        return "dynamodb-capacity";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new DynamodbCapacityStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new DynamodbCapacitySolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new DynamodbCapacityVerifier();
    }

    /** The solution's second step: the stack update that switches the table to on-demand. */
    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new SwitchToOnDemand(id()));
    }
}
