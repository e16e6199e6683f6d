package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the check toolkit owns stays out of the exercises: outside {@code test/} and {@code corpus/} (the solution's
 * stack and the after-deploy steps included) no exercise hand-rolls a refusal chain, builds an SDK client, reads a clock
 * or sleeps, or has a class of its own to close; and no verifier grows past 300 lines. The session hands out the
 * clients, the clock, the waits and the undoable writes; the probe package the refusals. Runs in the exercises module,
 * whose working directory holds every exercise's folder.
 */
class ToolkitRulesTest {

    /** Each rule, by what a line that breaks it looks like. */
    private static final Map<String, Pattern> RULES = Map.of(
            "a refused() chain", Pattern.compile("\\.refused\\(\\)"),
            "an SDK client built", Pattern.compile("\\b\\w+(Client|AsyncClient)\\s*\\.\\s*(builder|create)\\s*\\(\\)"),
            "a clock read or a sleep", Pattern.compile("\\bThread\\s*\\.\\s*sleep\\b|\\bInstant\\s*\\.\\s*now\\s*\\(|"
                    + "\\bSystem\\s*\\.\\s*(currentTimeMillis|nanoTime)\\s*\\(|\\bClock\\s*\\.\\s*system|\\bTimeUnit\\.\\w+\\.sleep\\b"),
            "a class of its own to close", Pattern.compile("\\bimplements\\b[^{]*\\b(AutoCloseable|Closeable)\\b"));

    private static final int MOST_VERIFIER_LINES = 300;

    static Stream<Exercise> exercises() {
        return Catalog.load().all().stream();
    }

    @ParameterizedTest(name = "{0}: no client, clock, sleep, refusal chain or closeable of its own; its verifier within 300 lines")
    @MethodSource("exercises")
    void keepsToTheToolkit(Exercise exercise) throws IOException {
        Path folder = Path.of(exercise.id());
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !SolutionApartTest.underAny(folder.relativize(p), "corpus", "test"))
                    .forEach(p -> broken.addAll(broken(p.toString(), SolutionApartTest.read(p))));
        }
        assertThat(broken).as("what the toolkit owns, written in " + exercise.id()).isEmpty();
    }

    /** Each rule can fail: a line that breaks it is found, in any file, and a long verifier is. */
    @ParameterizedTest(name = "found: {1}")
    @CsvSource(delimiter = '|', value = {
            "Probe.java|a refused() chain|return fact.refused().orElse(\"\");",
            "Probe.java|an SDK client built|SqsClient sqs = SqsClient.builder().build();",
            "Probe.java|an SDK client built|try (var ddb = DynamoDbClient.create()) {}",
            "Probe.java|a clock read or a sleep|Thread.sleep(500);",
            "Probe.java|a clock read or a sleep|Instant deadline = Instant.now().plusSeconds(5);",
            "Probe.java|a clock read or a sleep|long t = System.nanoTime();",
            "Probe.java|a class of its own to close|final class Sweep implements AutoCloseable {",
            "solution/Steps.java|a class of its own to close|record Temp(String name) implements java.io.Closeable {"})
    void eachRuleCanFail(String file, String rule, String line) {
        assertThat(broken(file, "class X {\n    " + line + "\n}\n")).singleElement().asString().contains(rule);
    }

    @ParameterizedTest(name = "a verifier of {0} lines is {1}")
    @CsvSource({"300, kept", "301, too long"})
    void verifierLength(int lines, String verdict) {
        String text = "// line\n".repeat(lines);
        assertThat(broken("orders/OrdersVerifier.java", text)).hasSize(verdict.equals("kept") ? 0 : 1);
        assertThat(broken("orders/OrdersProbe.java", text)).as("only a verifier is held to the length").isEmpty();
    }

    /** What in one file breaks a rule: the file, the line and the rule. */
    static List<String> broken(String file, String text) {
        List<String> broken = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].replaceFirst("^\\s*(//|\\*|/\\*).*", "");
            for (Map.Entry<String, Pattern> rule : RULES.entrySet()) {
                if (rule.getValue().matcher(code).find()) {
                    broken.add(file + ":" + (i + 1) + ": " + rule.getKey());
                }
            }
        }
        long length = text.endsWith("\n") ? lines.length - 1 : lines.length;
        if (file.endsWith("Verifier.java") && length > MOST_VERIFIER_LINES) {
            broken.add(file + ": a verifier of " + length + " lines (at most " + MOST_VERIFIER_LINES + ")");
        }
        return broken;
    }
}
