package dev.dvalabs.exercises.codedeployappspecpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.AppSpecLinter;
import dev.dvalabs.appspec.Finding;
import dev.dvalabs.appspec.LifecycleEvents;
import dev.dvalabs.appspec.Rehearsal;
import dev.dvalabs.appspec.Rehearsal.EventResult;
import dev.dvalabs.appspec.Rehearsal.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercise's own bundles through the AppSpec linter and a local rehearsal. */
class BundleRehearsalTest {

    /** The exercise's folder: the tests run in the exercises module's directory. */
    static final Path CATALOG = Path.of(new CodedeployAppspecPipeline().id());

    @TempDir
    Path work;

    @Test
    @DisplayName("runs the exercise's solution bundle as a first deployment: the previous revision's events Skipped, "
            + "every other event Succeeded and the page under the scratch root")
    void solutionBundleSucceeds() throws Exception {
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(CATALOG.resolve("solution/bundle"));

        assertThat(result.refusal()).isEmpty();
        // Every EC2 hook, in CodeDeploy's order; the ones the agent runs from the last successful revision are
        // Skipped on a first deployment, and everything the new revision runs succeeds.
        assertThat(result.events()).extracting(EventResult::event).containsExactlyElementsOf(LifecycleEvents.SERVER_REHEARSED)
                .containsExactly("BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop", "BeforeInstall", "Install",
                        "AfterInstall", "ApplicationStart", "ValidateService", "BeforeAllowTraffic", "AfterAllowTraffic");
        List<String> fromPrevious = List.of("BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop");
        assertThat(LifecycleEvents.FROM_LAST_SUCCESSFUL).containsExactlyInAnyOrderElementsOf(fromPrevious);
        for (EventResult e : result.events()) {
            Status expected = fromPrevious.contains(e.event()) ? Status.Skipped : Status.Succeeded;
            assertThat(e.status()).as(e.event() + ": " + e.output()).isEqualTo(expected);
        }
        assertThat(event(result, "ApplicationStop").output()).contains("no previous revision");
        assertThat(result.succeeded()).isTrue();
        assertThat(scratch.resolve("var/www/html/index.html")).content().contains("Deployed with CodeDeploy");
        assertThat(scratch.resolve("var/www/html/deployment.txt")).content().containsPattern("deployment_id=d-[A-Z0-9]{9}");
        EventResult validate = event(result, "ValidateService");
        assertThat(validate.output()).contains("validated").contains("runas root (not switched)");
        assertThat(validate.scripts()).singleElement().satisfies(s -> assertThat(s.runas()).contains("root"));
    }

    private static EventResult event(Rehearsal.Result result, String name) {
        return result.events().stream().filter(e -> e.event().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event in " + result.events()));
    }

    @Test
    @DisplayName("finds exactly the starter bundle's four deliberate mistakes once its README's copy is made")
    void starterBundleMistakes() throws Exception {
        Path copy = Files.createDirectories(work.resolve("my-bundle"));
        Files.copy(CATALOG.resolve("starter-bundle/appspec.yml"), copy.resolve("appspec.yml"));
        Rehearsal.copyTree(CATALOG.resolve("solution/bundle/site"), copy.resolve("site"));
        Rehearsal.copyTree(CATALOG.resolve("solution/bundle/scripts"), copy.resolve("scripts"));

        List<Finding> findings = new AppSpecLinter().lint(copy.resolve("appspec.yml"));

        assertThat(findings).extracting(Finding::ruleId, Finding::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("files-destination-missing", 6),
                org.assertj.core.groups.Tuple.tuple("hook-reserved", 12),
                org.assertj.core.groups.Tuple.tuple("timeout-too-long", 18),
                org.assertj.core.groups.Tuple.tuple("hook-location-missing", 21));
    }
}
