package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.targets.AwsCommandLine;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labs aws sqs list-queues}: the toolkit's pinned AWS CLI against the target in force, so that the
 * by-hand way works without an AWS CLI of the learner's own or a shell set up for the emulator.
 */
@Command(name = "aws", description = {"Run the toolkit's pinned AWS CLI against the target: labs aws sqs list-queues.",
        "It is AWS CLI " + AwsCommandLine.VERSION + ", version 1: no --cli-binary-format; blobs are given as base64 or fileb://.",
        "The labs options (--target, --region, ...) come before the AWS CLI's command; everything from it on is the AWS CLI's"
                + " (labs aws -- --version shows the CLI's own version).",
        "On an emulator it always signs with the emulator's test keys, whatever keys your shell exports: to act with keys"
                + " of your own (an assumed role's), run eval \"$(labs env)\", export those keys, and use aws."})
final class AwsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The AWS CLI command and its arguments, e.g. sqs list-queues.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // An explicit profile makes the CLI sign with its keys instead of the emulator's test keys, and send its
        // access key id and session token to the emulator: what setting AWS_PROFILE aside is for.
        if (target.kind != TargetOptions.Kind.aws
                && arguments.stream().anyMatch(a -> a.equals("--profile") || a.startsWith("--profile="))) {
            throw new BadInputException("labs aws uses the emulator's test keys; --profile would send your profile's keys"
                    + " to the emulator, so leave it out (or use --target aws for your account).");
        }
        Optional<Target> opened = target.open(TargetOptions.Local.ATTACH, out);
        if (opened.isEmpty()) {
            spec.commandLine().getErr().println("labs: No local emulator is running; labs deploy <exercise> starts one and keeps it.");
            return ExitCode.TARGET_UNAVAILABLE;
        }
        try (Target t = opened.get()) {
            // On a real account the AWS CLI may write: it runs only where the toolkit may, after the same confirmation.
            t.approveWrites("run the AWS CLI: aws " + String.join(" ", arguments));
            ProcessBuilder builder = new ProcessBuilder(AwsCommandLine.command(
                    AwsCommandLine.install(target.localOptions()), t, arguments)).redirectInput(ProcessBuilder.Redirect.INHERIT);
            AwsCommandLine.pointAt(t, builder.environment());
            Process aws = builder.start();
            Thread errors = copy(aws.getErrorStream(), spec.commandLine().getErr());
            copy(aws.getInputStream(), out).join();
            errors.join();
            return aws.waitFor();
        }
    }

    /** Copies what the CLI prints as it prints it (a paginated list, a long wait) to the command's stream. */
    private static Thread copy(InputStream from, PrintWriter to) {
        Thread copier = new Thread(() -> {
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "aws-output");
        copier.start();
        return copier;
    }
}
