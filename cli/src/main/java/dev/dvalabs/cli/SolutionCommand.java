package dev.dvalabs.cli;

import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Where an exercise's answer is, opened on purpose: the starter a learner edits holds none of it. Lists the files
 * of the folder's {@code solution/} and the by-hand answer of its corpus ({@code corpus/correct*.sh}); with
 * {@code --print}, prints the solution's Java sources.
 */
@Command(name = "solution", description = "Spoiler: where an exercise's answer is (its solution/ folder and the by-hand"
        + " answer of its corpus); --print prints the solution's stack.")
final class SolutionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "The exercise id, as labs list shows it.")
    String exerciseId;

    @Option(names = "--print", description = "Print the solution's Java sources (its stack, and any step of its own).")
    boolean print;

    @Override
    public Integer call() {
        Exercise exercise = ExerciseCommand.find(exerciseId);
        Path folder = folder(exercise);
        Path root = folder.getParent().getParent();
        List<Path> solution = files(folder.resolve("solution"), p -> true);
        if (solution.isEmpty()) {
            throw new BadInputException(exercise.id() + " has no solution/ folder in this checkout (" + folder + ").");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Spoiler: the answer to " + exercise.id() + ", to check your work or when truly stuck.");
        if (print) {
            for (Path source : solution.stream().filter(p -> p.toString().endsWith(".java")).toList()) {
                out.println();
                out.println("// " + root.relativize(source));
                out.print(read(source));
            }
            return ExitCode.OK;
        }
        out.println("The solution's stack and the files only it uses:");
        solution.forEach(p -> out.println("  " + root.relativize(p)));
        List<Path> byHand = files(folder.resolve("corpus"), p -> p.getFileName().toString().matches("correct.*\\.sh"));
        if (!byHand.isEmpty()) {
            out.println("The same by hand, with the AWS CLI:");
            byHand.forEach(p -> out.println("  " + root.relativize(p)));
        }
        out.println("Deploy it with: labs deploy " + exercise.id() + " --variant solution; print its stack with: labs solution "
                + exercise.id() + " --print");
        return ExitCode.OK;
    }

    /**
     * The exercise's folder in the checkout the toolkit runs from: beside the build output its Lab was loaded
     * from ({@code exercises/target/classes}), else under the working directory.
     */
    private static Path folder(Exercise exercise) {
        CodeSource built = exercise.lab().getClass().getProtectionDomain().getCodeSource();
        if (built != null) {
            try {
                Path module = Path.of(built.getLocation().toURI()).getParent().getParent();
                if (module != null && Files.isDirectory(module.resolve(exercise.id()))) {
                    return module.resolve(exercise.id()).toAbsolutePath();
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not loaded from a file: the working directory is the checkout, as for labs verify --watch.
            }
        }
        return Path.of("exercises", exercise.id()).toAbsolutePath();
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> keep) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
