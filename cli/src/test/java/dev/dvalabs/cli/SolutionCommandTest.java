package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** labs solution: the answer, opened on purpose, from the exercise's solution/ folder and its corpus. */
class SolutionCommandTest {

    @Test
    @DisplayName("labs solution lists the solution's files and the corpus' correct scripts, under a spoiler warning")
    void listsWhereTheAnswerIs() {
        LabsTest.Ran ran = LabsTest.run("solution", "dynamodb-gsi-ttl");

        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.OK);
        assertThat(ran.out().lines().findFirst()).hasValueSatisfying(first -> assertThat(first).startsWith("Spoiler:"));
        assertThat(ran.out()).contains("  exercises/dynamodb-gsi-ttl/solution/DynamodbGsiTtlSolution.java\n",
                "  exercises/dynamodb-gsi-ttl/corpus/correct.sh\n", "  exercises/dynamodb-gsi-ttl/corpus/correct-with-extras.sh\n",
                "labs deploy dynamodb-gsi-ttl --variant solution");
        assertThat(ran.out()).as("the starter and the mistakes are no answer")
                .doesNotContain("DynamodbGsiTtlStack.java", "mistake-");
    }

    @Test
    @DisplayName("an exercise's solution-only assets are listed with its stack (codedeploy's bundle)")
    void listsTheSolutionsAssets() {
        LabsTest.Ran ran = LabsTest.run("solution", "codedeploy-appspec-pipeline");

        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.OK);
        assertThat(ran.out()).contains("  exercises/codedeploy-appspec-pipeline/solution/bundle/appspec.yml\n",
                "  exercises/codedeploy-appspec-pipeline/solution/CodedeployAppspecPipelineSolution.java\n")
                .doesNotContain("starter-bundle");
    }

    @Test
    @DisplayName("--print prints the solution stack's source")
    void printsTheSolutionStack() {
        LabsTest.Ran ran = LabsTest.run("solution", "dynamodb-gsi-ttl", "--print");

        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.OK);
        assertThat(ran.out()).startsWith("Spoiler:")
                .contains("// exercises/dynamodb-gsi-ttl/solution/DynamodbGsiTtlSolution.java\n",
                        "public final class DynamodbGsiTtlSolution extends ExerciseStack", ".timeToLiveAttribute(\"expiresAt\")");
    }

    @Test
    @DisplayName("an unknown exercise is one sentence and exit 2")
    void unknownExercise() {
        LabsTest.Ran ran = LabsTest.run("solution", "nope");

        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err().strip()).startsWith("labs: Unknown exercise 'nope'; the exercises are: ").doesNotContain("\n", "Exception");
    }
}
