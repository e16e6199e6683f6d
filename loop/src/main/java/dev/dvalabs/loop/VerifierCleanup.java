package dev.dvalabs.loop;

import dev.dvalabs.targets.ShutdownHooks;
import dev.dvalabs.verify.Verifier;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a verifier's own cleanup however verify ends: normally, by an exception, or by Ctrl-C, which
 * ends the JVM without unwinding the thread that is observing, so only a shutdown hook runs then.
 *
 * <p>A verifier offers its cleanup by implementing {@link AutoCloseable}: {@code close()} removes what
 * {@code observe} wrote so far (items, messages, temporary keys). It must do nothing when nothing is
 * left, and may run on the hook's thread while {@code observe} is still running on another.
 */
final class VerifierCleanup implements AutoCloseable {

    private final Optional<AutoCloseable> cleanup;
    private final PrintWriter out;
    private final AtomicBoolean ran = new AtomicBoolean();
    private ShutdownHooks.Registration hook;

    private VerifierCleanup(Optional<AutoCloseable> cleanup, PrintWriter out) {
        this.cleanup = cleanup;
        this.out = out;
    }

    /** Starts watching: from now until {@link #close}, an interrupted JVM still runs the verifier's cleanup. */
    static VerifierCleanup around(Verifier<?> verifier, PrintWriter out) {
        VerifierCleanup watch = new VerifierCleanup(
                verifier instanceof AutoCloseable closeable ? Optional.of(closeable) : Optional.empty(), out);
        // Before the local emulator stops: the cleanup still needs it.
        watch.cleanup.ifPresent(c -> watch.hook = ShutdownHooks.whileTargetsRun(
                () -> watch.runOnce("Interrupted: removing the verifier's test data.")));
        return watch;
    }

    @Override
    public void close() {
        if (cleanup.isEmpty()) {
            return;
        }
        if (hook.remove()) {
            runOnce(null);
        }
        // Otherwise the JVM is shutting down and the hook does the cleanup.
    }

    private void runOnce(String announce) {
        if (!ran.compareAndSet(false, true)) {
            return;
        }
        if (announce != null) {
            out.println(announce);
            out.flush();
        }
        try {
            cleanup.orElseThrow().close();
        } catch (Exception e) {
            out.println("The verifier could not remove all of its test data: " + e.getMessage());
            out.flush();
        }
    }
}
