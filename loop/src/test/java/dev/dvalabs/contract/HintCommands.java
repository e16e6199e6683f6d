package dev.dvalabs.contract;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.AwsCommandLine;
import dev.dvalabs.targets.LocalEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code aws ...} commands a hint shows, and what the pinned AWS CLI makes of them: a hint's command is
 * meant to be typed, so it must name a real service, operation and options, and its values must have the
 * shapes botocore's model asks for. The CLI parses each command and stops it before it sends anything, so
 * no emulator is needed and nothing is written anywhere.
 */
final class HintCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern START = Pattern.compile("(?<![\\w-])aws (?=[a-z0-9])");
    private static final Pattern NAME = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    /**
     * Placeholders a hint writes in capitals, with a value of the shape the model wants: a UUID has 36 characters,
     * and any {@code ..._ARN} is an ARN (some operations parse it to choose their endpoint).
     */
    private static final Map<String, String> SAMPLES = Map.of("UUID", "14e0db71-5d35-4eb5-b481-8945cf9d10c2");
    private static final Pattern ARN = Pattern.compile("[A-Z][A-Z_]*_ARN");
    private static final String SAMPLE_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/placeholder";

    private HintCommands() {}

    /** A command as a hint wrote it, and the arguments after {@code aws} with the names in force filled in. */
    record Command(String written, List<String> arguments) {}

    /**
     * The commands in {@code hint}, each from {@code aws} to the end of its shell words: an unquoted {@code )}, a
     * word that opens with {@code (} (prose in brackets after the command), or an unquoted {@code ;}, {@code ,} or
     * {@code .} before a space or the end of the hint (inside a shorthand value such as {@code Key=Name,Value=x} a
     * comma is part of the word).
     */
    static List<Command> in(String hint, Map<String, String> names) {
        String text = fill(hint, names);
        List<Command> commands = new ArrayList<>();
        Matcher start = START.matcher(text);
        int from = 0;
        while (start.find(from)) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            int i = start.end();
            char quote = 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (quote == '"' && c == '\\' && i + 1 < text.length()
                            && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        word.append(text.charAt(++i));
                    } else {
                        word.append(c);
                    }
                    continue;
                }
                boolean beforeSpace = i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1));
                if (c == ')' || (c == '(' && !inWord) || (beforeSpace && (c == ';' || c == ',' || c == '.'))) {
                    break;
                }
                if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    inWord = true;
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            commands.add(new Command(text.substring(start.start(), i),
                    words.stream().map(HintCommands::sample).toList()));
            from = Math.max(i, start.end());
        }
        return commands;
    }

    private static String sample(String word) {
        return SAMPLES.getOrDefault(word, ARN.matcher(word).replaceAll(SAMPLE_ARN));
    }

    /** The names in force, with the account and region a bucket's name carries ({@code -{account}-{region}}) sampled. */
    private static String fill(String hint, Map<String, String> names) {
        return NAME.matcher(hint).replaceAll(m -> Matcher.quoteReplacement(names.getOrDefault(m.group(1), m.group())
                .replace("{account}", "000000000000").replace("{region}", "us-east-1")));
    }

    /**
     * What the pinned CLI said of each command, in order: null where it would have sent the request, else its
     * complaint (an unknown operation or option, a missing argument, a value of the wrong shape).
     */
    static List<String> complaints(List<Command> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        Path python = AwsCommandLine.install(new LocalEmulator.Options()).resolveSibling("python");
        try {
            // The parser's home too: a command can write without sending (aws configure add-model writes ~/.aws/models).
            Path home = Files.createTempDirectory("dva-labs-hint-commands");
            Path script = home.resolve("hint_commands.py");
            try {
                Files.writeString(script, resource("hint_commands.py"));
                ProcessBuilder builder = new ProcessBuilder(python.toString(), "-I", script.toString());
                Map<String, String> env = builder.environment();
                env.keySet().removeIf(k -> k.startsWith("AWS_"));
                env.put("AWS_ACCESS_KEY_ID", "test");
                env.put("AWS_SECRET_ACCESS_KEY", "test");
                env.put("AWS_DEFAULT_REGION", "us-east-1");
                env.put("AWS_EC2_METADATA_DISABLED", "true");
                env.put("AWS_CONFIG_FILE", "/dev/null");
                env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
                env.put("HOME", home.toString());
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
                Process process = builder.start();
                try (var in = process.getOutputStream()) {
                    in.write(JSON.writeValueAsBytes(commands.stream().map(Command::arguments).toList()));
                }
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the hint command parser failed: " + new String(out, StandardCharsets.UTF_8));
                }
                return JSON.readValue(out, new TypeReference<List<String>>() {});
            } finally {
                try (Stream<Path> written = Files.walk(home)) {
                    for (Path p : written.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HintCommands.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing beside " + HintCommands.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
