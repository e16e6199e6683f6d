package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;

/**
 * No spoilers unless asked: what a learner works with in {@code exercises/<id>/} holds the starter only, and the
 * answer lives apart under {@code solution/}, opened on purpose ({@code labs solution <id>}). Runs in the exercises
 * module, whose working directory holds every exercise's folder.
 */
class SolutionApartTest {

    /** A stack branching on its variant, or a step doing the solution's part: the answer beside the starter. */
    private static final Pattern BUILDS_THE_SOLUTION = Pattern.compile("\\bsolution\\(\\)|Variant\\.SOLUTION\\b");

    static Stream<Exercise> exercises() {
        return Catalog.load().all().stream();
    }

    @ParameterizedTest(name = "{0}: no file a learner works with builds the solution")
    @MethodSource("exercises")
    void noSolutionBesideTheStarter(Exercise exercise) throws IOException {
        assertNoSolutionBesideTheStarter(Path.of(exercise.id()));
    }

    @ParameterizedTest(name = "{0}: the solution stack is a class of its own under solution/, the starter's beside the Lab")
    @MethodSource("exercises")
    void solutionStackLivesApart(Exercise exercise) {
        assertSolutionApart(exercise, Path.of(exercise.id()));
    }

    /** No Java file of the folder outside solution/, corpus/ and test/ branches on the solution or does its part. */
    static void assertNoSolutionBesideTheStarter(Path folder) throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(folder)) {
            offending = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !underAny(folder.relativize(p), "solution", "corpus", "test"))
                    .filter(p -> BUILDS_THE_SOLUTION.matcher(read(p)).find())
                    .map(Path::toString).toList();
        }
        assertThat(offending).as("files that build the solution beside the starter").isEmpty();
    }

    /**
     * The starter's class sits beside the Lab and says it is the file to edit and where the answer is; the
     * solution's is in the sub-package {@code solution}, its source under {@code solution/}, and neither extends nor
     * names the starter, so that the learner's edits cannot change the answer.
     */
    static void assertSolutionApart(Exercise exercise, Path folder) {
        Class<?> lab = exercise.lab().getClass();
        Class<? extends ExerciseStack> starter = exercise.lab().starter(new App()).getClass();
        Class<? extends ExerciseStack> solution = exercise.lab().solution(new App()).getClass();

        assertThat(starter.getPackageName()).as("the starter's package").isEqualTo(lab.getPackageName());
        Path starterSource = folder.resolve(starter.getSimpleName() + ".java");
        assertThat(starterSource).as("the starter's source").exists();
        assertThat(read(starterSource)).as(starterSource + " says it is the file to edit and where the answer is")
                .contains("the file to edit").contains("./labs solution " + exercise.id());
        assertThat(solution.getPackageName()).as("the solution's package").isEqualTo(lab.getPackageName() + ".solution");
        Path solutionSource = folder.resolve("solution").resolve(solution.getSimpleName() + ".java");
        assertThat(solutionSource).as("the solution's source").exists();
        assertThat(starter.isAssignableFrom(solution)).as(solution + " extends " + starter).isFalse();
        assertThat(read(solutionSource)).as(solutionSource + " names the starter").doesNotContain(starter.getSimpleName());
    }

    /** Whether a path relative to an exercise's folder lies in one of its sub-folders {@code folders}. */
    static boolean underAny(Path relative, String... folders) {
        return relative.getNameCount() > 1 && List.of(folders).contains(relative.getName(0).toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
