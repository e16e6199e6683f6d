package dev.dvalabs.cli;

import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.target.Target;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Verification;
import dev.dvalabs.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check an exercise's resources and print the checklist, with a hint under each failure.")
final class VerifyCommand extends ExerciseCommand {

    @Option(names = "--name", paramLabel = "KEY=NAME",
            description = "Check a resource under another name than the instructions give, e.g. --name table=my-orders.")
    Map<String, String> names = new LinkedHashMap<>();

    @Option(names = "--report", paramLabel = "FORMAT", split = ",",
            description = "Also write the checklist as ${COMPLETION-CANDIDATES} (repeat or separate with commas).")
    List<ReportFormat> reports = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where --report writes its files, named <exercise>-report.json, -junit.xml, -report.html (default: the current directory).")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        return onTarget(TargetOptions.Local.ATTACH, t -> {
            Report report = verify(exercise(), names, t, out());
            for (ReportFormat format : reports) {
                try {
                    out().println("Wrote " + format.writeInto(report, reportDir));
                } catch (IOException e) {
                    throw new BadInputException("Could not write the " + format + " report into " + reportDir + ": " + e.getMessage());
                }
            }
            return report.passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
        }, () -> {
            throw new dev.dvalabs.target.TargetException("No local emulator is running, so there is nothing to verify;"
                    + " deploy first with labs deploy " + exerciseId + " (it keeps the emulator running),"
                    + " or point at one with --target endpoint --endpoint URL.");
        });
    }

    static Report verify(Exercise exercise, Map<String, String> overrides, Target target, PrintWriter out) {
        for (String key : overrides.keySet()) {
            if (!exercise.names().containsKey(key)) {
                throw new BadInputException("--name " + key + " is not a resource of " + exercise.id()
                        + "; its names are: " + String.join(", ", exercise.names().keySet()) + ".");
            }
        }
        Map<String, String> names = new LinkedHashMap<>(exercise.names());
        names.putAll(overrides);
        target.approveWrites("write and remove the verifier's own test data in " + names.values());
        Report report = Verification.run(exercise.id(), exercise.verifier(), target, names);
        ConsoleReport.print(report, target.describe(), out);
        return report;
    }
}
