package dev.dvalabs.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.PythonHandlers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Destroy deletes the log group Lambda made for the exercise's function, and a group its logging config
 * names only when that group's own tags say it is the exercise's: a learner's group stays, with a line.
 */
@ExtendWith(LocalEmulatorExtension.class)
class FunctionLogGroupsTest {

    private static final String EXERCISE = "log-groups";

    @Test
    void aLearnersGroupTheFunctionWasPointedAtStaysAndTheDefaultGroupGoes(LocalEmulator emulator) {
        try (LambdaClient lambda = emulator.client(LambdaClient.builder());
             CloudWatchLogsClient logs = emulator.client(CloudWatchLogsClient.builder())) {
            Instant stackCreated = Instant.now().minusSeconds(5);
            logs.createLogGroup(r -> r.logGroupName("/learner/app-logs"));
            function(lambda, "log-groups-learners", "/learner/app-logs");
            logs.createLogGroup(r -> r.logGroupName("/aws/lambda/log-groups-learners"));
            StringWriter said = new StringWriter();

            List<String> removed = FunctionLeftovers.of(emulator, EXERCISE, stackCreated, List.of("log-groups-learners"), Set.of())
                    .afterStackDelete(new PrintWriter(said, true));

            assertThat(removed).containsExactly("log group /aws/lambda/log-groups-learners (written by the exercise's function)");
            assertThat(groups(logs)).contains("/learner/app-logs").doesNotContain("/aws/lambda/log-groups-learners");
            assertThat(said.toString()).contains("Left log group /learner/app-logs as it is",
                    "do not say dva-labs:exercise=" + EXERCISE);
        }
    }

    @Test
    void aGroupTheFunctionWasPointedAtThatCarriesTheExercisesTagGoes(LocalEmulator emulator) {
        try (LambdaClient lambda = emulator.client(LambdaClient.builder());
             CloudWatchLogsClient logs = emulator.client(CloudWatchLogsClient.builder())) {
            logs.createLogGroup(r -> r.logGroupName("/exercise/tagged-logs").tags(Map.of("dva-labs:exercise", EXERCISE)));
            function(lambda, "log-groups-tagged", "/exercise/tagged-logs");

            List<String> removed = FunctionLeftovers.of(emulator, EXERCISE, Instant.now().minusSeconds(5),
                    List.of("log-groups-tagged"), Set.of()).afterStackDelete(new PrintWriter(new StringWriter(), true));

            assertThat(removed).containsExactly("log group /exercise/tagged-logs (tagged dva-labs:exercise=" + EXERCISE
                    + ", written by the exercise's function)");
            assertThat(groups(logs)).doesNotContain("/exercise/tagged-logs");
        }
    }

    private static void function(LambdaClient lambda, String name, String logGroup) {
        lambda.createFunction(r -> r.functionName(name).runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/log-groups").handler("index.handler")
                .code(c -> c.zipFile(PythonHandlers.zip(PythonHandlers.ECHO))));
        lambda.updateFunctionConfiguration(r -> r.functionName(name).loggingConfig(l -> l.logFormat("Text").logGroup(logGroup)));
    }

    private static List<String> groups(CloudWatchLogsClient logs) {
        return logs.describeLogGroupsPaginator(r -> r.limit(50)).logGroups().stream().map(g -> g.logGroupName()).toList();
    }
}
