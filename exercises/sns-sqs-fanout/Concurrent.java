package dev.dvalabs.exercises.snssqsfanout;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A few probes at once on a bounded pool of daemon threads: each started probe is read back with
 * {@code get()}, which waits for it and throws what it threw, so a caller combines the results in its
 * own order whatever order they finished in.
 */
final class Concurrent implements AutoCloseable {

    private final ExecutorService pool;

    Concurrent(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "dva-labs probe");
            thread.setDaemon(true); // a probe still waiting must not keep the JVM from ending
            return thread;
        });
    }

    /** Starts the probe; the supplier returned waits for its result. */
    <T> Supplier<T> start(Supplier<T> probe) {
        Future<T> running = pool.submit(probe::get);
        return () -> {
            try {
                return running.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new CompletionException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.cancel(true);
                throw new CompletionException(e);
            }
        };
    }

    /** Stops what is still running: after an error, the probes left have nobody to report to. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
