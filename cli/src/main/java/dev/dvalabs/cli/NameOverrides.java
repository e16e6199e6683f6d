package dev.dvalabs.cli;

import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.report.Shown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --name KEY=NAME}, declared once for deploy, verify and run. Read as plain strings rather than
 * as picocli's map option, whose message for a value without '=' names the "option option", and judged
 * as a whole before the target is opened: a bad name is bad input (exit 2) whether or not an emulator runs.
 */
final class NameOverrides {

    @Option(names = "--name", paramLabel = "KEY=NAME",
            description = "A name other than the instructions give, for the stack and the checks, e.g. --name table=my-orders"
                    + " or --name sender=me@example.org.")
    List<String> given = new ArrayList<>();

    /** The overrides, each one of the exercise's names with a name after its '='; refused in one sentence otherwise. */
    Map<String, String> of(Exercise exercise) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String value : given) {
            // Echoing such a value would cut the sentence at its newline or let an escape sequence reach the terminal.
            if (Shown.hasControlCharacters(value)) {
                throw new BadInputException("A --name value holds a control character (a newline, tab or escape);"
                        + " give each name as plain text on one line.");
            }
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new BadInputException("--name " + value + " needs the form KEY=NAME, for example --name table=my-orders.");
            }
            overrides.put(value.substring(0, equals), value.substring(equals + 1));
        }
        Loop.names(exercise, overrides);
        return overrides;
    }
}
