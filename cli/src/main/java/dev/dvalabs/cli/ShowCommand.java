package dev.dvalabs.cli;

import dev.dvalabs.exercise.Exercise;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show an exercise's instructions: goal, tasks, the notes it covers, what the checks look at.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise id, as labs list shows it.")
    String exerciseId;

    @Override
    public Integer call() {
        Exercise exercise = ExerciseCommand.find(exerciseId);
        var out = spec.commandLine().getOut();
        out.println(exercise.instructions().strip());
        out.println();
        out.println("Notes: " + exercise.notes());
        out.println("Services: " + String.join(", ", exercise.services()));
        out.println("Cost: " + exercise.cost().describe());
        return ExitCode.OK;
    }
}
