package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.codecommit.Repository;
import software.constructs.Construct;

/**
 * codecommit-codebuild, the starter: the repository only. This is the file to edit for the tasks in
 * instructions.md; {@code ./labs solution codecommit-codebuild} shows the answer when you want it.
 */
class CodecommitCodebuildStack extends ExerciseStack {

    public static final String BRANCH = "main";

    CodecommitCodebuildStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "CodeCommit repository, CodeBuild project and pipeline for the CodeCommit and CodeBuild exercise");

        Repository repository = Repository.Builder.create(this, "Repository")
                .repositoryName(name("repository"))
                .description("dva-labs: the source the pipeline builds")
                .build();
        repository.applyRemovalPolicy(RemovalPolicy.DESTROY);
        CfnOutput.Builder.create(this, "CloneUrlHttp").value(repository.getRepositoryCloneUrlHttp())
                .description("git clone over HTTPS with Git credentials from IAM").build();
    }
}
