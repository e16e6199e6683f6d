package dev.dvalabs.cli;

import dev.dvalabs.testing.Jvm;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.dvalabs.targets.ExclusiveLock;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trying to break the command line on purpose, repeatably: bad values, web servers that are not AWS,
 * two commands at once, and kill -9 at random (seeded) points. Everything runs on loopback, every loop is
 * bounded, and every emulator a test starts belongs to its own state directory.
 */
@ExtendWith(LocalEmulatorExtension.class)
class BreakItTest {

    /** A Java class name, or the old "unexpected X" framing: neither belongs in a learner's sentence. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b\\w*(Exception|Error)\\b|\\bunexpected\\b|See cause");

    @TempDir
    Path state;

    private String endpoint;

    @BeforeEach
    void isolateFromALearnersEmulator(LocalEmulator emulator) {
        // A test must never attach to (or stop) an emulator a learner kept on this machine.
        System.setProperty("dva-labs.state-dir", state.toString());
        endpoint = emulator.endpoint().orElseThrow().toString();
    }

    @AfterEach
    void stopWhatThisTestStarted() {
        LocalEmulator.findAll(new LocalEmulator.Options()).forEach(LocalEmulator::stop);
        markedWith(state).forEach(ProcessHandle::destroyForcibly); // only this test's own emulators carry its marker
        System.clearProperty("dva-labs.state-dir");
        System.clearProperty(CommandLocks.WAIT_PROPERTY);
    }

    static void assertOneSentence(LabsTest.Ran ran) {
        assertThat(ran.err()).doesNotContain("\tat ").doesNotContainPattern(CLASS_NAME);
        assertThat(ran.err().lines().filter(l -> l.startsWith("labs: ")).count()).as(ran.err()).isEqualTo(1);
    }

    @Nested
    class BadValues {

        @ParameterizedTest(name = "labs {0} exits 2 with one sentence")
        @CsvSource(delimiter = '|', value = {
                "destroy --all --older-than 99999999999999999999d|is longer than any age",
                "destroy --all --older-than 99999999999999d|is longer than any age",
                "deploy practice-table --port 70000|--port 70000 is not a port",
                "deploy practice-table --port -1|--port -1 is not a port",
                "status --port 65536|--port 65536 is not a port",
                "verify practice-table --region moon-1|'moon-1' is not an AWS region",
                "verify practice-table --target aws --region moon-1|'moon-1' is not an AWS region",
                "verify practice-table --target endpoint --endpoint ftp://host/|is not an http(s) URL",
                "verify practice-table --target endpoint --endpoint http://|give one like http://localhost:4566",
                "verify practice-table --target endpoint --endpoint :nope|is not",
                "verify practice-table --accounts /nonexistent/class.yaml|is not a readable accounts file"})
        void badValue(String line, String message) {
            LabsTest.Ran ran = LabsTest.run(line.split(" "));
            assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(ran.err()).contains(message);
            assertOneSentence(ran);
        }

        @Test
        @DisplayName("an empty --name table= is refused before anything is read")
        void emptyName() {
            LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--name", "table=", "--target", "endpoint", "--endpoint", endpoint);
            assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(ran.err()).contains("--name table= needs a name after the '='.");
            assertOneSentence(ran);
        }

        @ParameterizedTest(name = "labs {0} --name {1} exits 2 with one sentence, before any emulator is looked for")
        @CsvSource(delimiter = '|', value = {
                "verify|table|--name table needs the form KEY=NAME, for example --name table=my-orders.",
                "deploy|table|--name table needs the form KEY=NAME",
                "run|=x|--name =x needs the form KEY=NAME",
                "verify|table=|--name table= needs a name after the '='.",
                "deploy|table=|--name table= needs a name after the '='.",
                "verify|table=a<newline>b|A --name value holds a control character",
                "run|table=a<escape>[2Jb|A --name value holds a control character"})
        void badNameFirst(String command, String name, String message) {
            String value = name.replace("<newline>", "\n").replace("<escape>", "\u001B");
            LabsTest.Ran ran = LabsTest.run(command, "practice-table", "--name", value); // the local target: nothing runs
            assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(ran.err()).contains(message).doesNotContain("option option").doesNotContain("\u001B");
            assertOneSentence(ran);
            assertThat(markedWith(state)).as("no emulator started for bad input").isEmpty();
        }

        @Test
        @DisplayName("an endpoint's password is masked in the checklist header and in every error")
        void endpointPasswordMasked() {
            String withPassword = endpoint.replace("http://", "http://learner:s3cret@");
            LabsTest.Ran verified = LabsTest.run("verify", "practice-table", "--target", "endpoint", "--endpoint", withPassword);
            assertThat(verified.out()).contains("practice-table on endpoint at " + endpoint);
            for (String url : List.of("http://learner:s3cret@127.0.0.1:9", "ftp://learner:s3cret@host/", "http://learner:s3cret@")) {
                LabsTest.Ran refused = LabsTest.run("verify", "practice-table", "--target", "endpoint", "--endpoint", url);
                assertThat(refused.exitCode()).as(refused.err()).isIn(ExitCode.BAD_INPUT, ExitCode.TARGET_UNAVAILABLE);
                assertThat(refused.out() + refused.err()).as(url).doesNotContain("s3cret");
                assertOneSentence(refused);
            }
            assertThat(verified.out() + verified.err()).doesNotContain("s3cret");
        }

        @ParameterizedTest(name = "{0} --name owner={1} is refused as no email address before anything is read")
        @CsvSource({"verify,not-an-address", "verify,x@y", "verify,a b@c.d", "deploy,not-an-address", "deploy,x@y",
                "deploy,a b@c.d", "run,x@y"})
        void nameThatMustBeAnAddress(String command, String address) {
            LabsTest.Ran ran = LabsTest.run(command, "practice-table", "--name", "owner=" + address, "--target", "endpoint",
                    "--endpoint", endpoint);
            assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(ran.err()).contains("--name owner=" + address + " is not an email address like you@example.org.");
            assertOneSentence(ran);
        }

        @Test
        @DisplayName("a sandbox accounts config that is not YAML, or lists no account id, is a bad value")
        void badSandboxConfig(@TempDir Path home) throws IOException {
            String original = System.getProperty("user.home");
            System.setProperty("user.home", home.toString());
            try {
                Path config = Files.createDirectories(home.resolve(".config/dva-labs")).resolve("config.yaml");
                for (String text : List.of("sandboxAccounts: [\n", "sandboxAccounts: [\"12345\"]\n", "sandboxAccounts: nope\n")) {
                    Files.writeString(config, text);
                    LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--target", "aws", "--region", "us-east-1", "--yes");
                    assertThat(ran.exitCode()).as(text + ran.err()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(ran.err()).contains(config.toString());
                    assertOneSentence(ran);
                }
            } finally {
                System.setProperty("user.home", original);
            }
        }

        @Test
        @DisplayName("two learners of one name are refused, not merged into one row")
        void duplicateLearners(@TempDir Path dir) throws IOException {
            Path accounts = Files.writeString(dir.resolve("class.yaml"), "learners:\n"
                    + "  - {name: alice, endpoint: '" + endpoint + "'}\n"
                    + "  - {name: alice, endpoint: '" + endpoint + "'}\n");
            LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--accounts", accounts.toString(), "--report-dir", dir.toString());
            assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(ran.err()).contains("lists the learner 'alice' twice");
            assertOneSentence(ran);
            assertThat(dir.resolve("practice-table-class.csv")).doesNotExist();
        }

        @Test
        @DisplayName("a --report-dir that cannot be written is refused before any learner is verified")
        void unwritableReportDirFirst(@TempDir Path dir) throws Exception {
            AtomicInteger requests = new AtomicInteger();
            HttpServer learner = server(200, "hello", requests);
            try {
                Path accounts = Files.writeString(dir.resolve("class.yaml"), "learners:\n"
                        + "  - {name: alice, endpoint: 'http://127.0.0.1:" + learner.getAddress().getPort() + "'}\n");
                Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
                LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--accounts", accounts.toString(),
                        "--report-dir", notADirectory.toString());
                assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                assertThat(ran.err()).contains("--report-dir " + notADirectory + " is not a directory the reports can be written into");
                assertOneSentence(ran);
                assertThat(requests.get()).as("requests to the learner's endpoint").isZero();
                LabsTest.Ran single = LabsTest.run("verify", "practice-table", "--report", "json", "--report-dir",
                        notADirectory.toString(), "--target", "endpoint", "--endpoint", endpoint);
                assertThat(single.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            } finally {
                learner.stop(0);
            }
        }
    }

    @Nested
    class NotAws {

        @ParameterizedTest(name = "a web server answering {0} is exit 3 with one sentence for labs {1}")
        @CsvSource(delimiter = '|', value = {
                "200|hello|verify practice-table", "404|<html><body>Not Found</body></html>|verify practice-table",
                "200|hello|deploy practice-table", "404|<html><body>Not Found</body></html>|destroy practice-table",
                "200|hello|status", "404|<html><body>Not Found</body></html>|run practice-table"})
        void webServerIsNotAws(int status, String body, String command) throws Exception {
            HttpServer server = server(status, body, new AtomicInteger());
            try {
                String url = "http://127.0.0.1:" + server.getAddress().getPort();
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.addAll(List.of("--target", "endpoint", "--endpoint", url));
                LabsTest.Ran ran = LabsTest.run(args.toArray(String[]::new));
                assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
                assertThat(ran.err()).startsWith("labs: " + url + " is not an AWS endpoint (")
                        .doesNotContain("refused: null", "AWS refused");
                assertOneSentence(ran);
                assertThat(ran.out()).doesNotContain("FAIL", "ERROR");
            } finally {
                server.stop(0);
            }
        }
    }

    @Nested
    class AtOnce {

        @Test
        @DisplayName("two runs of one exercise on one emulator at once both pass: the second waits for the first")
        void twoRunsOfOneExercise(LocalEmulator emulator) throws Exception {
            List<LabsTest.Ran> runs = twice(() -> LabsTest.run("run", "practice-table", "--target", "endpoint", "--endpoint", endpoint));
            for (LabsTest.Ran ran : runs) {
                assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.OK);
            }
            assertThat(runs.get(0).err() + runs.get(1).err()).contains("Another labs command is working on practice-table");
            dev.dvalabs.contract.Leftovers.assertNothingLeft(emulator, "practice-table");
        }

        @Test
        @DisplayName("a command that would wait longer than the bound refuses in one sentence")
        void boundedWait() throws Exception {
            System.setProperty(CommandLocks.WAIT_PROPERTY, "1");
            TargetOptions options = new TargetOptions();
            options.kind = TargetOptions.Kind.endpoint;
            options.endpoint = endpoint;
            try (ExclusiveLock held = ExclusiveLock.acquire(CommandLocks.file(options, "practice-table"), Duration.ofSeconds(5), () -> {})
                    .orElseThrow()) {
                LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--target", "endpoint", "--endpoint", endpoint);
                assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
                assertThat(ran.err()).contains("waiting up to 1 s", "Another labs command has been working on practice-table on "
                        + endpoint + " for 1 s; run this again when it has finished.");
                assertThat(ran.err()).doesNotContainPattern(CLASS_NAME);
            }
        }

        @Test
        @DisplayName("two first deploys at once end on one emulator, which status shows and destroy stops")
        void twoFirstDeploys() throws Exception {
            List<LabsTest.Ran> deploys = twice(() -> LabsTest.run("deploy", "practice-table"));
            for (LabsTest.Ran ran : deploys) {
                assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.OK);
            }
            assertThat(LocalEmulator.findAll(new LocalEmulator.Options())).hasSize(1);
            assertThat(LabsTest.run("status").out()).contains("DvaLabs-PracticeTable-Starter");
            assertDestroyedAndStopped();
        }

        @Test
        @DisplayName("two commands sharing --port at once share the emulator on it")
        void sharedPort() throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            List<LabsTest.Ran> deploys = twice(() -> LabsTest.run("deploy", "practice-table", "--port", Integer.toString(port)));
            for (LabsTest.Ran ran : deploys) {
                assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.OK);
            }
            List<LocalEmulator> running = LocalEmulator.findAll(new LocalEmulator.Options());
            assertThat(running).extracting(LocalEmulator::port).containsExactly(port);
            assertDestroyedAndStopped();
        }

        @Test
        @DisplayName("a deploy on the emulator a run started keeps it, and says where it runs and how to stop it")
        void deployKeepsARunsEmulator() {
            LocalEmulator runs = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow(); // a run's, temporary
            LabsTest.Ran deploy = LabsTest.run("deploy", "practice-table");
            assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(ExitCode.OK);
            assertThat(deploy.out()).contains("The local emulator keeps running at " + runs.endpoint().orElseThrow(),
                    "Stop it with: labs destroy");
            runs.close();
            assertThat(LabsTest.run("status").out()).contains("DvaLabs-PracticeTable-Starter");
            assertDestroyedAndStopped();
        }

        @Test
        @DisplayName("--port or --region against the running emulator is a bad value, not silently ignored")
        void conflictingOptions() {
            assertThat(LabsTest.run("deploy", "practice-table").exitCode()).isEqualTo(ExitCode.OK);
            int port = LocalEmulator.findAll(new LocalEmulator.Options()).get(0).port();
            int other = port == 65000 ? 65001 : 65000;
            LabsTest.Ran wrongPort = LabsTest.run("verify", "practice-table", "--port", Integer.toString(other));
            assertThat(wrongPort.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(wrongPort.err()).contains("already running on port " + port, "--port " + other + " cannot apply");
            assertOneSentence(wrongPort);
            LabsTest.Ran wrongRegion = LabsTest.run("status", "--region", "eu-west-1");
            assertThat(wrongRegion.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(wrongRegion.err()).contains("is in us-east-1, so --region eu-west-1 cannot apply");
            assertOneSentence(wrongRegion);
            assertDestroyedAndStopped();
        }

        private List<LabsTest.Ran> twice(java.util.concurrent.Callable<LabsTest.Ran> command) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<LabsTest.Ran>> both = List.of(pool.submit(command), pool.submit(command));
                List<LabsTest.Ran> ran = new ArrayList<>();
                for (Future<LabsTest.Ran> f : both) {
                    ran.add(f.get(5, TimeUnit.MINUTES));
                }
                return ran;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Killed {

        @Test
        @DisplayName("an emulator whose record was never written is still shown by status and stopped by destroy")
        void neverRecorded() throws IOException {
            assertThat(LabsTest.run("deploy", "practice-table").exitCode()).isEqualTo(ExitCode.OK);
            Files.delete(state.resolve("local-emulator.json")); // as if the deploy was killed before recording it
            assertThat(LabsTest.run("status").out()).contains("DvaLabs-PracticeTable-Starter");
            Files.delete(state.resolve("local-emulator.json"));
            assertDestroyedAndStopped();
        }

        /** Seeded, so a failure is repeated by running again; three points from JVM start to the deploy's end. */
        @ParameterizedTest(name = "kill -9 of a first deploy at random point #{0}, then status and destroy find everything")
        @ValueSource(ints = {0, 1, 2, 3})
        void killedFirstDeploy(int draw) throws Exception {
            long millis = 200 + new Random(20261123L + draw).nextInt(6000);
            Process deploy = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                    "-Ddva-labs.state-dir=" + state, "-cp", System.getProperty("java.class.path"), Labs.class.getName(),
                    "deploy", "practice-table", "--variant", "solution")
                    .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
            boolean finished = deploy.waitFor(millis, TimeUnit.MILLISECONDS);
            deploy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            List<LocalEmulator> running = LocalEmulator.findAll(new LocalEmulator.Options());
            assertThat(running).as("killed after %d ms (finished: %s)", millis, finished).hasSizeLessThanOrEqualTo(1);
            if (!running.isEmpty()) {
                LabsTest.Ran status = LabsTest.run("status");
                assertThat(status.out()).contains(running.get(0).endpoint().orElseThrow().toString());
            }
            assertDestroyedAndStopped();
        }
    }

    @Test
    @DisplayName("a deploy leaves no synthesis folder in the temporary directory")
    void noSynthesisFolderLeft(@TempDir Path tmp) throws Exception {
        Process dryRun = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-Djava.io.tmpdir=" + tmp, "-Ddva-labs.state-dir=" + state, "-cp", System.getProperty("java.class.path"),
                Labs.class.getName(), "deploy", "practice-table", "--dry-run", "--target", "endpoint", "--endpoint", endpoint)
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        assertThat(dryRun.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(dryRun.exitValue()).isEqualTo(ExitCode.OK);
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("dva-labs-cdk-out"));
        }
    }

    /** destroy removes the exercise and stops every emulator of this state directory, as nothing is left on it. */
    private void assertDestroyedAndStopped() {
        LabsTest.Ran destroyed = LabsTest.run("destroy", "practice-table");
        assertThat(destroyed.exitCode()).as(destroyed.out() + destroyed.err()).isEqualTo(ExitCode.OK);
        assertThat(markedWith(state)).as("emulator processes still running after " + destroyed.out()).isEmpty();
    }

    /** Every live process started with this test's state directory as its marker, answering or not. */
    static List<ProcessHandle> markedWith(Path state) {
        String marker = "DVA_LABS_EMULATOR=" + state.toAbsolutePath().normalize() + "\0";
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")),
                        StandardCharsets.UTF_8).contains(marker);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).toList();
    }

    private static HttpServer server(int status, String body, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "text/html" : "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
