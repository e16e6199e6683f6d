package dev.dvalabs.cli;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.buildspec.BuildspecLinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labs buildspec}: check a CodeBuild buildspec offline. */
@Command(name = "buildspec",
        description = "Lint CodeBuild buildspec files.",
        subcommands = {BuildspecCommand.Lint.class})
public class BuildspecCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "lint",
            description = "Check a buildspec.yml against the CodeBuild buildspec reference (version 0.2: env, phases and"
                    + " their keys, artifacts, reports, cache). Exits 0 with no errors, 1 with errors, 2 when the file"
                    + " cannot be read.")
    static class Lint implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The buildspec (buildspec.yml).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                err.println("Cannot read " + file + ": give the path of an existing, readable buildspec.yml.");
                return AppSpecCommand.BAD_INPUT;
            }
            List<Finding> findings;
            try {
                findings = new BuildspecLinter().lint(file);
            } catch (IOException e) {
                err.println("Cannot read " + file + ": " + e.getMessage() + ".");
                return AppSpecCommand.BAD_INPUT;
            }
            return LintReport.print(spec.commandLine().getOut(), file.toString(),
                    findings.stream().map(f -> f.format(file.toString())).toList(), findings.stream().filter(Finding::isError).count());
        }
    }
}
