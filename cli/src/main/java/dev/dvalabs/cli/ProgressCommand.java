package dev.dvalabs.cli;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "progress", description = "Show each exercise's best and last verify, and the checks left to make pass.")
final class ProgressCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = Progress.ofUser();
        var exercises = Catalog.load().all();
        int width = exercises.stream().mapToInt(e -> e.id().length()).max().orElse(0);
        int done = 0;
        for (Exercise e : exercises) {
            var summary = progress.summary(e.id());
            if (summary.isEmpty()) {
                out.printf(Locale.ROOT, "%-" + width + "s  %-7s  not verified yet%n", e.id(), "");
                continue;
            }
            Progress.Verified best = summary.get().best();
            Progress.Verified last = summary.get().last();
            done += best.done() ? 1 : 0;
            out.printf(Locale.ROOT, "%-" + width + "s  %-7s  best %d of %d passed (%s), last %d of %d (%s, %s)%n", e.id(),
                    best.done() ? "done" : "started", best.passed(), best.total(), WHEN.format(best.at()),
                    last.passed(), last.total(), WHEN.format(last.at()), dev.dvalabs.report.Shown.line(last.target()));
            if (!last.left().isEmpty()) {
                out.printf(Locale.ROOT, "%-" + width + "s  %-7s  left: %s%n", "", "", String.join(", ", last.left()));
            }
        }
        out.printf(Locale.ROOT, "%d of %d exercises done; every labs verify is remembered in %s.%n", done, exercises.size(),
                progress.dir());
        return ExitCode.OK;
    }
}
