package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.AwsCommandLine;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The by-hand way: labs aws and labs env point the pinned AWS CLI at the emulator, SQS included. */
@ExtendWith(LocalEmulatorExtension.class)
@DisplayName("The AWS CLI at hand")
class ByHandTest {

    record Ran(int exitCode, String out, String err) {}

    @TempDir
    Path state;

    private String endpoint;

    @BeforeEach
    void isolate(LocalEmulator emulator) {
        System.setProperty("dva-labs.state-dir", state.toString()); // never a learner's kept emulator
        endpoint = emulator.endpoint().orElseThrow().toString();
    }

    @AfterEach
    void restore() {
        System.clearProperty("dva-labs.state-dir");
    }

    private static Ran labs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Labs.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Ran(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("labs aws reaches SQS on the emulator, which AWS CLI v1 sends to AWS with AWS_ENDPOINT_URL alone")
    void labsAwsReachesSqs() {
        String queue = "by-hand-" + UUID.randomUUID().toString().substring(0, 8);
        Ran created = labs("aws", "--target", "endpoint", "--endpoint", endpoint, "sqs", "create-queue", "--queue-name", queue);
        assertThat(created.exitCode()).as(created.err()).isZero();
        Ran listed = labs("aws", "--target", "endpoint", "--endpoint", endpoint, "sqs", "list-queues", "--output", "text");
        assertThat(listed.out()).contains(queue);
        labs("aws", "--target", "endpoint", "--endpoint", endpoint, "sqs", "delete-queue", "--queue-url", queueUrl(listed.out(), queue));
    }

    @Test
    @DisplayName("a shell that evaluates labs env reaches SQS and DynamoDB on the emulator with the pinned CLI")
    void evalLabsEnv() throws Exception {
        Ran env = labs("env", "--target", "endpoint", "--endpoint", endpoint, "--shell", "bash");
        assertThat(env.out()).contains("export AWS_ENDPOINT_URL='" + endpoint + "'", "export AWS_DEFAULT_REGION=",
                "export AWS_REGION=", "unset AWS_PROFILE", "aws() {");
        Path aws = AwsCommandLine.install(new LocalEmulator.Options());
        String queue = "by-hand-" + UUID.randomUUID().toString().substring(0, 8);
        Path script = Files.writeString(state.resolve("by-hand.sh"), env.out() + "\n"
                + "aws sqs create-queue --queue-name " + queue + " >/dev/null\n"
                + "aws sqs list-queues --output text\n"
                + "aws dynamodb list-tables --output text >/dev/null\n"
                + "aws sqs delete-queue --queue-url \"$(aws sqs get-queue-url --queue-name " + queue + " --output text)\"\n");
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).redirectErrorStream(true);
        bash.environment().put("PATH", aws.getParent() + ":" + System.getenv("PATH"));
        bash.environment().put("AWS_PROFILE", "a-learners-real-profile"); // set aside by labs env
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(queue);
    }

    @Test
    @DisplayName("fish gets set -gx and a fish function")
    void fish() {
        Ran env = labs("env", "--target", "endpoint", "--endpoint", endpoint, "--shell", "fish");
        assertThat(env.out()).contains("set -gx AWS_ENDPOINT_URL '" + endpoint + "'",
                "function aws; command aws --endpoint-url $AWS_ENDPOINT_URL $argv; end").doesNotContain("export ");
    }

    @Test
    @DisplayName("with no emulator running, labs aws and labs env say how to start one, exit 3")
    void noEmulator() {
        for (String[] args : new String[][] {{"aws", "sqs", "list-queues"}, {"env"}}) {
            Ran ran = labs(args);
            assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
            assertThat(ran.err()).contains("No local emulator is running; labs deploy <exercise> starts one").doesNotContain("\tat ");
        }
    }

    private static String queueUrl(String listing, String queue) {
        return listing.lines().flatMap(l -> java.util.Arrays.stream(l.split("\\s+")))
                .filter(w -> w.endsWith("/" + queue)).findFirst().orElseThrow();
    }
}
