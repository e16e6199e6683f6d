package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Synthesizer;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every exercise gets without writing it: it is declared once and consistently, its templates are
 * the ones CDK makes and lint clean, and on the embedded emulator its solution passes (SKIP only for a
 * recorded deviation), its starter fails exactly the checks its exercise.yaml lists, and destroy leaves
 * nothing. It runs in the contract module, where every exercise is on the classpath, in the exercises folder.
 */
@ExtendWith(LocalEmulatorExtension.class)
class LabContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Exercise> exercises() {
        return Catalog.load().all().stream();
    }

    /** The exercises whose stacks deploy on the embedded emulator (not those whose home is a real account). */
    static Stream<Exercise> onTheEmulator() {
        return exercises().filter(e -> e.deploysOn("ministack"));
    }

    @Test
    @DisplayName("every folder with an exercise.yaml is a registered exercise, and every exercise has its folder")
    void foldersAndRegistrationsAgree() throws IOException {
        Set<String> folders;
        try (Stream<Path> children = Files.list(Path.of("."))) {
            folders = children.filter(p -> Files.exists(p.resolve("exercise.yaml")))
                    .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(Catalog.load().ids()).isNotEmpty().containsExactlyInAnyOrderElementsOf(folders);
    }

    @ParameterizedTest(name = "{0} is declared once, in its own folder")
    @MethodSource("exercises")
    void declaredInItsFolder(Exercise exercise) {
        Path folder = Path.of(exercise.id());
        assertThat(folder.resolve(exercise.lab().getClass().getSimpleName() + ".java")).as("the Lab's source").exists();
        assertConsistent(exercise);
    }

    /** What exercise.yaml, instructions.md and deviations.yaml say agrees with the verifier's checks. */
    static void assertConsistent(Exercise exercise) {
        assertThat(exercise.instructions()).contains("## Your tasks");
        assertThat(exercise.names()).isNotEmpty();
        assertThat(exercise.cost().describe()).contains("an hour on real AWS");
        List<String> ids = exercise.lab().verifier().checks().stream().map(c -> ((Check<?>) c).id()).toList();
        assertThat(ids).as("check ids").doesNotHaveDuplicates();
        assertThat(ids).as("exercise.yaml's starterFails").containsAll(exercise.starterFails());
        exercise.deviations().keySet().forEach(emulator -> assertThat(ids).as("deviations.yaml, " + emulator)
                .containsAll(exercise.checksSkippedOn(emulator)));
        exercise.lab().verifier().checks().forEach(c -> assertThat(c.hint()).as(c.id() + "'s hint").isNotBlank());
        Set<Integer> tasks = exercise.tasks().keySet();
        assertThat(tasks).as("the numbered tasks under ## Your tasks").isNotEmpty();
        Set<Integer> judged = new HashSet<>();
        for (var check : exercise.lab().verifier().checks()) {
            assertThat(tasks).as(check.id() + " names a task of instructions.md").contains(check.task());
            judged.add(check.task());
        }
        assertThat(judged).as("every task has a check that judges it").containsAll(tasks);
        // A title or hint names a resource by a {key} exercise.yaml declares, which the checklist fills with the name in
        // force; a path parameter (/orders/{id}) is no such name.
        for (var check : exercise.lab().verifier().checks()) {
            java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("(?<!/)\\{([A-Za-z][A-Za-z0-9]*)}")
                    .matcher(check.title() + " " + check.hint());
            while (placeholder.find()) {
                assertThat(exercise.names()).as(check.id() + " names {" + placeholder.group(1) + "}").containsKey(placeholder.group(1));
            }
        }
        // No spoilers beside the tasks: the worked answers (corpus/) and the solution's folder (solution/) are
        // named only under the closing ## Solutions heading.
        String text = exercise.instructions();
        for (String answers : List.of("corpus/", "solution/")) {
            int first = text.indexOf(answers);
            if (first >= 0) {
                int solutions = text.lastIndexOf("\n## Solutions");
                assertThat(solutions).as("instructions.md names " + answers + " only under a closing ## Solutions heading")
                        .isPositive().isLessThan(first);
                assertThat(text.indexOf("\n## ", solutions + 1)).as("## Solutions is the last heading").isNegative();
            }
        }
    }

    @Test
    @DisplayName("every aws command a hint shows is one the pinned AWS CLI accepts, names filled in")
    void hintCommandsAreTypeable() {
        List<HintCommands.Command> commands = new ArrayList<>();
        List<String> where = new ArrayList<>();
        exercises().forEach(exercise -> exercise.lab().verifier().checks().forEach(check ->
                HintCommands.in(check.hint(), exercise.names()).forEach(command -> {
                    commands.add(command);
                    where.add(exercise.id() + " " + check.id() + ": " + command.written());
                })));
        List<String> said = HintCommands.complaints(commands);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < said.size(); i++) {
            if (said.get(i) != null) {
                refused.add(where.get(i) + "\n    " + said.get(i).replace("\n", "\n    "));
            }
        }
        assertThat(refused).as("hint commands the pinned AWS CLI refuses").isEmpty();
    }

    @ParameterizedTest(name = "{0}: the built templates are the ones CDK synthesizes now")
    @MethodSource("exercises")
    void builtTemplatesMatchFreshSynthesis(Exercise exercise) throws IOException {
        for (Variant variant : Variant.values()) {
            for (TargetKind kind : TargetKind.values()) {
                String stackName = ExerciseStack.nameOf(exercise.id(), variant);
                String built = Templates.built(stackName, kind).orElseThrow(() -> new AssertionError(stackName + " was not built"));
                assertThat(JSON.readTree(built)).as(stackName + " for " + kind.label())
                        .isEqualTo(JSON.readTree(Synthesizer.synthesize(exercise.lab(), variant, kind)));
                assertThat(built).as(stackName + " tags").contains("\"dva-labs:exercise\"", "\"" + exercise.id() + "\"")
                        .doesNotContain("dva-labs:run");
            }
        }
    }

    @Test
    @DisplayName("cfn-lint finds no error in any template of any exercise")
    void templatesLintClean(@TempDir Path dir) throws Exception {
        List<Path> templates = new ArrayList<>();
        for (Exercise exercise : Catalog.load().all()) {
            for (Variant variant : Variant.values()) {
                String stackName = ExerciseStack.nameOf(exercise.id(), variant);
                String emulators = Templates.built(stackName, TargetKind.EMULATOR).orElseThrow();
                templates.add(Files.writeString(dir.resolve(stackName + ".json"), emulators));
                String aws = Templates.built(stackName, TargetKind.AWS).orElseThrow();
                if (!aws.equals(emulators)) {
                    templates.add(Files.writeString(dir.resolve(stackName + "-aws.json"), aws));
                }
            }
        }
        CfnLint.Findings findings = CfnLint.lint(templates);
        assertThat(findings.errors()).as(findings.output()).isFalse();
    }

    @ParameterizedTest(name = "{0}: the solution passes on the embedded emulator, and destroy leaves nothing")
    @MethodSource("onTheEmulator")
    void solutionPasses(Exercise exercise, LocalEmulator emulator) {
        assertSolutionPasses(exercise, emulator);
    }

    static void assertSolutionPasses(Exercise exercise, LocalEmulator emulator) {
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        Loop.Ran ran = new Loop(emulator, out).run(exercise, Variant.SOLUTION, report -> {});
        Report report = ran.report();
        assertThat(report.ids(Status.FAIL)).as("FAIL").isEmpty();
        assertThat(report.ids(Status.ERROR)).as("ERROR").isEmpty();
        assertThat(report.ids(Status.SKIP)).as("SKIP exactly where a deviation is recorded, none stale")
                .isEqualTo(exercise.checksSkippedOn("ministack"));
        assertThat(report.outcomes()).filteredOn(o -> o.status() == Status.SKIP)
                .allSatisfy(o -> assertThat(o.result().observed()).as(o.id()).contains("known deviation of local"));
        assertThat(ran.teardown().removed()).contains("stack " + ExerciseStack.nameOf(exercise.id(), Variant.SOLUTION));
        assertNothingLeft(exercise, emulator, ran.teardown());
    }

    @ParameterizedTest(name = "{0}: the starter fails exactly the checks exercise.yaml lists, each with a hint")
    @MethodSource("onTheEmulator")
    void starterFailsItsListedChecks(Exercise exercise, LocalEmulator emulator) {
        assertStarterFailsItsListedChecks(exercise, emulator);
    }

    static void assertStarterFailsItsListedChecks(Exercise exercise, LocalEmulator emulator) {
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        Loop.Ran ran = new Loop(emulator, out).run(exercise, Variant.STARTER, report -> {});
        Report report = ran.report();
        Set<String> expected = new HashSet<>(exercise.starterFails());
        expected.removeAll(report.ids(Status.SKIP));
        assertThat(exercise.deviationsOn("ministack").keySet()).containsAll(report.ids(Status.SKIP));
        assertThat(report.ids(Status.FAIL)).isEqualTo(expected);
        assertThat(report.ids(Status.ERROR)).isEmpty();
        assertThat(report.outcomes()).filteredOn(o -> o.status() == Status.FAIL)
                .allSatisfy(o -> assertThat(o.hint()).as(o.id()).isNotBlank());
        assertNothingLeft(exercise, emulator, ran.teardown());
    }

    private static void assertNothingLeft(Exercise exercise, LocalEmulator emulator, Teardown.Result teardown) {
        assertThat(teardown.remaining()).isEmpty();
        Leftovers.assertNothingLeft(emulator, exercise.id());
    }
}
