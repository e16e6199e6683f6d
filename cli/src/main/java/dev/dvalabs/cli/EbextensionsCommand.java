package dev.dvalabs.cli;

import dev.dvalabs.ebextensions.BundleLinter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code labs ebextensions}: check an Elastic Beanstalk source bundle's .ebextensions offline. */
@Command(name = "ebextensions", description = "Lint an Elastic Beanstalk source bundle's .ebextensions configuration files.")
public class EbextensionsCommand extends CommandGroup {

    @Command(name = "lint",
            description = "Check a source bundle (a folder or a .zip): .ebextensions/ at its top level, each .config valid"
                    + " YAML or JSON with keys and option namespaces and names as AWS documents them. Exits 0 with no"
                    + " errors, 1 with errors, 2 when the bundle cannot be read.")
    int lint(@Parameters(paramLabel = "BUNDLE", description = "The source bundle: its folder, or the .zip you upload.") Path bundle) {
        List<BundleLinter.Located> found;
        try {
            found = new BundleLinter().lint(bundle);
        } catch (BundleLinter.BadBundleException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return AppSpecCommand.BAD_INPUT;
        }
        return LintReport.print(spec.commandLine().getOut(), bundle.toString(),
                found.stream().map(l -> l.format(bundle.toString())).toList(), found.stream().filter(l -> l.finding().isError()).count());
    }
}
