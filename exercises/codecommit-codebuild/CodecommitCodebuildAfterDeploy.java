package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.BundleZip;
import dev.dvalabs.probe.Repository;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
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
        return BundleZip.file(new CodecommitCodebuild().id(), SITE_PATH);
    }
}
