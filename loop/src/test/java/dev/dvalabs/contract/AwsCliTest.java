package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus's AWS CLI server answers every command as the installed {@code aws} does: the same output,
 * the same exit code, whether the command succeeds, AWS refuses it, the CLI refuses its arguments, it reads
 * a file or stdin, or it names a service the server did not warm.
 */
@ExtendWith(LocalEmulatorExtension.class)
class AwsCliTest {

    private static final String SCRIPT = """
            set +e
            aws dynamodb create-table --table-name things --attribute-definitions AttributeName=k,AttributeType=S \\
              --key-schema AttributeName=k,KeyType=HASH --billing-mode PAY_PER_REQUEST --query TableDescription.TableName
            echo "exit $?"
            aws dynamodb wait table-exists --table-name things; echo "exit $?"
            aws dynamodb describe-table --table-name nope; echo "exit $?"
            aws dynamodb describe-table --tabel-name t; echo "exit $?"
            echo '{"k":{"S":"from stdin"}}' > item.json
            aws dynamodb put-item --table-name things --item file://item.json; echo "exit $?"
            echo '{"k":{"S":"from stdin"}}' | aws dynamodb get-item --table-name things --key file:///dev/stdin --output text; echo "exit $?"
            aws sqs create-queue --queue-name q --endpoint-url "$AWS_ENDPOINT_URL" --query QueueUrl --output text; echo "exit $?"
            aws kms list-aliases --query 'length(Aliases)' --output json > /dev/null; echo "exit $?"
            aws nosuchservice list-things; echo "exit $?"
            """;

    @Test
    void theServerAnswersAsTheInstalledCliDoes(LocalEmulator emulator, @TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script.sh"), SCRIPT);

        emulator.reset();
        AwsCli.Ran installed;
        try (AwsCli cli = AwsCli.installed()) {
            installed = cli.run(script, emulator);
        }
        assertThat(installed.output()).contains("\"things\"", "exit 255", "exit 2\n", "from stdin", "/q\n", "Invalid choice");
        // The compiled shim where cc is at hand, and the Python one; then a shim whose server is gone.
        boolean cc = java.util.stream.Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "cc")));
        for (String shim : List.of("compiled", "python", "no server")) {
            emulator.reset();
            System.setProperty("dva-labs.corpus.shim", shim.equals("python") ? "python" : "");
            AwsCli.Ran served;
            try (AwsCli cli = AwsCli.install(Set.of("dynamodb", "sqs"))) { // kms is not warmed: a cold service works too
                assertThat(cli.shimCompiled()).as(shim).isEqualTo(cc && !shim.equals("python"));
                if (shim.equals("no server")) {
                    cli.stopServer();
                }
                served = cli.run(script, emulator);
            } finally {
                System.clearProperty("dva-labs.corpus.shim");
            }
            assertThat(served.output()).as(shim).isEqualTo(installed.output());
            assertThat(served.exitCode()).as(shim).isEqualTo(installed.exitCode()).isZero();
        }
    }

    @Test
    void aScriptThatDoesNotEndIsStoppedInTime(LocalEmulator emulator, @TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script.sh"), "echo started\nsleep 60\n");
        try (AwsCli cli = AwsCli.install(Set.<String>of())) {
            long start = System.nanoTime();
            AwsCli.Ran ran = cli.run(script, emulator, java.time.Duration.ofSeconds(2));
            assertThat(ran.exitCode()).isEqualTo(-1);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(30));
        }
    }
}
