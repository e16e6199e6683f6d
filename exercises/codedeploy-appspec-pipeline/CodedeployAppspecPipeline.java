package dev.dvalabs.exercises.codedeployappspecpipeline;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import java.util.Optional;
import software.constructs.Construct;

/** CodeDeploy with an AppSpec, fed by CodePipeline: the exercise's declaration. */
@AutoService(Lab.class)
public final class CodedeployAppspecPipeline implements Lab {

    @Override
    public String id() {
        return "codedeploy-appspec-pipeline";
    }

    @Override
    public ExerciseStack stack(Construct scope, Variant variant) {
        return new CodedeployAppspecPipelineStack(scope, id(), variant);
    }

    @Override
    public Verifier<?> verifier() {
        return new CodedeployAppspecPipelineVerifier();
    }

    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new CodedeployAppspecPipelineAfterDeploy(id()));
    }
}
