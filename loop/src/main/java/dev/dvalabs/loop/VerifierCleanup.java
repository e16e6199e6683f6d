package dev.dvalabs.loop;

import dev.dvalabs.targets.ShutdownHooks;
import dev.dvalabs.verify.Session;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a verify's session, which undoes every write it journaled, however verify ends: normally, by an
 * exception, or by Ctrl-C, which ends the JVM without unwinding the thread that is observing, so only a
 * shutdown hook runs then. It may run on the hook's thread while {@code observe} is still running on another.
 */
final class VerifierCleanup implements AutoCloseable {

    private final Session session;
    private final PrintWriter out;
    private final AtomicBoolean ran = new AtomicBoolean();
    private ShutdownHooks.Registration hook;

    private VerifierCleanup(Session session, PrintWriter out) {
        this.session = session;
        this.out = out;
    }

    /** Starts watching: from now until {@link #close}, an interrupted JVM still closes the session. */
    static VerifierCleanup around(Session session, PrintWriter out) {
        VerifierCleanup watch = new VerifierCleanup(session, out);
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
        try {
            session.close();
        } catch (RuntimeException e) {
            out.println("The verifier could not remove all of its test data: " + e.getMessage());
            out.flush();
        }
    }
}
