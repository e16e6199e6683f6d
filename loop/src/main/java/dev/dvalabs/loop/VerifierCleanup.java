package dev.dvalabs.loop;

import dev.dvalabs.targets.ShutdownHooks;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a verify's session, which undoes every write it journaled, however verify ends: normally, by an
 * exception, or by Ctrl-C, which ends the JVM without unwinding the thread that is observing, so only a
 * shutdown hook runs then. A verifier that still keeps writes of its own ({@link AutoCloseable}) is closed
 * first. Either may run on the hook's thread while {@code observe} is still running on another.
 */
final class VerifierCleanup implements AutoCloseable {

    private final List<AutoCloseable> cleanup;
    private final PrintWriter out;
    private final AtomicBoolean ran = new AtomicBoolean();
    private ShutdownHooks.Registration hook;

    private VerifierCleanup(List<AutoCloseable> cleanup, PrintWriter out) {
        this.cleanup = cleanup;
        this.out = out;
    }

    /** Starts watching: from now until {@link #close}, an interrupted JVM still runs the verifier's cleanup. */
    static VerifierCleanup around(Session session, Verifier<?> verifier, PrintWriter out) {
        List<AutoCloseable> cleanup = new ArrayList<>();
        if (verifier instanceof AutoCloseable closeable) {
            cleanup.add(closeable);
        }
        cleanup.add(session);
        VerifierCleanup watch = new VerifierCleanup(List.copyOf(cleanup), out);
        // Before the local emulator stops: the cleanup still needs it.
        watch.hook = ShutdownHooks.whileTargetsRun(() -> watch.runOnce("Interrupted: removing the verifier's test data."));
        return watch;
    }

    @Override
    public void close() {
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
        for (AutoCloseable c : cleanup) {
            try {
                c.close();
            } catch (Exception e) {
                out.println("The verifier could not remove all of its test data: " + e.getMessage());
                out.flush();
            }
        }
    }
}
