package dev.dvalabs.cli;

import dev.dvalabs.testing.Jvm;
import static dev.dvalabs.contract.Leftovers.assertNothingLeft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** A deploy killed or stopped at any point, then destroy: nothing is left, and a stopped one says so. */
@ExtendWith(LocalEmulatorExtension.class)
class InterruptedDeployTest {

    @ParameterizedTest(name = "a deploy stopped by SIG{0} exits {1} and says what it left and how to remove it")
    @CsvSource({"TERM,143", "INT,130"})
    void signalledDeploySaysWhatStays(String signal, int exitCode, LocalEmulator emulator) throws Exception {
        Assumptions.assumeFalse(signal.equals("INT") && Jvm.ignoresSigint(), Jvm.SIGINT_IGNORED);
        String endpoint = emulator.endpoint().orElseThrow().toString();
        Process deploy = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-cp", System.getProperty("java.class.path"), Labs.class.getName(),
                "deploy", "practice-table", "--variant", "solution", "--target", "endpoint", "--endpoint", endpoint)
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("Deploying the solution"));
            assertThat(line).as("the deploy started").isNotNull();
            new ProcessBuilder("kill", "-" + signal, Long.toString(deploy.pid())).start().waitFor();
            String rest = new String(deploy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(deploy.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(deploy.exitValue()).as(rest).isEqualTo(exitCode);
            assertThat(rest).contains("Interrupted: what labs deploy created of practice-table so far stays on endpoint at "
                    + endpoint + " (us-east-1); labs destroy practice-table removes it.");
        } finally {
            deploy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            LabsTest.run("destroy", "practice-table", "--target", "endpoint", "--endpoint", endpoint);
        }
    }

    @ParameterizedTest(name = "kill -9 of the toolkit {0} ms into a deploy, then destroy: nothing left")
    @ValueSource(ints = {300, 900, 1500, 2200, 3500})
    void killedDeployThenDestroy(int millis, LocalEmulator emulator) throws Exception {
        String endpoint = emulator.endpoint().orElseThrow().toString();
        Process deploy = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
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
