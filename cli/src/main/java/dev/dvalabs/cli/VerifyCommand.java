package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.ExclusiveLock;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Report;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.report.ClassReport;
import dev.dvalabs.report.Outline;
import dev.dvalabs.report.ReportFormat;
import dev.dvalabs.report.VerifyRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Check an exercise's resources and print the checklist, with a hint under each failure.")
final class VerifyCommand extends ExerciseCommand {

    @Mixin
    NameOverrides names;

    @Option(names = "--report", paramLabel = "FORMAT", split = ",",
            description = "Also write the checklist as ${COMPLETION-CANDIDATES} (repeat or separate with commas).")
    List<ReportFormat> reports = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where --report writes its files, named <exercise>-report.json, -junit.xml, -report.html (default: the current directory).")
    Path reportDir;

    @Option(names = "--accounts", paramLabel = "FILE",
            description = "Verify a whole class: a YAML file with 'learners:', each a name and one of profile, role (an ARN"
                    + " to assume) or endpoint. Writes <exercise>-class.csv and -class.html into --report-dir.")
    Path accounts;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "With --accounts, how many learners are verified at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--watch",
            description = "Verify again every --interval seconds, or sooner when a file under exercises/<id>/ changes, and"
                    + " print only the checks whose status changed and the new counts; Ctrl-C stops (exit 130).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "With --watch, how many seconds between verifies (default: ${DEFAULT-VALUE}).")
    int interval;

    /** What the target in use is, as the reports written say it ({@code Target.reported()}). */
    private String reported;

    @Override
    public Integer call() throws Exception {
        if (accounts != null) {
            if (watch) {
                throw new BadInputException("--watch is for one learner's exercise, not with --accounts.");
            }
            return verifyClass();
        }
        if (interval < 1) {
            throw new BadInputException("--interval must be at least 1 second.");
        }
        Map<String, String> overrides = names.of(exercise());
        if (!reports.isEmpty()) {
            ReportDirectory.requireWritable(reportDir);
        }
        return onTarget(TargetOptions.Local.ATTACH, t -> {
            reported = t.reported();
            Report report;
            java.util.Optional<String> notDeployed = new Loop(t, out()).notDeployed(exercise(), overrides);
            notDeployed.ifPresent(out()::println);
            try (ExclusiveLock ignored = watch ? lock() : null) {
                report = verify(exercise(), overrides, t, out());
            }
            // A checklist of nothing deployed says nothing of the learner's work: progress keeps their last real attempt.
            remember(report, notDeployed.isEmpty());
            if (watch) {
                return new Watch(exercise(), overrides, t, out(), Duration.ofSeconds(interval),
                        Path.of("exercises", exercise().id()), this::lock).from(report, r -> remember(r, true));
            }
            return report.passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
        }, () -> {
            throw new dev.dvalabs.targets.TargetException("No local emulator is running, so there is nothing to verify;"
                    + " deploy first with labs deploy " + exerciseId + " (it keeps the emulator running),"
                    + " or point at one with --target endpoint --endpoint URL.");
        });
    }

    private int verifyClass() throws Exception {
        Exercise exercise = exercise();
        List<Classroom.Learner> learners = Classroom.read(accounts);
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1.");
        }
        boolean realAccounts = learners.stream().anyMatch(l -> l.endpoint() == null);
        if (realAccounts && !target.yes) {
            throw new BadInputException("Verifying learners' AWS accounts writes test data into each; add --yes once"
                    + " every account in " + accounts + " is on your sandbox allow-list.");
        }
        target.validate();
        ReportDirectory.requireWritable(reportDir); // before anyone is verified, not after the whole class
        out().println("Verifying " + exercise.id() + " for " + learners.size() + " learners, " + parallel + " at a time:");
        Map<String, Report> byLearner = new LinkedHashMap<>();
        Classroom.verify(exercise, learners, parallel, target, out()).forEach((l, r) -> byLearner.put(l.name(), r));
        for (Path written : ClassReport.write(exercise.id(), Outline.of(exercise), byLearner, reportDir)) {
            out().println("Wrote " + written);
        }
        return byLearner.values().stream().allMatch(Report::passed) ? ExitCode.OK : ExitCode.CHECKS_FAILED;
    }

    /**
     * A watch takes the exercise's lock round by round, not for all its hours: a learner's deploy in another
     * terminal waits for one verify at most.
     */
    @Override
    boolean needsExercise() {
        return !watch;
    }

    private ExclusiveLock lock() {
        return CommandLocks.exercise(target, exercise().id(), err());
    }

    /**
     * Keeps the checklist in the learner's progress (unless nothing of the exercise seems deployed: that run says
     * nothing of the learner's work) and writes the reports asked for.
     */
    private void remember(Report report, boolean inProgress) {
        Instant at = Instant.now();
        try {
            if (inProgress) {
                Progress.ofUser().record(report, at);
            }
        } catch (IOException e) {
            // The checklist stands without it: say so, and go on.
            err().println("labs: could not remember this verify in " + Progress.ofUser().dir() + " (" + e.getMessage()
                    + "); labs progress will not show it.");
        }
        for (ReportFormat format : reports) {
            try {
                out().println("Wrote " + format.writeInto(report, Outline.of(exercise()), reportDir, new VerifyRun(at, reported)));
            } catch (IOException e) {
                throw new BadInputException("Could not write the " + format + " report into " + reportDir + ": " + e.getMessage());
            }
        }
    }

    static Report verify(Exercise exercise, Map<String, String> overrides, Target target, PrintWriter out) {
        Report report = new Loop(target, out).verify(exercise, overrides);
        ConsoleReport.print(report, target.describe(), out);
        return report;
    }
}
