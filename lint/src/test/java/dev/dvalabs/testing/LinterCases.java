package dev.dvalabs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A folder of linter cases, in place of an emulator corpus for an exercise whose stacks deploy on no
 * emulator: {@code right-*} files are right (some differently from the solution) and lint clean; each
 * {@code wrong-RULE--what.ext} is wrong in exactly one way, the rule RULE.
 */
public final class LinterCases {

    private LinterCases() {
    }

    public static Stream<Path> right(Path folder) {
        return starting(folder, "right-");
    }

    public static Stream<Path> wrong(Path folder) {
        return starting(folder, "wrong-");
    }

    /** The rule a wrong case must break, from its name. */
    public static String rule(Path wrongCase) {
        String name = wrongCase.getFileName().toString();
        return name.substring("wrong-".length(), name.indexOf("--"));
    }

    private static Stream<Path> starting(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
