package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two commands on one temporary emulator, one of them in a process of its own: neither stops it under
 * the other, and the last to end stops it.
 */
@ExtendWith(LocalEmulatorExtension.class) // installs ministack once, before the first start
@DisplayName("A temporary emulator two commands use")
class SharedEmulatorTest {

    @TempDir
    Path state;

    private Process other;

    @BeforeEach
    void ownStateDir() {
        // A test must never attach to (or stop) an emulator a learner kept on this machine.
        System.setProperty("dva-labs.state-dir", state.toString());
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (other != null) {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        LocalEmulator.findAll(new LocalEmulator.Options()).forEach(LocalEmulator::stop);
        System.clearProperty("dva-labs.state-dir");
    }

    @Test
    @DisplayName("outlives the command that started it while another uses it, and the last one out stops it")
    void lastOneOutStopsIt() throws Exception {
        LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        long pid = attachInAnotherProcess("use");
        assertThat(pid).isEqualTo(started.pid());

        started.close();
        assertRunning(pid, "stopped under the other command");
        assertThat(LocalEmulator.answers(started.endpoint().orElseThrow(), Emulator.MINISTACK)).isTrue();

        endOtherProcess();
        assertStopped(pid);
    }

    @Test
    @DisplayName("is not stopped by a command that attached to it when the one that started it is still working")
    void attacherLeavesItToTheStarter() throws Exception {
        other = holder("use");
        long pid = Long.parseLong(firstLine(other));
        LocalEmulator attached = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        assertThat(attached.pid()).isEqualTo(pid);

        attached.close();
        assertRunning(pid, "stopped under the other command");

        endOtherProcess();
        assertStopped(pid);
    }

    @Test
    @DisplayName("handed over by its starter, is stopped by the attached command when that one ends last")
    void attacherEndsLast() throws Exception {
        other = holder("use");
        long pid = Long.parseLong(firstLine(other));
        LocalEmulator attached = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();

        endOtherProcess();
        assertRunning(pid, "stopped by its starter under the attached command");

        attached.close();
        assertStopped(pid);
    }

    @Test
    @DisplayName("used by two commands of one JVM (a file lock belongs to the JVM), is stopped by the second to end")
    void twoCommandsOfOneJvm() throws Exception {
        LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        LocalEmulator attached = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        assertThat(attached.pid()).isEqualTo(started.pid());

        started.close();
        assertRunning(started.pid(), "stopped under the other command");
        attached.close();
        assertStopped(started.pid());
    }

    @Test
    @DisplayName("is stopped by its starter when the other command was killed")
    void otherKilled() throws Exception {
        LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        long pid = attachInAnotherProcess("use");
        other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        started.close();
        assertStopped(pid);
    }

    @Test
    @DisplayName("kept by the other command meanwhile, keeps running after both end")
    void keptMeanwhile() throws Exception {
        LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        long pid = attachInAnotherProcess("keep");

        started.close();
        endOtherProcess();
        assertRunning(pid, "a kept emulator was stopped");
        assertThat(LocalEmulator.attach(new LocalEmulator.Options())).hasValueSatisfying(e -> assertThat(e.kept()).isTrue());
    }

    private long attachInAnotherProcess(String how) throws Exception {
        other = holder(how);
        return Long.parseLong(firstLine(other));
    }

    private Process holder(String how) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddva-labs.state-dir=" + state, "-cp", System.getProperty("java.class.path"), EmulatorHolder.class.getName(), how)
                .redirectError(new File("/dev/null")).start();
    }

    private static String firstLine(Process process) throws Exception {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the other command's pid").isNotNull().matches("\\d+");
        return line;
    }

    private void endOtherProcess() throws Exception {
        other.getOutputStream().write('\n');
        other.getOutputStream().close();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).isZero();
    }

    private static void assertRunning(long pid, String why) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as(why).isPresent();
    }

    private void assertStopped(long pid) throws Exception {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(15, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the emulator is still running").isEmpty();
        assertThat(LocalEmulator.attach(new LocalEmulator.Options())).isEmpty();
    }
}
