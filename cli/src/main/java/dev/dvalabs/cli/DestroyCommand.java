package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.deploy.DeployedStacks;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.ExclusiveLock;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "destroy",
        description = "Remove an exercise's stacks and anything left with its tags; safe to run again."
                + " With --all or --older-than, every exercise the toolkit deployed on the target.")
final class DestroyCommand extends ExerciseCommand {

    @Override
    boolean destroys() {
        return true;
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

    @Option(names = "--all", description = "Destroy every exercise deployed on the target.")
    boolean all;

    @Option(names = "--older-than", paramLabel = "AGE", description = "Destroy every exercise deployed longer ago than AGE (30m, 2h, 1d).")
    String olderThan;

    @Option(names = "--dry-run", description = "Show what would be removed, and remove nothing.")
    boolean dryRun;

    @Override
    boolean needsExercise() {
        return !all && olderThan == null;
    }

    @Override
    public Integer call() throws Exception {
        if (!needsExercise() && exerciseId != null) {
            throw new BadInputException("Name an exercise or use --all / --older-than, not both.");
        }
        Duration minimumAge = olderThan == null ? Duration.ZERO : parseAge(olderThan);
        target.validate();
        Warmup.start(destroys());
        if (needsExercise()) {
            String id = exercise().id();
            try (ExclusiveLock ignored = CommandLocks.exercise(target, id, err())) {
                return onEveryTarget(t -> destroyOn(t, List.of(id), false));
            }
        }
        return onEveryTarget(t -> destroyOn(t, java.util.stream.Stream.concat(
                DeployedStacks.on(t).stream().filter(s -> s.age().compareTo(minimumAge) >= 0).map(DeployedStacks.Deployed::exercise),
                // What an earlier destroy could not remove has no stack, nor an age: --all removes it too.
                olderThan == null ? new Teardown(t, out()).tagged().keySet().stream() : java.util.stream.Stream.<String>empty())
                .distinct().toList(), true));
    }

    /**
     * Runs the body on every target there is to look at: on the local targets that is every emulator
     * running for this machine, including one a killed command never recorded.
     */
    private int onEveryTarget(OnTarget body) {
        List<Target> targets = target.openAll(out());
        if (targets.isEmpty()) {
            out().println("No local emulator is running, so nothing is left on it.");
            return ExitCode.OK;
        }
        int code = ExitCode.OK;
        try {
            for (Target t : targets) {
                code = Math.max(code, body.run(t));
            }
        } finally {
            targets.forEach(Target::close);
            out().flush();
            if (printTimings) {
                err().println(timings.line());
            }
        }
        return code;
    }

    private int destroyOn(Target t, List<String> exercises, boolean lockEach) {
        if (exercises.isEmpty()) {
            out().println("Nothing of the toolkit's" + (olderThan == null ? "" : " older than " + olderThan)
                    + " is deployed on " + t.describe() + ".");
        }
        int code = ExitCode.OK;
        for (String id : exercises) {
            if (dryRun) {
                List<String> plan = new Teardown(t, out()).plan(id);
                (plan.isEmpty() ? List.of("Nothing of " + id + " to remove.") : plan).forEach(out()::println);
            } else if (lockEach) {
                try (ExclusiveLock ignored = CommandLocks.exercise(target, id, err())) {
                    code = Math.max(code, destroy(find(id), t, out()));
                }
            } else {
                code = Math.max(code, destroy(find(id), t, out()));
            }
        }
        timings.lap("destroy");
        // An emulator holding what a destroy could not remove keeps running, for status to show it and the learner to remove it.
        if (!dryRun && code == ExitCode.OK && t instanceof LocalEmulator emulator && emulator.kept() && !target.keep
                && DeployedStacks.on(t).isEmpty()) {
            if (emulator.stopIfUnused()) {
                out().println("Stopped the local emulator at " + t.endpoint().orElseThrow() + ": no exercise is deployed on it any more.");
            } else {
                out().println("Left the local emulator at " + t.endpoint().orElseThrow() + " running: another labs command is"
                        + " using it, and it stops or keeps it when it ends.");
            }
        }
        return code;
    }

    static Duration parseAge(String text) {
        Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadInputException("'" + text + "' is not an age; use a number and s, m, h or d, like 30m or 2h.");
        }
        try {
            long n = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            age.toMillis(); // an age that overflows here would overflow when compared, later
            return age;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException("'" + text + "' is longer than any age the toolkit can compare; use something like 30d.");
        }
    }

    static int destroy(Exercise exercise, Target target, PrintWriter out) {
        return new Loop(target, out).destroy(exercise).clean() ? ExitCode.OK : ExitCode.DEPLOY_FAILED;
    }
}
