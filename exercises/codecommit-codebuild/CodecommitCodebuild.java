package dev.dvalabs.exercises.codecommitcodebuild;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.codecommitcodebuild.solution.CodecommitCodebuildSolution;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import java.util.Optional;
import software.constructs.Construct;

/** CodeCommit, CodeBuild and the pipeline that links them: the exercise's declaration. */
@AutoService(Lab.class)
public final class CodecommitCodebuild implements Lab {

    @Override
    public String id() {
        return "codecommit-codebuild";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new CodecommitCodebuildStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new CodecommitCodebuildSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new CodecommitCodebuildVerifier();
    }

    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new CodecommitCodebuildAfterDeploy());
    }

    @Override
    public Optional<String> explainRefusal(String failure) {
        return ClosedToNewAccounts.explain(failure, id());
    }
}
