package dev.dvalabs.cli;

import dev.dvalabs.ebextensions.BundleLinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labs ebextensions}: check an Elastic Beanstalk source bundle's .ebextensions offline. */
@Command(name = "ebextensions",
        description = "Lint an Elastic Beanstalk source bundle's .ebextensions configuration files.",
        subcommands = {EbextensionsCommand.Lint.class})
public class EbextensionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "lint",
            description = "Check a source bundle (a folder or a .zip): .ebextensions/ at its top level, each .config valid"
                    + " YAML or JSON with keys and option namespaces and names as AWS documents them. Exits 0 with no"
                    + " errors, 1 with errors, 2 when the bundle cannot be read.")
    static class Lint implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BUNDLE", description = "The source bundle: its folder, or the .zip you upload.")
        Path bundle;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<BundleLinter.Located> found;
            try {
                found = new BundleLinter().lint(bundle);
            } catch (BundleLinter.BadBundleException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return AppSpecCommand.BAD_INPUT;
            }
            return LintReport.print(out, bundle.toString(), found.stream().map(l -> l.format(bundle.toString())).toList(),
                    found.stream().filter(l -> l.finding().isError()).count());
        }
    }
}
