package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.probe.Repository;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.FileDoesNotExistException;

/**
 * The verifier's one write: a commit of {@code dva-labs-verify/<run>.txt} to main through the API, as a
 * learner's git push would land, so that the pipeline runs and the notification rule fires. The session
 * journals it first ({@link Committed}) and deletes the file again in a commit of its own however verify ends.
 */
final class Push {

    /** How long to wait for what a push sets off, and how often to look: a pipeline run takes minutes on AWS. */
    static final Duration DEADLINE = Duration.ofMinutes(15);
    static final Duration INTERVAL = Duration.ofSeconds(15);

    /** The commit and when it was made. */
    record Commit(String id, Instant at) {}

    /** The verifier's file on the branch, by its exact path; undone by a commit deleting it (gone already: nothing to do). */
    record Committed(String repository, String branch, String path) implements Write {
        @Override
        public void undo(Session session) {
            CodeCommitClient codeCommit = session.client(CodeCommitClient.class);
            try {
                String head = codeCommit.getBranch(r -> r.repositoryName(repository).branchName(branch)).branch().commitId();
                codeCommit.deleteFile(r -> r.repositoryName(repository).branchName(branch).filePath(path).parentCommitId(head)
                        .commitMessage("dva-labs verify: done, its file removed").name("dva-labs"));
            } catch (FileDoesNotExistException gone) {
                // Never committed, or the learner removed it.
            }
        }

        @Override
        public String describe() {
            return path + " committed to " + repository + " " + branch;
        }
    }

    private Push() {}

    static Commit commit(Session session, Repository repository, String run) {
        String path = "dva-labs-verify/" + run + ".txt";
        CodeCommitClient codeCommit = session.client(CodeCommitClient.class);
        String parent = repository.head(codeCommit, CodecommitCodebuildStack.BRANCH);
        session.target().approveWrites("commit " + path + " to " + repository.name() + " " + CodecommitCodebuildStack.BRANCH);
        Instant at = session.now();
        String id = session.write(java.util.List.of(new Committed(repository.name(), CodecommitCodebuildStack.BRANCH, path)),
                () -> codeCommit.putFile(r -> r.repositoryName(repository.name()).branchName(CodecommitCodebuildStack.BRANCH)
                        .parentCommitId(parent).filePath(path)
                        .fileContent(SdkBytes.fromUtf8String("Written by labs verify to start the pipeline; deleted when it is done.\n"))
                        .commitMessage("dva-labs verify: a commit to watch the pipeline run").name("dva-labs")).commitId());
        return new Commit(id, at);
    }
}
