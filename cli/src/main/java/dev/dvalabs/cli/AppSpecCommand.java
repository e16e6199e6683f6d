package dev.dvalabs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.Locale;

import dev.dvalabs.appspec.AppSpecLinter;
import dev.dvalabs.appspec.Rehearsal;
import dev.dvalabs.appspec.ScratchRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labs appspec}: check a CodeDeploy AppSpec file offline and rehearse an EC2 bundle locally. */
@Command(name = "appspec",
        description = "Lint CodeDeploy AppSpec files and rehearse EC2/On-Premises bundles on this machine.",
        subcommands = {AppSpecCommand.Lint.class, AppSpecCommand.Rehearse.class})
public class AppSpecCommand extends CommandGroup {

    /** Exit code for input that could not be read at all, apart from 1 for "read, and wrong". */
    static final int BAD_INPUT = 2;

    @Command(name = "lint",
            description = "Check an appspec.yml against the CodeDeploy AppSpec reference. "
                    + "Exits 0 with no errors, 1 with errors, 2 when the file cannot be read.")
    static class Lint implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The AppSpec file (appspec.yml, appspec.yaml or appspec.json).")
        Path file;

        @Override
        public Integer call() {
            return LintReport.lintFile(spec.commandLine(), file, "appspec.yml", new AppSpecLinter()::lint);
        }
    }

    @Command(name = "rehearse",
            description = {"Run a bundle's EC2/On-Premises lifecycle (BeforeBlockTraffic .. AfterAllowTraffic) here, "
                    + "with every files destination mapped under a scratch root. Exits 0 when no event fails, "
                    + "1 otherwise, 2 when the bundle cannot be used.",
                    "Hook scripts are not confined: they run as you, with your rights, and can read, change or "
                            + "delete anything you can. Only the copying is kept under the scratch root; rehearse "
                            + "only bundles you trust.",
                    "What a hook starts in the background is killed when its event ends: its process group, and on "
                            + "Linux every process carrying the run's marker in its environment, so also those that "
                            + "left the group (setsid, set -m, a double fork). One that clears its environment and "
                            + "leaves the group escapes. A hook's output is shown up to its last 64 KB."})
    static class Rehearse implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BUNDLE_DIR", description = "Directory holding appspec.yml at its root.")
        Path bundle;

        @Option(names = "--previous", paramLabel = "BUNDLE_DIR",
                description = "The last successful revision. ApplicationStop, BeforeBlockTraffic and AfterBlockTraffic "
                        + "run from it, as the agent does; without it they are skipped, as on a first deployment.")
        Path previous;

        @Option(names = "--scratch", paramLabel = "DIR",
                description = "Scratch root to install into (kept afterwards). Default: a new temporary directory.")
        Path scratch;

        @Option(names = "--keep-scratch", description = "Keep the temporary scratch root to inspect what was installed.")
        boolean keepScratch;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ScratchRoot root;
            try {
                root = scratch != null ? ScratchRoot.named(scratch) : ScratchRoot.temporary(keepScratch);
            } catch (ScratchRoot.BadScratchException e) {
                err.println(e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err.println("Cannot create the scratch root: " + e.getMessage() + ".");
                return BAD_INPUT;
            }
            try {
                Rehearsal.Result result = new Rehearsal(root.path()).run(bundle, Optional.ofNullable(previous));
                print(result, out);
                return result.succeeded() ? 0 : 1;
            } catch (Rehearsal.BadBundleException e) {
                err.println(e.getMessage());
                return BAD_INPUT;
            } catch (IOException e) {
                err.println("Rehearsal stopped: " + e.getMessage() + ".");
                return BAD_INPUT;
            } finally {
                cleanUp(root, err);
                out.flush();
            }
        }

        private void print(Rehearsal.Result result, PrintWriter out) {
            Path appspec = Rehearsal.appSpecIn(bundle).orElse(bundle);
            result.findings().forEach(f -> out.println(f.format(appspec.toString())));
            result.refusal().ifPresent(r -> out.println("Not rehearsed: " + r));
            for (Rehearsal.EventResult event : result.events()) {
                String code = event.exitCode().isPresent() ? " exit " + event.exitCode().getAsInt() : "";
                out.printf(Locale.ROOT, "%-16s %-9s%s (%s)%n", event.event(), event.status(), code, Sentences.seconds(event.duration().toMillis()));
                event.output().lines().forEach(line -> out.println("    " + line));
            }
            if (result.refusal().isEmpty()) {
                out.println(result.succeeded() ? "Rehearsal succeeded." : "Rehearsal failed.");
            }
        }

        private static void cleanUp(ScratchRoot root, PrintWriter err) {
            // A scratch root the learner named is theirs to keep; only our own temporary one is removed.
            if (!root.removedOnClose()) {
                err.println("Scratch root kept at " + root.path());
                return;
            }
            try {
                root.close();
            } catch (IOException e) {
                err.println("Could not remove the scratch root " + root.path() + ": " + e.getMessage());
            }
        }
    }
}
