package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipeline;
import java.util.Optional;

/**
 * AWS has closed CodeCommit to new accounts (since July 2024 an account without a repository gets
 * OperationNotAllowedException: "CreateRepository request is not allowed because there is no existing
 * repository in this AWS account or AWS Organization"). A deploy that fails for that says so in one sentence.
 */
final class ClosedToNewAccounts {

    /** The exercise whose pipeline takes its source from S3, named by its own declaration. */
    static final String S3_SOURCE_EXERCISE = new CodedeployAppspecPipeline().id();

    private ClosedToNewAccounts() {
    }

    static Optional<String> explain(String failure, String exerciseId) {
        if (failure == null || !(failure.contains("CreateRepository request is not allowed")
                || (failure.contains("OperationNotAllowedException") && failure.contains("CodeCommit")))) {
            return Optional.empty();
        }
        return Optional.of("AWS refused to create the CodeCommit repository because CodeCommit is closed to accounts"
                + " that have never had one; run labs destroy " + exerciseId + " and practise the pipeline with the S3"
                + " source of " + S3_SOURCE_EXERCISE + " instead (exercises/" + exerciseId + "/instructions.md says how).");
    }
}
