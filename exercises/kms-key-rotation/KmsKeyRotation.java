package dev.dvalabs.exercises.kmskeyrotation;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.kmskeyrotation.solution.KmsKeyRotationSolution;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;

import software.constructs.Construct;

/** KMS keys, rotation, key policies and envelope encryption: the exercise's declaration. */
@AutoService(Lab.class)
public final class KmsKeyRotation implements Lab {

    @Override
    public String id() {
        return "kms-key-rotation";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new KmsKeyRotationStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new KmsKeyRotationSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new KmsKeyRotationVerifier();
    }
}
