package dev.dvalabs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SynthesizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("the templates the build synthesized are the ones CDK synthesizes now, for every exercise and variant")
    void builtTemplatesMatchFreshSynthesis() throws Exception {
        for (Exercise exercise : Catalog.load().all()) {
            for (Variant variant : Variant.values()) {
                String stackName = ExerciseStack.nameOf(exercise.id(), variant);
                String built = Templates.built(stackName).orElseThrow(() -> new AssertionError(stackName + " was not built"));
                assertThat(JSON.readTree(built)).as(stackName).isEqualTo(JSON.readTree(Synthesizer.synthesize(exercise.id(), variant)));
            }
        }
    }

    @Test
    @DisplayName("every template tags nothing by run: the run tag is the stack's, so the template stays cacheable")
    void templatesCarryExerciseAndVariantTags() throws Exception {
        String solution = Synthesizer.template("dynamodb-gsi-ttl", Variant.SOLUTION);
        assertThat(solution).contains("\"dva-labs:exercise\"", "\"dynamodb-gsi-ttl\"", "\"dva-labs:variant\"", "\"solution\"")
                .doesNotContain("dva-labs:run");
    }
}
