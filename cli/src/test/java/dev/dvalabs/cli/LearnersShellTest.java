package dev.dvalabs.cli;

import dev.dvalabs.testing.Jvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A learner's shell with settings of its own (AWS variables, limits): a labs process run in one, as a learner's would be. */
class LearnersShellTest {

    @TempDir
    Path state;

    @BeforeEach
    void isolateFromALearnersEmulator() {
        System.setProperty("dva-labs.state-dir", state.toString());
    }

    @AfterEach
    void destroy() {
        LabsTest.run("destroy", "practice-table");
        BreakItTest.markedWith(state).forEach(ProcessHandle::destroyForcibly);
        System.clearProperty("dva-labs.state-dir");
    }

    @Test
    @DisplayName("the emulator starts without the shell's AWS variables, and deploy says in one line that the shell's AWS_ENDPOINT_URL is elsewhere")
    void emulatorGetsACleanAwsEnvironment() throws Exception {
        ProcessBuilder deploy = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-Ddva-labs.state-dir=" + state, "-cp", System.getProperty("java.class.path"), Labs.class.getName(),
                "deploy", "practice-table").redirectErrorStream(true);
        deploy.environment().putAll(java.util.Map.of("AWS_ENDPOINT_URL", "http://stale:s3cret@127.0.0.1:9",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9", "AWS_PROFILE", "dva-labs-stale-profile",
                "AWS_ACCESS_KEY_ID", "AKIASTALESTALESTALE1", "AWS_CA_BUNDLE", "/nonexistent/ca.pem"));
        Process process = deploy.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(ExitCode.OK);
        assertThat(output.lines().filter(l -> l.contains("your shell's AWS_ENDPOINT_URL is http://stale:***@127.0.0.1:9, not this emulator")))
                .as(output).hasSize(1);
        assertThat(output).doesNotContain("s3cret");

        List<ProcessHandle> emulators = BreakItTest.markedWith(state);
        assertThat(emulators).hasSize(1);
        List<String> aws = environment(emulators.get(0)).stream().filter(v -> v.startsWith("AWS_")).toList();
        assertThat(aws).as("what the learner's shell exported").isEmpty();
    }

    @ParameterizedTest(name = "a shell allowing {0} open files gets one sentence and exit 3 from labs {1}, not a trace")
    @CsvSource({"100,list", "100,deploy practice-table", "1000,list"})
    void tooFewOpenFiles(int allowed, String command) throws Exception {
        Process labs = new ProcessBuilder("bash", "-c", "ulimit -n " + allowed + " && exec \"$0\" -Ddva-labs.state-dir=\"$1\" -cp \"$2\" "
                + Labs.class.getName() + " " + command, Jvm.JAVA,
                state.toString(), System.getProperty("java.class.path")).start();
        String out = new String(labs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(labs.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(labs.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(labs.exitValue()).as(err).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(err).isEqualTo("labs: too many open files: this shell allows " + allowed + "; raise ulimit -n to at least 1024"
                + " (ulimit -n 1024) and run the command again.\n");
        assertThat(out).isEmpty();
    }

    @Test
    @DisplayName("with LANG=C, the labs launcher runs from a checkout under a non-ASCII path")
    void launcherInAnAsciiLocale(@TempDir Path dir) throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("dva-labs çé"));
        Files.copy(Path.of("..", "labs"), checkout.resolve("labs"));
        Path target = Files.createDirectories(checkout.resolve("cli/target"));
        Files.createFile(checkout.resolve("pom.xml"));
        for (String module : List.of("targets", "verify", "cdk", "loop", "exercises")) {
            Files.createDirectories(checkout.resolve(module));
        }
        // The launcher's classpath as Maven writes it, this test's own, with the classes under the non-ASCII path;
        // written last, so that the launcher finds nothing newer to build.
        Path classes = Files.createSymbolicLink(target.resolve("classes"), Path.of("target", "classes").toAbsolutePath());
        Files.writeString(target.resolve("labs.classpath"), System.getProperty("java.class.path").replace(
                Path.of("target", "classes").toAbsolutePath().toString(), classes.toString()));
        Files.setLastModifiedTime(target.resolve("labs.classpath"), java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().plusSeconds(60)));
        Process labs = cLocale(new ProcessBuilder("bash", checkout.resolve("labs").toString(), "list")).start();
        String out = new String(labs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(labs.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(labs.exitValue()).as(out).isEqualTo(ExitCode.OK);
        assertThat(out).contains("practice-table");
    }

    @ParameterizedTest(name = "with LANG=C and no launcher, a non-ASCII path in {0} is one sentence and exit 2")
    @CsvSource({"an argument", "--report-dir", "DVA_LABS_CACHE"})
    void nonAsciiPathInAnAsciiLocale(String where, @TempDir Path dir) throws Exception {
        Path nonAscii = Files.createDirectories(dir.resolve("çé"));
        Files.writeString(nonAscii.resolve("appspec.yml"), "version: 0.0\nos: linux\n");
        List<String> command = new java.util.ArrayList<>(List.of(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-Ddva-labs.state-dir=" + state, "-cp", System.getProperty("java.class.path"), Labs.class.getName()));
        command.addAll(switch (where) {
            case "an argument" -> List.of("appspec", "lint", nonAscii.resolve("appspec.yml").toString());
            case "--report-dir" -> List.of("verify", "practice-table", "--report", "json", "--report-dir", nonAscii.toString());
            default -> List.of("verify", "practice-table");
        });
        ProcessBuilder builder = cLocale(new ProcessBuilder(command));
        builder.environment().put("DVA_LABS_CACHE", where.equals("DVA_LABS_CACHE") ? nonAscii.toString() : state.toString());
        Process labs = builder.start();
        String err = new String(labs.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(labs.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(labs.exitValue()).as(err).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err).contains("cannot be spelled as a path in this locale's charset", "LC_ALL=C.UTF-8");
        BreakItTest.assertOneSentence(new LabsTest.Ran(labs.exitValue(), "", err.lines()
                .filter(l -> !l.startsWith("Try 'labs")).collect(java.util.stream.Collectors.joining("\n"))));
    }

    /** The process in the C locale, as a container or CI runner often is: nothing of the test JVM's locale inherited. */
    private static ProcessBuilder cLocale(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.equals("LANGUAGE"));
        builder.environment().put("LANG", "C");
        return builder;
    }

    private static List<String> environment(ProcessHandle process) throws IOException {
        return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ")),
                StandardCharsets.UTF_8).split("\0"));
    }
}
