package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.report.Shown;
import dev.dvalabs.targets.ShownUrl;
import dev.dvalabs.targets.TargetException;
import dev.dvalabs.targets.TargetValueException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@code labs}: pick an exercise, choose a target, deploy, verify, destroy. */
// scope INHERIT: every subcommand gets --help, --version and the exit code list from here, declared once.
@Command(name = "labs", mixinStandardHelpOptions = true, version = "dva-labs 0.1.0", scope = ScopeType.INHERIT,
        description = "Hands-on exercises for the AWS Certified Developer - Associate notes.",
        subcommands = {ListCommand.class, ProgressCommand.class, ShowCommand.class, DeployCommand.class, VerifyCommand.class,
                DestroyCommand.class, RunCommand.class, StatusCommand.class, AwsCommand.class, EnvCommand.class, HintCommand.class, SolutionCommand.class, MatrixCommand.class, AppSpecCommand.class,
                EbextensionsCommand.class, BuildspecCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success; every check passed",
                "1:a check failed or erred, or an unexpected error",
                "2:bad input (unknown exercise, option or value)",
                "3:the target could not be started or reached, or this machine allows too few open files (ulimit -n)",
                "4:deploy or destroy did not finish",
                "5:(./labs) your edit of an exercise's code does not compile; the compiler's lines say where",
                "130:interrupted (Ctrl-C)",
                "143:stopped by SIGTERM (timeout, a CI runner, docker stop)"})
public final class Labs {

    public static void main(String[] args) {
        Optional<String> tooFewFiles = OpenFiles.tooFew();
        if (tooFewFiles.isPresent()) {
            System.err.println("labs: " + tooFewFiles.get());
            System.exit(ExitCode.TARGET_UNAVAILABLE);
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line and returns its exit code; errors are one sentence on {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The command line as every command runs it: its converters, its streams and its handlers of errors. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Labs());
        // Everything after `labs aws`'s first word is the AWS CLI's, its options included.
        cli.getSubcommands().get("aws").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        // picocli's own conversion would quote the InvalidPathException of a name the locale cannot spell.
        cli.registerConverter(Path.class, value -> {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException(Sentences.unspellable(e));
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("labs: " + sentence(e));
            if (System.getenv("DVA_LABS_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return exitCode(e);
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            // picocli's message quotes the value given, which may hold control characters or a URL's password.
            e.getCommandLine().getErr().println("labs: " + Shown.line(ShownUrl.masked(e.getMessage())));
            e.getCommandLine().getErr().println("Try 'labs " + (e.getCommandLine() == cli ? "" : e.getCommandLine().getCommandName() + " ")
                    + "--help' for how to use it.");
            return ExitCode.BAD_INPUT;
        });
        return cli;
    }

    static int exitCode(Exception e) {
        if (e instanceof BadInputException || e instanceof TargetValueException || Sentences.unspellablePath(e).isPresent()) {
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof TargetException || e instanceof SdkClientException) {
            return ExitCode.TARGET_UNAVAILABLE;
        }
        if (e instanceof DeployException || e instanceof AwsServiceException) {
            return ExitCode.DEPLOY_FAILED;
        }
        return ExitCode.CHECKS_FAILED;
    }

    static String sentence(Exception e) {
        return Sentences.of(e);
    }
}
