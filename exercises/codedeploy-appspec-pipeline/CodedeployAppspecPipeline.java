package dev.dvalabs.exercises.codedeployappspecpipeline;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.codedeployappspecpipeline.solution.CodedeployAppspecPipelineSolution;
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
    public ExerciseStack starter(Construct scope) {
        return new CodedeployAppspecPipelineStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new CodedeployAppspecPipelineSolution(scope, id());
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
