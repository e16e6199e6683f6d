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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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

    /**
     * Each rule, by what code that breaks it looks like once comments and string literals are blanked out; a match may
     * run over lines. Closing anything of its own is the session's, so any mention of the types is one.
     */
    private static final Map<String, Pattern> RULES = Map.of(
            "a refused() chain", Pattern.compile("\\.\\s*refused\\s*\\(\\s*\\)"),
            "an SDK client built", Pattern.compile("\\b\\w+Client\\s*(\\.|::)\\s*(builder|crtBuilder|create)\\b"),
            "a clock read or a sleep", Pattern.compile(String.join("|",
                    "\\bThread\\s*\\.\\s*sleep\\b", "\\bTimeUnit\\s*\\.\\s*\\w+\\s*\\.\\s*sleep\\b", "\\bLockSupport\\s*\\.\\s*park",
                    "\\b(Instant|LocalDateTime|ZonedDateTime|OffsetDateTime|LocalDate|LocalTime)\\s*(\\.|::)\\s*now\\b",
                    "\\bSystem\\s*(\\.|::)\\s*(currentTimeMillis|nanoTime)\\b", "\\bClock\\s*\\.\\s*system", "\\bnew\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)")),
            "a class of its own to close", Pattern.compile("\\b(AutoCloseable|Closeable)\\b"));

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
            "solution/Steps.java|a class of its own to close|record Temp(String name) implements java.io.Closeable {",
            "Probe.java|a refused() chain|return fact.refused ( ).orElse(\"\");",
            "Probe.java|an SDK client built|Supplier<SqsClient> make = SqsClient::create;",
            "Probe.java|an SDK client built|var c = software.amazon.awssdk.services.sqs.SqsClient.builder().build();",
            "Probe.java|a clock read or a sleep|LockSupport.parkNanos(1_000_000);",
            "Probe.java|a clock read or a sleep|TimeUnit.SECONDS.sleep(1);",
            "Probe.java|a clock read or a sleep|var today = LocalDateTime.now();",
            "Probe.java|a clock read or a sleep|Date when = new Date();",
            "Probe.java|a clock read or a sleep|Clock clock = Clock.systemUTC();",
            "Probe.java|a class of its own to close|AutoCloseable undo = () -> table.delete();",
            "Probe.java|a class of its own to close|interface Cleanup extends AutoCloseable {}"})
    void eachRuleCanFail(String file, String rule, String line) {
        assertThat(broken(file, "class X {\n    " + line + "\n}\n")).singleElement().asString().contains(rule);
    }

    @Test
    @DisplayName("a rule broken over two lines is found on the line it starts; one in a comment or a string is not, nor a refusal made")
    void codeOnlyAcrossLines() {
        String text = """
                class X {
                    // Thread.sleep(500) would be wrong here; so would SqsClient.create()
                    /* Instant.now() */ String said = "Instant.now() and fact.refused()";
                    char quote = '"'; String after = "AutoCloseable";
                    SqsClient sqs = SqsClient
                            .builder().build();
                    final class Sweep
                            implements
                            AutoCloseable {}
                    String block = \"""
                            Thread.sleep(1)
                            \""";
                    Fact<String> none = Fact.refused("no stream");
                }
                """;
        assertThat(broken("Probe.java", text)).containsExactlyInAnyOrder(
                "Probe.java:5: an SDK client built", "Probe.java:9: a class of its own to close");
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
        String code = codeOnly(text);
        for (Map.Entry<String, Pattern> rule : RULES.entrySet()) {
            Matcher found = rule.getValue().matcher(code);
            while (found.find()) {
                broken.add(file + ":" + lineOf(code, found.start()) + ": " + rule.getKey());
            }
        }
        long length = text.lines().count();
        if (file.endsWith("Verifier.java") && length > MOST_VERIFIER_LINES) {
            broken.add(file + ": a verifier of " + length + " lines (at most " + MOST_VERIFIER_LINES + ")");
        }
        return broken;
    }

    /** The text with its comments and the insides of its string and character literals blanked; line breaks and quotes kept. */
    static String codeOnly(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end;
            if (text.startsWith("//", i)) {
                end = text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i);
            } else if (text.startsWith("/*", i)) {
                end = text.indexOf("*/", i + 2) < 0 ? text.length() : text.indexOf("*/", i + 2) + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                end = text.indexOf("\"\"\"", i + 3) < 0 ? text.length() : text.indexOf("\"\"\"", i + 3) + 3;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
            } else {
                code.append(c);
                i++;
                continue;
            }
            // A literal keeps its quotes, so that a call given one is not taken for a call given nothing.
            boolean literal = c == '"' || c == '\'';
            for (int j = i; j < end; j++) {
                char k = text.charAt(j);
                code.append(k == '\n' || (literal && (k == '"' || k == '\'')) ? k : ' ');
            }
            i = end;
        }
        return code.toString();
    }

    private static long lineOf(String code, int offset) {
        return code.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1;
    }
}
