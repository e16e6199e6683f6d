package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws target's commands against the emulator standing in for AWS (the SDK's own aws.endpointUrl
 * setting), with recognisable fake credentials: what the guard lets through and what it refuses, and
 * that nothing written contains the credentials.
 */
@ExtendWith(LocalEmulatorExtension.class)
class AwsTargetCommandsTest {

    private static final Map<String, String> FAKE = Map.of(
            "aws.accessKeyId", "AKIAFAKEDVALABS0KEYID",
            "aws.secretAccessKey", "fakeSecretDvaLabsDoNotPrint0000000000000",
            "aws.sessionToken", "FakeSessionTokenDvaLabsDoNotPrint",
            "aws.region", "us-east-1");

    @TempDir
    Path home;

    private String originalHome;
    private LocalEmulator emulator;

    @BeforeEach
    void fakeCredentialsAndSandbox(LocalEmulator emulator) throws IOException {
        this.emulator = emulator;
        FAKE.forEach(System::setProperty);
        System.setProperty("aws.endpointUrl", emulator.endpoint().orElseThrow().toString());
        originalHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        Path config = home.resolve(".config/dva-labs/config.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "sandboxAccounts: [\"000000000000\"]\n");
    }

    @AfterEach
    void restore() {
        FAKE.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
        System.setProperty("user.home", originalHome);
    }

    @Test
    @DisplayName("no command prints the access key, the secret or the session token")
    void nothingLeaks() {
        List<String[]> commands = List.of(
                new String[] {"deploy", "practice-table", "--dry-run"},
                new String[] {"deploy", "practice-table"},
                new String[] {"status"},
                new String[] {"verify", "practice-table"},
                new String[] {"destroy", "practice-table", "--dry-run"},
                new String[] {"destroy", "practice-table"},
                new String[] {"run", "practice-table"},
                new String[] {"destroy", "--all"});
        List<String> written = new ArrayList<>();
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--target", "aws", "--yes"));
            LabsTest.Ran ran = LabsTest.run(args.toArray(String[]::new));
            written.add(ran.out() + ran.err());
        }
        String all = String.join("\n", written);
        assertThat(all).contains("account  000000000000", "Nothing of practice-table is left");
        FAKE.forEach((key, value) -> {
            if (!key.equals("aws.region")) {
                assertThat(all).doesNotContain(value).doesNotContain(value.substring(0, 12));
            }
        });
    }

    @Test
    @DisplayName("without --yes and with nobody to ask, deploy to the account is refused and writes nothing")
    void refusedWithoutConfirmation() {
        LabsTest.Ran ran = LabsTest.run("deploy", "practice-table", "--target", "aws");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(ran.out()).contains("account  000000000000", "plan     create stack DvaLabs-PracticeTable-Starter");
        assertThat(ran.err()).contains("Refusing to write to AWS account 000000000000 without confirmation");
        Leftovers.assertNothingLeft(emulator, "practice-table");
    }

    @Test
    @DisplayName("an account missing from the allow-list is refused even with --yes, and nothing is written")
    void refusedOffTheAllowList() throws IOException {
        Files.writeString(home.resolve(".config/dva-labs/config.yaml"), "sandboxAccounts: [\"111111111111\"]\n");
        LabsTest.Ran ran = LabsTest.run("run", "practice-table", "--target", "aws", "--yes");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(ran.err()).contains("Account 000000000000 is not on your sandbox allow-list, so nothing was written");
        Leftovers.assertNothingLeft(emulator, "practice-table");
    }

    @Test
    @DisplayName("labs aws on an account off the allow-list runs no AWS CLI command, as any other write")
    void labsAwsOffTheAllowList() throws IOException {
        Files.writeString(home.resolve(".config/dva-labs/config.yaml"), "sandboxAccounts: [\"111111111111\"]\n");
        LabsTest.Ran ran = LabsTest.run("aws", "--target", "aws", "--yes", "dynamodb", "delete-table", "--table-name", "x");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(ran.err()).contains("Account 000000000000 is not on your sandbox allow-list, so nothing was written");
    }

    @Test
    @DisplayName("a malformed config file is a bad value: one sentence and exit 2, before any call")
    void malformedConfig() throws IOException {
        Files.writeString(home.resolve(".config/dva-labs/config.yaml"), "sandboxAccounts: [\n");
        LabsTest.Ran ran = LabsTest.run("deploy", "practice-table", "--target", "aws", "--yes");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).contains("config.yaml is not readable YAML").doesNotContain("\tat ");
    }
}
