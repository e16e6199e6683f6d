package dev.dvalabs.cli;

import dev.dvalabs.targets.AwsCommandLine;
import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines a learner's shell evaluates to point its AWS CLI at a target ({@code eval "$(labs env)"}, or
 * {@code labs env --shell fish | source}): the variables of {@link AwsCommandLine#environment}, the profile set
 * aside on an emulator, and an {@code aws} function naming the endpoint on every command, as AWS CLI v1 sends
 * SQS to AWS whatever {@code AWS_ENDPOINT_URL} says.
 */
final class ShellEnv {

    /** The shells whose syntax it writes. */
    enum Shell { bash, zsh, fish }

    private ShellEnv() {}

    /** The learner's shell as {@code $SHELL} names it; bash for anything but zsh and fish. */
    static Shell ofLoginShell() {
        String shell = System.getenv("SHELL");
        String name = shell == null ? "" : shell.substring(shell.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.equals("fish") ? Shell.fish : name.equals("zsh") ? Shell.zsh : Shell.bash;
    }

    static List<String> lines(Target target, Shell shell) {
        List<String> lines = new ArrayList<>();
        Map<String, String> env = AwsCommandLine.environment(target);
        env.forEach((name, value) -> lines.add(shell == Shell.fish
                ? "set -gx " + name + " " + quoted(value)
                : "export " + name + "=" + quoted(value)));
        if (target.endpoint().isPresent()) {
            List<String> unset = AwsCommandLine.unsetOnEmulator();
            lines.add(shell == Shell.fish ? "set -e " + String.join(" ", unset) + " 2>/dev/null" : "unset " + String.join(" ", unset));
            lines.add("# AWS CLI v1 sends SQS to AWS whatever AWS_ENDPOINT_URL says: aws names the endpoint on every command.");
            lines.add(shell == Shell.fish
                    ? "function aws; command aws --endpoint-url $AWS_ENDPOINT_URL $argv; end"
                    : "aws() { command aws --endpoint-url \"$AWS_ENDPOINT_URL\" \"$@\"; }");
        } else {
            // What an earlier eval for an emulator set would keep sending this shell's CLI there: its endpoint,
            // its aws function and its test keys (the learner's own keys, anything but test, stay).
            lines.add("# Undo what labs env set for an emulator, if it did: its endpoint, its aws function, its test keys.");
            lines.addAll(shell == Shell.fish
                    ? List.of("set -e AWS_ENDPOINT_URL 2>/dev/null", "functions -e aws 2>/dev/null",
                            "if test \"$AWS_ACCESS_KEY_ID\" = test -a \"$AWS_SECRET_ACCESS_KEY\" = test; set -e AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; end")
                    : List.of("unset AWS_ENDPOINT_URL", "unset -f aws 2>/dev/null",
                            "if [ \"${AWS_ACCESS_KEY_ID-}\" = test ] && [ \"${AWS_SECRET_ACCESS_KEY-}\" = test ]; then unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; fi"));
        }
        return lines;
    }

    /** What a command that leaves an emulator in use prints, so that the by-hand way is one line away. */
    static List<String> howToUse(Target target) {
        String labs = command();
        return List.of("Use the AWS CLI on it: " + labs + " aws <command> (for example " + labs + " aws sqs list-queues), or point"
                + " your shell at it with: " + (ofLoginShell() == Shell.fish ? labs + " env --shell fish | source" : "eval \"$(" + labs + " env)\""));
    }

    /** How the learner runs the toolkit (./labs from the checkout, as the launcher says), so that a suggestion can be typed as shown. */
    static String command() {
        String typed = System.getenv("DVA_LABS_COMMAND");
        return typed == null || typed.isBlank() || typed.chars().anyMatch(c -> c < 0x20 || c == ' ') ? "labs" : typed;
    }

    /** Single quotes for bash, zsh and fish alike; a quote inside is closed, escaped and reopened. */
    static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
