package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.probe.Repository;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * codecommit-codebuild: the repository's first commit, the site the build copies, pushed through the API
 * (a template cannot fill a repository without CDK assets). A repository that already has main is left alone.
 */
final class CodecommitCodebuildAfterDeploy implements AfterDeploy {

    static final String SITE_PATH = "site/index.html";

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        String repository = ExerciseStack.declaredNames(new CodecommitCodebuild().id()).get("repository").toString();
        Optional<String> commit = Repository.firstCommit(target, repository, CodecommitCodebuildStack.BRANCH, SITE_PATH, site(),
                "The site the build copies");
        out.println(commit.map(id -> "Committed " + SITE_PATH + " to " + repository + " (" + id + ") on "
                        + CodecommitCodebuildStack.BRANCH + "; a pipeline, when there is one, builds it.")
                .orElse(repository + " already has " + CodecommitCodebuildStack.BRANCH + "; left as it is."));
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
