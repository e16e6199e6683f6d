package dev.dvalabs.cli;

import static dev.dvalabs.contract.Leftovers.assertNothingLeft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** A deploy killed at any point, then destroy: nothing is left. */
@ExtendWith(LocalEmulatorExtension.class)
class InterruptedDeployTest {

    @ParameterizedTest(name = "kill -9 of the toolkit {0} ms into a deploy, then destroy: nothing left")
    @ValueSource(ints = {300, 900, 1500, 2200, 3500})
    void killedDeployThenDestroy(int millis, LocalEmulator emulator) throws Exception {
        String endpoint = emulator.endpoint().orElseThrow().toString();
        Process deploy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Labs.class.getName(),
                "deploy", "practice-table", "--variant", "solution", "--target", "endpoint", "--endpoint", endpoint)
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        boolean finished = deploy.waitFor(millis, TimeUnit.MILLISECONDS);
        deploy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        LabsTest.Ran destroyed = LabsTest.run("destroy", "practice-table", "--target", "endpoint", "--endpoint", endpoint);
        assertThat(destroyed.exitCode()).as(destroyed.out() + destroyed.err()).isEqualTo(ExitCode.OK);
        assertNothingLeft(emulator, "practice-table");
        try (CloudFormationClient cloudFormation = emulator.client(CloudFormationClient.builder())) {
            assertThat(cloudFormation.describeStacks().stacks()).as("deploy finished before the kill: " + finished)
                    .noneMatch(s -> s.stackName().startsWith("DvaLabs-") && !s.stackStatusAsString().equals("DELETE_COMPLETE"));
        }
    }
}
