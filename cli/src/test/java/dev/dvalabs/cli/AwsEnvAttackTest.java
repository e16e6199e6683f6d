package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.AwsCommandLine;
import dev.dvalabs.targets.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** What a hostile tester tried on labs aws and labs env: a learner's credentials must not reach an emulator. */
@DisplayName("labs aws and labs env under attack")
class AwsEnvAttackTest {

    private static final Target EMULATOR = new Target() {
        public String name() { return "endpoint"; }
        public Optional<URI> endpoint() { return Optional.of(URI.create("http://127.0.0.1:4566/it's")); }
        public Region region() { return Region.EU_WEST_1; }
        public AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
        public void close() {}
    };

    /** The learner's shell: real keys, a session token under both names botocore reads one from, a profile. */
    private static final Map<String, String> LEARNERS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIALEARNERSOWNKEY01",
            "AWS_SECRET_ACCESS_KEY", "learners-secret",
            "AWS_SESSION_TOKEN", "learners-session-token",
            "AWS_SECURITY_TOKEN", "learners-security-token",
            "AWS_PROFILE", "prod");

    @Test
    @DisplayName("labs aws gives the AWS CLI on an emulator none of the learner's keys, session tokens or profile")
    void awsOnAnEmulator() {
        Map<String, String> env = new HashMap<>(LEARNERS);
        AwsCommandLine.pointAt(EMULATOR, env);
        assertThat(env.values()).doesNotContain("AKIALEARNERSOWNKEY01", "learners-secret", "learners-session-token",
                "learners-security-token", "prod");
        assertThat(env).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566/it's").containsEntry("AWS_REGION", "eu-west-1");
    }

    @Test
    @DisplayName("eval \"$(labs env)\" in bash leaves none of the learner's keys, session tokens or profile, and a quote in the endpoint stays in it")
    void envInBash() throws Exception {
        String script = String.join("\n", ShellEnv.lines(EMULATOR, ShellEnv.Shell.bash))
                + "\nenv | grep '^AWS_' | sort\n";
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        bash.environment().putAll(LEARNERS);
        Process p = bash.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).doesNotContain("learners-").doesNotContain("AKIALEARNERSOWNKEY01").doesNotContain("=prod")
                .contains("AWS_ENDPOINT_URL=http://127.0.0.1:4566/it's\n");
    }

    private static final Target AWS = new Target() {
        public String name() { return "aws"; }
        public Optional<URI> endpoint() { return Optional.empty(); }
        public Region region() { return Region.EU_WEST_1; }
        public AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
        public void close() {}
    };

    @Test
    @DisplayName("eval \"$(labs env --target aws)\" after an emulator's points the shell at AWS: no endpoint, no aws function, no test keys")
    void switchingToAws() throws Exception {
        String script = String.join("\n", ShellEnv.lines(EMULATOR, ShellEnv.Shell.bash)) + "\n"
                + String.join("\n", ShellEnv.lines(AWS, ShellEnv.Shell.bash)) + "\n"
                + "echo \"endpoint=${AWS_ENDPOINT_URL-unset} key=${AWS_ACCESS_KEY_ID-unset} aws=$(type -t aws || echo none)\"\n";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).contains("endpoint=unset key=unset aws=").doesNotContain("aws=function");
    }

    @Test
    @DisplayName("eval \"$(labs env --target aws)\" keeps the learner's own keys")
    void awsKeepsTheLearnersKeys() throws Exception {
        String script = String.join("\n", ShellEnv.lines(AWS, ShellEnv.Shell.bash)) + "\necho \"key=${AWS_ACCESS_KEY_ID-unset}\"\n";
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        bash.environment().putAll(LEARNERS);
        Process p = bash.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).contains("key=AKIALEARNERSOWNKEY01");
    }

    @Test
    @DisplayName("labs aws --profile on an emulator is refused in one sentence, exit 2: the profile's keys and token would go to the emulator")
    void profileOnAnEmulator() {
        for (String[] args : new String[][] {{"aws", "--profile", "prod", "sqs", "list-queues"},
                {"aws", "sqs", "list-queues", "--profile=prod"}, {"aws", "--target", "moto", "s3", "ls", "--profile", "prod"}}) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = Labs.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(err.toString()).contains("--profile").hasLineCount(1);
        }
    }
}
