package dev.dvalabs.cli;

import dev.dvalabs.exercise.Exercise;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show an exercise's instructions: goal, tasks, the notes it covers, what the checks look at.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise id, as labs list shows it.")
    String exerciseId;

    @Option(names = "--markdown", description = "Print instructions.md as it is written, not rendered for the terminal.")
    boolean markdown;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Wrap at this many columns (default: $COLUMNS, else 100).")
    Integer width;

    @Override
    public Integer call() {
        Exercise exercise = ExerciseCommand.find(exerciseId);
        var out = spec.commandLine().getOut();
        out.print(markdown ? exercise.instructions().strip() + "\n"
                : TerminalMarkdown.render(exercise.instructions(), TerminalMarkdown.colorWanted(), columns()));
        out.println();
        out.println("Notes: " + exercise.notes());
        out.println("Services: " + String.join(", ", exercise.services()));
        out.println("Cost: " + exercise.cost().describe());
        return ExitCode.OK;
    }

    private int columns() {
        if (width != null) {
            return width;
        }
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip());
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
