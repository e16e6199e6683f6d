package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Names;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import dev.dvalabs.verify.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "hint",
        description = "Show the hints of an exercise's checks, or of one check; one at a time with --one-at-a-time.")
final class HintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise id, as labs list shows it.")
    String exerciseId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CHECK", description = "One check's id, as labs verify shows it.")
    String checkId;

    @Option(names = "--one-at-a-time", description = "Show one hint, then wait for Enter before the next (q and Enter stops);"
            + " starts at the first check your last verify did not pass.")
    boolean oneAtATime;

    /** Where the learner's answers come from; a test gives its own. */
    static java.io.InputStream input = System.in;

    @Mixin
    NameOverrides names;

    @Override
    public Integer call() throws Exception {
        Exercise exercise = ExerciseCommand.find(exerciseId);
        Names inForce = Names.of(exercise.names(), names.of(exercise));
        List<? extends Check<?>> checks = exercise.lab().verifier().checks();
        if (checkId != null) {
            checks = checks.stream().filter(c -> c.id().equals(checkId)).toList();
            if (checks.isEmpty()) {
                throw new BadInputException("'" + checkId + "' is not a check of " + exerciseId + "; its checks are: "
                        + String.join(", ", exercise.lab().verifier().checks().stream().map(Check::id).toList()) + ".");
            }
        }
        var out = spec.commandLine().getOut();
        if (oneAtATime && checkId == null) {
            checks = notPassed(exercise, checks, out);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        for (int i = 0; i < checks.size(); i++) {
            Check<?> check = checks.get(i);
            out.println(check.id() + ": " + inForce.fill(check.title()));
            out.println("  hint:  " + inForce.fill(check.hint()));
            out.println("  notes: \"" + check.teaches() + "\"");
            out.flush();
            if (oneAtATime && i < checks.size() - 1) {
                out.print("(Enter for the next hint, q to stop) ");
                out.flush();
                String answer = in.readLine();
                if (answer == null || answer.strip().equalsIgnoreCase("q")) {
                    break;
                }
            }
        }
        return ExitCode.OK;
    }

    /**
     * The checks the last verify on record did not pass (failed, erred, or not judged then), in the checklist's
     * order: one at a time, the hints worth reading come first and the passing ones are left out. A SKIP is the
     * target's, not the learner's to fix. Without a verify on record, every check.
     */
    private static List<? extends Check<?>> notPassed(Exercise exercise, List<? extends Check<?>> checks, java.io.PrintWriter out) {
        Optional<Progress.Verified> last = Progress.ofUser().summary(exercise.id()).map(Progress.Summary::last);
        if (last.isEmpty()) {
            out.println("No verify of " + exercise.id() + " on record yet, so from the first check.");
            return checks;
        }
        Map<String, Status> seen = last.get().checks();
        List<? extends Check<?>> left = checks.stream()
                .filter(c -> seen.get(c.id()) != Status.PASS && seen.get(c.id()) != Status.SKIP).toList();
        if (left.isEmpty()) {
            out.println("Your last verify of " + exercise.id() + " (" + last.get().target() + ") passed every check it could judge:"
                    + " no hint to give. labs hint " + exercise.id() + " shows them all.");
        } else {
            out.println("From " + left.get(0).id() + ", the first check your last verify (" + last.get().target() + ") did not pass;"
                    + " " + (checks.size() - left.size()) + " passed or skipped there are left out.");
        }
        return left;
    }
}
