package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.BranchDoesNotExistException;

/**
 * codecommit-codebuild: the repository's first commit, the site the build copies, pushed through the API
 * (a template cannot fill a repository without CDK assets). A repository that already has main is left alone.
 */
final class CodecommitCodebuildAfterDeploy implements AfterDeploy {

    static final String SITE_PATH = "site/index.html";

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        try (CodeCommitClient codeCommit = target.client(CodeCommitClient.builder())) {
            try {
                codeCommit.getBranch(r -> r.repositoryName(CodecommitCodebuildStack.REPOSITORY).branchName(CodecommitCodebuildStack.BRANCH));
                out.println(CodecommitCodebuildStack.REPOSITORY + " already has " + CodecommitCodebuildStack.BRANCH + "; left as it is.");
                return;
            } catch (BranchDoesNotExistException e) {
                // An empty repository: its first commit creates the branch.
            }
            target.approveWrites("commit " + SITE_PATH + " to " + CodecommitCodebuildStack.REPOSITORY);
            String commit = codeCommit.putFile(r -> r.repositoryName(CodecommitCodebuildStack.REPOSITORY)
                    .branchName(CodecommitCodebuildStack.BRANCH).filePath(SITE_PATH).fileContent(SdkBytes.fromByteArray(site()))
                    .commitMessage("The site the build copies").name("dva-labs")).commitId();
            out.println("Committed " + SITE_PATH + " to " + CodecommitCodebuildStack.REPOSITORY + " (" + commit + ") on "
                    + CodecommitCodebuildStack.BRANCH + "; a pipeline, when there is one, builds it.");
        }
    }

    static byte[] site() {
        String path = "exercises/" + new CodecommitCodebuild().id() + "/" + SITE_PATH;
        try (InputStream in = CodecommitCodebuildAfterDeploy.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the build has no " + path + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
