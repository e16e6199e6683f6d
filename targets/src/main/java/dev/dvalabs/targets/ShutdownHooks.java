package dev.dvalabs.targets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The toolkit's work for an interrupted JVM (Ctrl-C), in two phases. The JVM runs its own shutdown hooks
 * all at once and in no order, so a verifier removing its test data could meet the emulator already
 * stopped under it; here what still needs the target runs first, and only then what stops a target.
 *
 * <pre>{@code
 * ShutdownHooks.Registration cleanup = ShutdownHooks.whileTargetsRun(verifier::close);
 * ...
 * if (cleanup.remove()) { verifier.close(); } // not shutting down: do it now
 * }</pre>
 */
public final class ShutdownHooks {

    /** How long a phase may take before the next starts anyway: the JVM must end. */
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

    private static final Set<Registration> WHILE_TARGETS_RUN = ConcurrentHashMap.newKeySet();
    private static final Set<Registration> STOPPING_TARGETS = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::runAll, "dva-labs shutdown"));
    }

    private ShutdownHooks() {}

    /** A task registered to run if the JVM is interrupted. */
    public static final class Registration {
        private final Set<Registration> phase;
        private final Runnable task;

        private Registration(Set<Registration> phase, Runnable task) {
            this.phase = phase;
            this.task = task;
        }

        /**
         * Takes the task back; false when the JVM is already shutting down, and the task runs (or ran)
         * there, so the caller must not run it again.
         */
        public boolean remove() {
            return phase.remove(this) && !shuttingDown;
        }
    }

    /** Runs {@code task} first if the JVM is interrupted, while every target still answers. */
    public static Registration whileTargetsRun(Runnable task) {
        return register(WHILE_TARGETS_RUN, task);
    }

    /** Runs {@code task}, which stops a target, once the tasks that still need targets are done. */
    public static Registration toStopTargets(Runnable task) {
        return register(STOPPING_TARGETS, task);
    }

    private static Registration register(Set<Registration> phase, Runnable task) {
        if (shuttingDown) {
            throw new IllegalStateException("the JVM is shutting down");
        }
        Registration registration = new Registration(phase, task);
        phase.add(registration);
        return registration;
    }

    private static void runAll() {
        shuttingDown = true;
        runPhase(WHILE_TARGETS_RUN);
        runPhase(STOPPING_TARGETS);
    }

    /** The phase's tasks at once, each on its own thread, as the JVM would run them, and waits for them all. */
    private static void runPhase(Set<Registration> phase) {
        List<Thread> threads = new ArrayList<>();
        for (Registration registration : List.copyOf(phase)) {
            Thread thread = new Thread(registration.task, "dva-labs shutdown task");
            thread.start();
            threads.add(thread);
        }
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
