package dev.dvalabs.cli;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import java.util.concurrent.Callable;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the exercises, each marked done or started by your verifies (labs progress says more).")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var exercises = Catalog.load().all();
        int width = exercises.stream().mapToInt(e -> e.id().length()).max().orElse(0);
        Progress progress = Progress.ofUser();
        for (Exercise e : exercises) {
            out.printf(Locale.ROOT, "%-" + width + "s  %-7s  %s (%s)%n", e.id(), progress.mark(e.id()), e.title(),
                    String.join(", ", e.services()));
        }
        return ExitCode.OK;
    }
}
