package dev.dvalabs.cli;

import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.report.Shown;
import dev.dvalabs.targets.ExclusiveLock;
import dev.dvalabs.targets.ShutdownHooks;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code labs verify --watch}: verifies again every interval, or sooner when a file of the exercise's folder
 * changes, and prints only the checks whose status changed and the new counts. Each verify is a session of
 * the loop, which undoes its own writes; the watch itself writes nothing. Ctrl-C ends it (exit 130).
 */
final class Watch {

    /** How often the exercise's folder is looked at between verifies. */
    private static final Duration LOOK = Duration.ofSeconds(1);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Exercise exercise;
    private final Map<String, String> overrides;
    private final Target target;
    private final PrintWriter out;
    private final Duration interval;
    private final Path folder;
    private final Supplier<ExclusiveLock> lock;

    /**
     * @param folder the exercise's folder whose changes start a verify early; one that does not exist is not looked at
     * @param lock takes the exercise's lock for one verify
     */
    Watch(Exercise exercise, Map<String, String> overrides, Target target, PrintWriter out, Duration interval, Path folder,
          Supplier<ExclusiveLock> lock) {
        this.exercise = exercise;
        this.overrides = overrides;
        this.target = target;
        this.out = out;
        this.interval = interval;
        this.folder = folder;
        this.lock = lock;
    }

    /**
     * Watches from the checklist just printed until interrupted; {@code verified} sees every checklist that
     * differs from the one before. Returns the exit code of an interrupted command.
     */
    int from(Report first, Consumer<Report> verified) {
        out.println();
        out.println("Watching " + exercise.id() + ": verifying again every " + interval.toSeconds() + " s"
                + (Files.isDirectory(folder) ? " or when a file under " + folder + "/ changes" : "")
                + "; only what changes is printed. Ctrl-C stops.");
        out.flush();
        ShutdownHooks.Registration stopped = ShutdownHooks.whileTargetsRun(() -> {
            out.println();
            out.println("Stopped watching " + exercise.id() + ".");
            out.flush();
        });
        Report previous = first;
        try {
            while (true) {
                waitForChange();
                Report next;
                try (ExclusiveLock ignored = lock.get()) {
                    next = new Loop(target, out).verify(exercise, overrides);
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException();
                    }
                    throw e;
                }
                if (Thread.interrupted()) {
                    // interrupted while verifying: what the checks saw then is no change of the learner's
                    throw new InterruptedException();
                }
                List<Outcome> changed = changed(previous, next);
                if (!changed.isEmpty()) {
                    print(changed, next);
                    verified.accept(next);
                }
                previous = next;
            }
        } catch (InterruptedException e) {
            out.println();
            out.println("Stopped watching " + exercise.id() + ".");
            return ExitCode.INTERRUPTED;
        } finally {
            stopped.remove();
            out.flush();
        }
    }

    /** The checks of {@code next} whose status differs from {@code previous}, or that are new. */
    static List<Outcome> changed(Report previous, Report next) {
        return next.outcomes().stream().filter(o -> previous.outcomes().stream()
                .noneMatch(p -> p.id().equals(o.id()) && p.status() == o.status())).toList();
    }

    private void print(List<Outcome> changed, Report next) {
        Report shown = Shown.report(new Report(next.exercise(), next.target(), changed));
        out.println();
        out.println(LocalTime.now().format(CLOCK) + "  " + changed.size() + (changed.size() == 1 ? " check" : " checks")
                + " changed:");
        int width = shown.outcomes().stream().mapToInt(o -> o.id().length()).max().orElse(0);
        shown.outcomes().forEach(o -> ConsoleReport.outcome(o, width, out));
        ConsoleReport.summary(next, out);
        out.println(next.passed() ? "All checks pass." : "Some checks do not pass yet.");
        out.flush();
    }

    /** Sleeps until the interval is over, or until a file of the exercise's folder changed. */
    private void waitForChange() throws InterruptedException {
        long deadline = System.nanoTime() + interval.toNanos();
        int before = fingerprint();
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(LOOK.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
            if (fingerprint() != before) {
                return;
            }
        }
    }

    /** Every file's path, size and time of change under the folder, build output left out; 0 when there is no folder. */
    private int fingerprint() {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> !f.toString().contains("/target/") && Files.isRegularFile(f)).mapToInt(f -> {
                try {
                    return Objects.hash(f.toString(), Files.size(f), Files.getLastModifiedTime(f));
                } catch (IOException e) {
                    return 0; // a file removed while looking: the next look sees the change
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
