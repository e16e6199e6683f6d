package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.probe.Poll;
import dev.dvalabs.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;

/**
 * The verifier's one write: a commit of {@code dva-labs-verify/<run>.txt} to main through the API, as a
 * learner's git push would land, so that the pipeline runs and the notification rule fires. {@link #undo()}
 * deletes the file again in a commit of its own.
 */
final class Push {

    /** How long to wait for what a push sets off, and how often to look: a pipeline run takes minutes on AWS. */
    static final Poll AWS = new Poll(Duration.ofMinutes(15), Duration.ofSeconds(15));

    /** The commit and when it was made. */
    record Commit(String id, Instant at) {}

    private final Target target;
    private final String repository;
    private final String path;
    private volatile boolean pushed;
    private final AtomicBoolean undone = new AtomicBoolean();

    Push(Target target, String repository, String run) {
        this.target = target;
        this.repository = repository;
        this.path = "dva-labs-verify/" + run + ".txt";
    }

    static String newRun() {
        return "dva-labs-verify-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Commit commit(CodeCommitClient codeCommit, String parent) {
        target.approveWrites("commit " + path + " to " + repository + " " + CodecommitCodebuildStack.BRANCH);
        Instant at = Instant.now();
        String id = codeCommit.putFile(r -> r.repositoryName(repository).branchName(CodecommitCodebuildStack.BRANCH)
                .parentCommitId(parent).filePath(path)
                .fileContent(SdkBytes.fromUtf8String("Written by labs verify to start the pipeline; deleted when it is done.\n"))
                .commitMessage("dva-labs verify: a commit to watch the pipeline run").name("dva-labs")).commitId();
        pushed = true;
        return new Commit(id, at);
    }

    /** Deletes the verifier's file in a commit of its own; once, and only when it was pushed. Safe from another thread. */
    void undo() {
        if (!pushed || !undone.compareAndSet(false, true)) {
            return;
        }
        try (CodeCommitClient codeCommit = target.client(CodeCommitClient.builder())) {
            String head = codeCommit.getBranch(r -> r.repositoryName(repository).branchName(CodecommitCodebuildStack.BRANCH))
                    .branch().commitId();
            codeCommit.deleteFile(r -> r.repositoryName(repository).branchName(CodecommitCodebuildStack.BRANCH)
                    .filePath(path).parentCommitId(head).commitMessage("dva-labs verify: done, its file removed").name("dva-labs"));
        } catch (AwsServiceException e) {
            // The file is gone already (the learner removed it), or the branch moved under us: try again next time.
            undone.set(false);
        }
    }
}
