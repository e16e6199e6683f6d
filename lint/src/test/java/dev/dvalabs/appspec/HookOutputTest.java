package dev.dvalabs.appspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A hook's output")
class HookOutputTest {

    @TempDir
    Path work;

    /** A reader thread that starts reading only after the script has surely ended: a loaded machine. */
    private static final ThreadFactory LATE_READER = task -> new Thread(() -> {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        task.run();
    });

    @Test
    @DisplayName("is kept whole when the script has ended before its output is read")
    void keptWhenReadLate() throws Exception {
        HookRunner.Outcome outcome = runReadLate("#!/bin/sh\necho stopping the old one\n", Duration.ofSeconds(30));

        assertThat(outcome.exitCode()).hasValue(0);
        assertThat(outcome.output()).isEqualTo("stopping the old one\n");
    }

    @Test
    @DisplayName("is kept up to the kill when a late-read script times out")
    void keptWhenATimedOutScriptIsReadLate() throws Exception {
        HookRunner.Outcome outcome = runReadLate("#!/bin/sh\necho started\nsleep 60 &\nsleep 60\n", Duration.ofMillis(500));

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.output()).isEqualTo("started\n");
    }

    @Test
    @DisplayName("past its limit keeps its last bytes, dropping a UTF-8 character cut in two with the earlier ones")
    void keepsTailWithoutHalfCharacters() {
        // "ab" + the three bytes of the euro sign + "cd": the last four bytes begin inside the euro sign.
        byte[] text = "ab\u20accd".getBytes(StandardCharsets.UTF_8);
        BoundedOutput output = new BoundedOutput(new TwoBytesAtATime(text), 4);

        output.run();

        assertThat(output.text()).isEqualTo("[... 5 earlier bytes of output dropped]\ncd");
    }

    @Test
    @DisplayName("up to its limit is kept whole, however it was read")
    void keptWholeUpToLimit() {
        BoundedOutput output = new BoundedOutput(new TwoBytesAtATime("a\u20acb".getBytes(StandardCharsets.UTF_8)), 5);

        output.run();

        assertThat(output.text()).isEqualTo("a\u20acb");
    }

    /** A pipe that hands out two bytes per read, so the kept bytes wrap around the ring. */
    private static final class TwoBytesAtATime extends ByteArrayInputStream {
        TwoBytesAtATime(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(2, len));
        }
    }

    private HookRunner.Outcome runReadLate(String scriptText, Duration timeout) throws Exception {
        Path script = Files.writeString(work.resolve("hook.sh"), scriptText);
        return new HookRunner(Map.of(), new OnExit(false), LATE_READER).run("ApplicationStop", script, work, timeout);
    }
}
