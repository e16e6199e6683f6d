package dev.dvalabs.targets;

import dev.dvalabs.testing.Jvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    @Test
    @DisplayName("found by its marker while its run is still recording it, is waited for, not taken over as kept")
    void notAdoptedWhileItsCommandRuns() throws Exception {
        LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        Path record = state.resolve("local-emulator.json");
        String written = Files.readString(record);
        Files.delete(record); // as between its start and its record: the run that started it still runs

        other = holder("use");
        BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("attaching");
        CompletableFuture<String> pid = CompletableFuture.supplyAsync(() -> readLine(lines));
        try {
            pid.get(3, TimeUnit.SECONDS); // taken over at once, without the record: the assertion below fails
        } catch (TimeoutException waiting) {
            // waiting for the run to record it, as it should
        }
        Files.writeString(record, written);
        assertThat(Long.parseLong(pid.get(60, TimeUnit.SECONDS))).isEqualTo(started.pid());
        assertThat(new KeptEmulators(state).read(Emulator.MINISTACK)).hasValueSatisfying(k -> assertThat(k.temporary()).isTrue());

        started.close();
        endOtherProcess();
        assertStopped(started.pid());
    }

    @Test
    @DisplayName("emptied, is left running by a destroy while another command uses it, and stopped by the next")
    void destroyLeavesItToItsUser() throws Exception {
        LocalEmulator kept = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        kept.keep();
        kept.close();
        long pid = attachInAnotherProcess("use");

        assertThat(LocalEmulator.attach(new LocalEmulator.Options()).orElseThrow().stopIfUnused()).isFalse();
        assertRunning(pid, "stopped under the other command");

        endOtherProcess();
        assertThat(LocalEmulator.attach(new LocalEmulator.Options()).orElseThrow().stopIfUnused()).isTrue();
        assertStopped(pid);
    }

    @Test
    @DisplayName("handed over to a command that was then killed, is an orphan: a status does not stop it")
    void handedOverThenKilledIsAnOrphan() throws Exception {
        LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        long pid = attachInAnotherProcess("use");
        started.close(); // handed over to the other command
        other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        LocalEmulator status = LocalEmulator.attach(new LocalEmulator.Options()).orElseThrow();
        assertThat(status.kept()).as("an orphan counts as kept until destroy finds nothing on it").isTrue();
        status.close();
        assertRunning(pid, "a read-only command stopped what it had just listed");
    }

    private long attachInAnotherProcess(String how) throws Exception {
        other = holder(how);
        return Long.parseLong(firstLine(other));
    }

    private Process holder(String how) throws Exception {
        return new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                "-Ddva-labs.state-dir=" + state, "-cp", System.getProperty("java.class.path"), EmulatorHolder.class.getName(), how)
                .redirectError(new File("/dev/null")).start();
    }

    /** The other command's pid, the line after its "attaching". */
    private static String firstLine(Process process) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("attaching");
        String line = lines.readLine();
        assertThat(line).as("the other command's pid").isNotNull().matches("\\d+");
        return line;
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
