package dev.dvalabs.cli;

import static dev.dvalabs.contract.Leftovers.assertNothingLeft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.FaultProxy;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.verify.Check;
import org.junit.jupiter.api.extension.ExtendWith;

/** The toolkit under faults: throttling, 500s and dropped connections; an emulator that dies. */
@ExtendWith(LocalEmulatorExtension.class)
class FaultsTest {

    private static final Pattern CHECK_LINE = Pattern.compile("^  (PASS|FAIL|SKIP|ERROR) +(\\S+) ", Pattern.MULTILINE);

    private static List<String> checklist(String out) {
        Matcher m = CHECK_LINE.matcher(out);
        return Stream.iterate(m.find(), found -> found, found -> m.find()).map(found -> m.group(1) + " " + m.group(2)).toList();
    }

    static Stream<Exercise> exercises() {
        return Catalog.load().all().stream();
    }

    /**
     * What {@code labs run} ends with, without faults: where the stacks deploy, what the contract test holds
     * every solution to (exit 0, each check PASS, SKIP exactly where a deviation is recorded), so the run
     * without faults is the contract test's; elsewhere, whatever a run without faults says.
     */
    private static LabsTest.Ran withoutFaults(Exercise exercise, String endpoint) {
        return exercise.deploysOn("ministack") ? null : LabsTest.run("run", exercise.id(), "--target", "endpoint", "--endpoint", endpoint);
    }

    private static List<String> contractChecklist(Exercise exercise) {
        return exercise.lab().verifier().checks().stream().map(Check::id)
                .map(id -> (exercise.checksSkippedOn("ministack").contains(id) ? "SKIP " : "PASS ") + id).toList();
    }

    @ParameterizedTest(name = "with one request in five faulted, labs run {0} ends as it does without faults, and leaves nothing")
    @MethodSource("exercises")
    void sameChecklistUnderFaults(Exercise exercise, LocalEmulator emulator) {
        LabsTest.Ran clean = withoutFaults(exercise, emulator.endpoint().orElseThrow().toString());
        int exitCode = clean == null ? ExitCode.OK : clean.exitCode();
        try (FaultProxy proxy = FaultProxy.in(emulator.endpoint().orElseThrow(), 0.2, 20261123L)) {
            LabsTest.Ran faulty = LabsTest.run("run", exercise.id(), "--target", "endpoint", "--endpoint", proxy.endpoint().toString());
            assertThat(proxy.faulted()).as("faults injected").isPositive();
            assertThat(faulty.exitCode()).as(faulty.out() + faulty.err()).isEqualTo(exitCode);
            assertThat(checklist(faulty.out())).as(faulty.out())
                    .isEqualTo(clean == null ? contractChecklist(exercise) : checklist(clean.out()));
            if (exitCode == ExitCode.OK) {
                assertThat(checklist(faulty.out())).isNotEmpty();
                assertThat(faulty.out()).contains("Nothing of " + exercise.id() + " is left");
            }
        }
        assertNothingLeft(emulator, exercise.id());
    }

    @Test
    @DisplayName("an emulator that dies mid-run gives one clear sentence and exit 3, and the next run recovers")
    void emulatorDiesMidRun() {
        LocalEmulator doomed = LocalEmulator.start();
        String endpoint = doomed.endpoint().orElseThrow().toString();
        assertThat(LabsTest.run("deploy", "practice-table", "--target", "endpoint", "--endpoint", endpoint).exitCode())
                .isEqualTo(ExitCode.OK);
        doomed.stop();
        LabsTest.Ran after = LabsTest.run("verify", "practice-table", "--target", "endpoint", "--endpoint", endpoint);
        assertThat(after.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(after.err()).startsWith("labs: could not reach AWS").doesNotContain("\tat ");
        assertThat(after.err().lines().count()).isEqualTo(1);
        try (LocalEmulator fresh = LocalEmulator.start()) {
            LabsTest.Ran recovered = LabsTest.run("run", "practice-table", "--target", "endpoint",
                    "--endpoint", fresh.endpoint().orElseThrow().toString());
            assertThat(recovered.exitCode()).isEqualTo(ExitCode.OK);
        }
    }
}
