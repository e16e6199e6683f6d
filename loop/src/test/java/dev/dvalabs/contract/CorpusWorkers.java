package dev.dvalabs.contract;

import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.verify.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Runs mistake corpus scripts several at a time, each worker on emulators of its own (a ministack and
 * a moto, started when it first needs them and reset before every script), so that one script's waits
 * (a verifier waiting out SQS's clocks, the CLI starting) overlap another's work. Each run is the same
 * as one at a time: the script on an emptied emulator, then the exercise verified there.
 */
final class CorpusWorkers implements AutoCloseable {

    /** How many scripts run at once unless {@code -Ddva-labs.corpus.workers=N} says otherwise. */
    static int defaultCount() {
        return Integer.getInteger("dva-labs.corpus.workers", Math.max(3, 3 * Runtime.getRuntime().availableProcessors()));
    }

    /** What a script did, and the verdict on what it built (null when the script itself failed). */
    record Run(AwsCli.Ran script, Report report) {}

    /** Starting one emulator at a time: each picks a free port, and two picking at once could pick the same. */
    private static final Object STARTING = new Object();

    /** Where each run's time went (reset, script, verify), written to target/corpus-timings.tsv at the end. */
    private final java.util.Queue<String> timings = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static String millis(long nanos) {
        return Long.toString(nanos / 1_000_000);
    }

    private final AwsCli cli;
    private final ExecutorService pool;
    private final BlockingQueue<Map<Emulator, LocalEmulator>> idle;
    private final List<Map<Emulator, LocalEmulator>> all;

    CorpusWorkers(AwsCli cli, int count) {
        this.cli = cli;
        this.pool = Executors.newFixedThreadPool(count, r -> {
            Thread thread = new Thread(r, "corpus worker");
            thread.setDaemon(true);
            return thread;
        });
        this.all = IntStream.range(0, count).<Map<Emulator, LocalEmulator>>mapToObj(i -> new EnumMap<>(Emulator.class)).toList();
        this.idle = new ArrayBlockingQueue<>(count, false, all);
    }

    /** Queues a script; its run starts when a worker is free. */
    Future<Run> submit(Exercise exercise, Path script, Emulator kind, Map<String, String> names) {
        return pool.submit(() -> {
            Map<Emulator, LocalEmulator> emulators = idle.take();
            try {
                long start = System.nanoTime();
                LocalEmulator emulator = emulators.computeIfAbsent(kind, CorpusWorkers::start);
                emulator.reset();
                long reset = System.nanoTime();
                AwsCli.Ran ran = cli.run(script.toAbsolutePath(), emulator);
                long built = System.nanoTime();
                if (ran.exitCode() != 0) {
                    return new Run(ran, null);
                }
                Report report = new Loop(emulator, new PrintWriter(new StringWriter())).verify(exercise, names);
                timings.add(String.join("\t", exercise.id(), kind.project(), script.getFileName().toString(),
                        millis(reset - start), millis(built - reset), millis(System.nanoTime() - built)));
                return new Run(ran, report);
            } finally {
                idle.add(emulators);
            }
        });
    }

    /** A run's outcome, waiting for it; what went wrong in the run is thrown as it was. */
    static Run await(Future<Run> run) throws Exception {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static LocalEmulator start(Emulator kind) {
        synchronized (STARTING) {
            return LocalEmulator.start(new LocalEmulator.Options().withEmulator(kind));
        }
    }

    /** Stops the runs still queued, waits for those under way, then stops every worker's emulators. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        all.forEach(emulators -> emulators.values().forEach(LocalEmulator::close));
        try {
            java.nio.file.Files.write(Path.of("target", "corpus-timings.tsv"), timings);
        } catch (java.io.IOException e) {
            // the timings are a diagnostic; a run without them is still judged
        }
    }
}
