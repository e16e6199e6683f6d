package dev.dvalabs.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.DvaLabsApp;
import dev.dvalabs.cdk.ExerciseStack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private final Catalog catalog = Catalog.load();

    @Test
    @DisplayName("every exercise joins instructions, a stack, a verifier and a test by its id")
    void everyExerciseHasItsFourParts() {
        assertThat(catalog.all()).isNotEmpty();
        for (Exercise exercise : catalog.all()) {
            assertThat(exercise.instructions()).as(exercise.id()).contains("## Your tasks");
            assertThat(exercise.stackClass()).as(exercise.id()).isNotNull();
            assertThat(exercise.verifier()).as(exercise.id()).isNotNull();
            assertThat(exercise.names()).as(exercise.id()).isNotEmpty();
            String test = ExerciseStack.pascal(exercise.id()) + "Test.java";
            assertThat(Files.exists(Path.of("src/test/java/dev/dvalabs/exercise", test))).as(test).isTrue();
        }
    }

    @Test
    @DisplayName("every stack class in cdk/ belongs to an exercise of the catalog")
    void noStackWithoutExercise() {
        for (Class<? extends ExerciseStack> stack : DvaLabsApp.stackClasses()) {
            assertThat(catalog.find(ExerciseStack.exerciseId(stack))).as(stack.getSimpleName()).isPresent();
        }
    }

    @Test
    @DisplayName("every exercise states its cost on real AWS")
    void costStated() {
        catalog.all().forEach(e -> assertThat(e.cost().describe()).as(e.id()).contains("an hour on real AWS"));
    }
}
