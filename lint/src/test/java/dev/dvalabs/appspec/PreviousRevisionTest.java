package dev.dvalabs.appspec;

import static dev.dvalabs.appspec.TestBundles.HEAD;
import static dev.dvalabs.appspec.TestBundles.event;
import static dev.dvalabs.appspec.TestBundles.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dvalabs.appspec.Rehearsal.Status;

@DisplayName("A rehearsal's previous revision")
class PreviousRevisionTest {

    @TempDir
    Path work;

    /** A revision whose three "old revision" hooks and one new-revision hook each leave a mark naming the revision. */
    private Path revision(String name) throws Exception {
        String mark = "#!/bin/sh\necho \"" + name + " $LIFECYCLE_EVENT\" >> \"$DVA_LABS_SCRATCH_ROOT/marks\"\n";
        return TestBundles.bundle(work.resolve(name), HEAD + """
                hooks:
                  BeforeBlockTraffic:
                    - location: mark.sh
                  AfterBlockTraffic:
                    - location: mark.sh
                  ApplicationStop:
                    - location: mark.sh
                  BeforeInstall:
                    - location: mark.sh
                """, Map.of("mark.sh", mark));
    }

    @Test
    @DisplayName("is absent on a first deployment: ApplicationStop and the block-traffic hooks are Skipped, saying why, and the new revision's are not run")
    void firstDeploymentSkips() throws Exception {
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(revision("new"));

        assertThat(statuses(result)).containsEntry("BeforeBlockTraffic", Status.Skipped)
                .containsEntry("AfterBlockTraffic", Status.Skipped).containsEntry("ApplicationStop", Status.Skipped)
                .containsEntry("BeforeInstall", Status.Succeeded);
        assertThat(event(result, "ApplicationStop").output())
                .contains("no previous revision").contains("last successful revision").contains("first deployment");
        assertThat(scratch.resolve("marks")).hasContent("new BeforeInstall");
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    @DisplayName("runs ApplicationStop, BeforeBlockTraffic and AfterBlockTraffic from the previous revision's AppSpec and scripts")
    void previousRunsTheStopHooks() throws Exception {
        Path scratch = work.resolve("scratch");
        Path old = revision("old");
        Path current = revision("new");

        Rehearsal.Result result = new Rehearsal(scratch).run(current, Optional.of(old));

        assertThat(result.succeeded()).as(result.events().toString()).isTrue();
        assertThat(Files.readAllLines(scratch.resolve("marks"))).containsExactly(
                "old BeforeBlockTraffic", "old AfterBlockTraffic", "old ApplicationStop", "new BeforeInstall");
        assertThat(event(result, "ApplicationStop").output()).contains("from the previous revision " + old.toRealPath());
    }

    @Test
    @DisplayName("runs nothing when the previous revision has no ApplicationStop, even if the new one has")
    void previousWithoutStop() throws Exception {
        Path scratch = work.resolve("scratch");
        Path old = TestBundles.bundle(work.resolve("old"), HEAD, Map.of());

        Rehearsal.Result result = new Rehearsal(scratch).run(revision("new"), Optional.of(old));

        assertThat(statuses(result)).containsEntry("ApplicationStop", Status.Succeeded);
        assertThat(event(result, "ApplicationStop").scripts()).isEmpty();
        assertThat(scratch.resolve("marks")).hasContent("new BeforeInstall");
    }

    @Test
    @DisplayName("stops the deployment when its ApplicationStop fails, as the agent does")
    void failingPreviousStopStops() throws Exception {
        Path old = TestBundles.bundle(work.resolve("old"), HEAD + "hooks:\n  ApplicationStop:\n    - location: stop.sh\n",
                Map.of("stop.sh", "#!/bin/sh\necho cannot stop\nexit 4\n"));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(revision("new"), Optional.of(old));

        assertThat(statuses(result)).containsEntry("ApplicationStop", Status.Failed).containsEntry("BeforeInstall", Status.Skipped)
                .containsEntry("Install", Status.Skipped);
        assertThat(event(result, "ApplicationStop").exitCode()).hasValue(4);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    @DisplayName("with lint errors is refused before anything runs")
    void brokenPreviousRefused() throws Exception {
        Path old = TestBundles.bundle(work.resolve("old"), HEAD + "hooks:\n  ApplicationStop:\n    - location: missing.sh\n", Map.of());
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(revision("new"), Optional.of(old));

        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("previous revision").contains("lint errors"));
        assertThat(result.events()).isEmpty();
        assertThat(scratch).doesNotExist();
    }
}
