package dev.dvalabs.cli;

import dev.dvalabs.buildspec.BuildspecLinter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code labs buildspec}: check a CodeBuild buildspec offline. */
@Command(name = "buildspec", description = "Lint CodeBuild buildspec files.")
public class BuildspecCommand extends CommandGroup {

    @Command(name = "lint",
            description = "Check a buildspec.yml against the CodeBuild buildspec reference (version 0.2: env, phases and"
                    + " their keys, artifacts, reports, cache). Exits 0 with no errors, 1 with errors, 2 when the file"
                    + " cannot be read.")
    int lint(@Parameters(paramLabel = "FILE", description = "The buildspec (buildspec.yml).") Path file) {
        return LintReport.lintFile(spec.commandLine(), file, "buildspec.yml", new BuildspecLinter()::lint);
    }
}
