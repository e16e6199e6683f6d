package dev.dvalabs.probe;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.BranchDoesNotExistException;

/** A CodeCommit repository: its name, ARN and default branch (null while it has none). */
public record Repository(String name, String arn, String defaultBranch) {

    /**
     * The repository of that name; unavailable where CodeCommit is missing or unreadable (moto 5.2.5 writes its dates
     * as ISO text where AWS writes epoch seconds), refused as CodeCommit refuses.
     */
    public static Fact<Repository> named(CodeCommitClient codeCommit, String where, String name) {
        return Service.observe("CodeCommit", where, "repository " + name, () -> {
            var repository = codeCommit.getRepository(r -> r.repositoryName(name)).repositoryMetadata();
            return new Repository(repository.repositoryName(), repository.arn(), repository.defaultBranch());
        });
    }

    /** The commit at the head of a branch. */
    public String head(CodeCommitClient codeCommit, String branch) {
        return codeCommit.getBranch(r -> r.repositoryName(name).branchName(branch)).branch().commitId();
    }

    /**
     * A repository's first commit, as a learner's first push lands: {@code path} with {@code content} on
     * {@code branch}, which it creates. Empty when the branch exists already: then the repository is left alone.
     */
    public static Optional<String> firstCommit(Target target, String repository, String branch, String path, byte[] content,
                                               String message) {
        try (CodeCommitClient codeCommit = target.client(CodeCommitClient.builder())) {
            try {
                codeCommit.getBranch(r -> r.repositoryName(repository).branchName(branch));
                return Optional.empty();
            } catch (BranchDoesNotExistException e) {
                // An empty repository: its first commit creates the branch.
            }
            target.approveWrites("commit " + path + " to " + repository);
            return Optional.of(codeCommit.putFile(r -> r.repositoryName(repository).branchName(branch).filePath(path)
                    .fileContent(SdkBytes.fromByteArray(content)).commitMessage(message).name("dva-labs")).commitId());
        }
    }
}
