package dev.dvalabs.loop;

import dev.dvalabs.testing.Jvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import dev.dvalabs.verify.Write;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.constructs.Construct;

/** A verify that ends early, by an exception or by Ctrl-C, still closes its session, which undoes the verifier's writes. */
@ExtendWith(LocalEmulatorExtension.class)
class VerifierCleanupTest {

    private static final String WRITTEN = "the verifier wrote its probe item";

    /** The verifier's probe item, written through the session, which journals it and undoes it. */
    record Probe(String table) implements Write {
        @Override
        public void undo(Session session) {
            session.client(DynamoDbClient.class).deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("verifier-probe"))));
        }

        @Override
        public String describe() {
            return "item verifier-probe in table " + table;
        }
    }

    /** Writes a probe item through the session, then fails or waits to be interrupted; the session's close removes the probe. */
    static final class ProbingVerifier implements Verifier<String> {
        private final boolean waitForInterrupt;

        ProbingVerifier(boolean waitForInterrupt) {
            this.waitForInterrupt = waitForInterrupt;
        }

        @Override
        public List<Check<String>> checks() {
            return List.of();
        }

        @Override
        public String observe(Session session) {
            String table = session.names().asMap().get("table");
            DynamoDbClient dynamo = session.client(DynamoDbClient.class);
            session.write(new Probe(table), () -> dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS("verifier-probe")))));
            if (!waitForInterrupt) {
                throw new IllegalStateException("observing failed after writing");
            }
            System.out.println(WRITTEN);
            System.out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "interrupted";
        }
    }

    static Exercise exercise(boolean waitForInterrupt, String table) {
        Lab lab = new Lab() {
            @Override
            public String id() {
                return "verifier-cleanup";
            }

            @Override
            public ExerciseStack starter(Construct scope) {
                throw new UnsupportedOperationException("verify only");
            }

            @Override
            public ExerciseStack solution(Construct scope) {
                throw new UnsupportedOperationException("verify only");
            }

            @Override
            public Verifier<?> verifier() {
                return new ProbingVerifier(waitForInterrupt);
            }
        };
        return new Exercise(lab, "Verifier cleanup", List.of("DynamoDB"), "", new Exercise.Cost(0, true, ""),
                Map.of("table", table), Set.of(), "", Map.of(), "", Set.of());
    }

    /** Verifies on the endpoint and table given, or ("own") on a local emulator of its own, stopped when the JVM ends. */
    public static void main(String[] args) {
        if (args[0].equals("own")) {
            LocalEmulator emulator = LocalEmulator.start();
            new Loop(emulator, new PrintWriter(System.out, true)).verify(exercise(true, createTable(emulator, "own")), Map.of());
            return;
        }
        Target target = EndpointTarget.at(args[0], null, Region.US_EAST_1);
        new Loop(target, new PrintWriter(System.out, true)).verify(exercise(true, args[1]), Map.of());
    }

    @Test
    @DisplayName("a verify whose observe fails after writing closes its session, and its test data is gone")
    void closedAfterAFailure(LocalEmulator emulator) {
        String table = createTable(emulator, "verifier-cleanup-failure");
        Loop loop = new Loop(emulator, new PrintWriter(new StringWriter()));

        assertThatThrownBy(() -> loop.verify(exercise(false, table), Map.of())).hasMessage("observing failed after writing");

        assertThat(items(emulator, table)).as("the verifier's probe item").isZero();
    }

    @Test
    @DisplayName("Ctrl-C while the verifier observes still runs its cleanup, and its test data is gone")
    void cleanedUpOnCtrlC(LocalEmulator emulator) throws Exception {
        Assumptions.assumeFalse(Jvm.ignoresSigint(), Jvm.SIGINT_IGNORED);
        String table = createTable(emulator, "verifier-cleanup-interrupt");
        Process verify = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-cp", System.getProperty("java.class.path"), VerifierCleanupTest.class.getName(),
                emulator.endpoint().orElseThrow().toString(), table).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(verify.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals(WRITTEN)) {
                output.append(line).append('\n');
            }
            assertThat(items(emulator, table)).as("the probe is written before the interrupt: " + output).isEqualTo(1);
            // What Ctrl-C sends.
            new ProcessBuilder("kill", "-INT", Long.toString(verify.pid())).start().waitFor();
            lines.lines().forEach(l -> output.append(l).append('\n'));
        }
        assertThat(verify.waitFor(2, TimeUnit.MINUTES)).as("the interrupted verify ended").isTrue();

        assertThat(output.toString()).contains("Interrupted: removing the verifier's test data.");
        assertThat(items(emulator, table)).as("the verifier's probe item").isZero();
    }

    @Test
    @DisplayName("Ctrl-C while the verifier observes on the emulator its JVM started: the cleanup runs before the emulator stops")
    void cleanupBeforeTheEmulatorStops() throws Exception {
        Assumptions.assumeFalse(Jvm.ignoresSigint(), Jvm.SIGINT_IGNORED);
        Process verify = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-cp", System.getProperty("java.class.path"), VerifierCleanupTest.class.getName(), "own")
                .redirectErrorStream(true).start();
        String output = interruptOnceWritten(verify);

        assertThat(output).contains("Interrupted: removing the verifier's test data.")
                .doesNotContain("could not remove");
    }

    /** Everything the process printed, after a SIGINT (what Ctrl-C sends) once it said it wrote its probe. */
    private static String interruptOnceWritten(Process process) throws Exception {
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals(WRITTEN)) {
                output.append(line).append('\n');
            }
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            lines.lines().forEach(l -> output.append(l).append('\n'));
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the interrupted verify ended").isTrue();
        return output.toString();
    }

    private static String createTable(LocalEmulator emulator, String table) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(table));
        } catch (ResourceNotFoundException e) {
            // a fresh emulator
        }
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
        }
        return table;
    }

    private static int items(LocalEmulator emulator, String table) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            return dynamo.scan(r -> r.tableName(table)).count();
        }
    }
}
