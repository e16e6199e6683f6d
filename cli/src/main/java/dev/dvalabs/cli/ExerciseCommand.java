package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.ExclusiveLock;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.TargetException;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command about one exercise on one target. */
abstract class ExerciseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXERCISE", description = "The exercise id, as labs list shows it.")
    String exerciseId;

    @Mixin
    TargetOptions target;

    @picocli.CommandLine.Option(names = "--timings", description = "Print where the time went, phase by phase, on stderr.")
    boolean printTimings;

    final Timings timings = new Timings();

    Exercise exercise() {
        if (exerciseId == null) {
            throw new BadInputException("Name an exercise (labs list shows them), for example: labs "
                    + spec.name() + " dynamodb-gsi-ttl.");
        }
        return find(exerciseId);
    }

    static Exercise find(String id) {
        Catalog catalog = Catalog.load();
        return catalog.find(id).orElseThrow(() -> new BadInputException(
                "Unknown exercise '" + id + "'; the exercises are: " + String.join(", ", catalog.ids()) + "."));
    }

    /** Whether this command acts on one exercise (destroy --all does not). */
    boolean needsExercise() {
        return true;
    }

    /** Whether the command ends by destroying (run, destroy), which lists what is left through more services. */
    boolean destroys() {
        return false;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** What the command does on its target. */
    interface OnTarget {
        int run(Target target);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Opens the target, runs the body and closes the target, keeping the local emulator running when
     * the command or {@code --keep} asks for it. {@code whenNoEmulator} answers when only attaching
     * was asked for and no local emulator runs. The exercise's lock is taken before the target is
     * opened, so that a second command on the same exercise does not attach to an emulator the first
     * is about to stop.
     */
    int onTarget(TargetOptions.Local local, OnTarget body, Callable<Integer> whenNoEmulator) throws Exception {
        if (!needsExercise()) {
            return opened(local, body, whenNoEmulator);
        }
        String id = exercise().id(); // an unknown id is refused before anything is started
        target.validate();
        try (ExclusiveLock ignored = CommandLocks.exercise(target, id, err())) {
            return opened(local, body, whenNoEmulator);
        }
    }

    private int opened(TargetOptions.Local local, OnTarget body, Callable<Integer> whenNoEmulator) throws Exception {
        Warmup.start(destroys());
        Optional<Target> opened = target.open(local, out());
        if (opened.isEmpty()) {
            return whenNoEmulator.call();
        }
        try (Target t = opened.get()) {
            timings.lap("start-up");
            if (t.emulator().isPresent()) {
                ShellEndpoint.mismatch(System.getenv("AWS_ENDPOINT_URL"), t).ifPresent(out()::println);
            }
            int code;
            try {
                code = body.run(t);
            } catch (RuntimeException e) {
                // Requests to an emulator that died are refused: say that it died, not that AWS cannot be reached.
                Optional<String> ended = t instanceof LocalEmulator emulator ? emulator.endedWhileUsed() : Optional.empty();
                if (ended.isPresent()) {
                    throw new TargetException(ended.get(), e);
                }
                throw e;
            }
            if (t instanceof LocalEmulator emulator && (local == TargetOptions.Local.START_AND_KEEP || target.keep)) {
                if (!emulator.kept()) {
                    emulator.keep().forEach(out()::println);
                }
                ShellEnv.howToUse(t).forEach(out()::println);
            }
            return code;
        } finally {
            out().flush();
            if (printTimings) {
                spec.commandLine().getErr().println(timings.line());
            }
        }
    }
}
