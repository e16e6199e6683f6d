package dev.dvalabs.testing;

import dev.dvalabs.appspec.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus of real files under {@code src/test/resources/real-files/<linter>/}: {@code valid/} holds files
 * copied from public repositories, each naming its repository, path and commit in its first two lines;
 * {@code broken/} holds variants of them, each wrong in one documented way, its first line naming the valid
 * file it comes from and its second the one ERROR it must produce: {@code # Expect: ERROR rule line:column}.
 */
public final class RealFiles {

    /** What a broken variant must produce, from its {@code # Expect:} line. */
    public record Expected(String ruleId, int line, int column) {
        public boolean matches(Finding finding) {
            return finding.isError() && finding.ruleId().equals(ruleId) && finding.line() == line && finding.column() == column;
        }

        @Override
        public String toString() {
            return "ERROR " + ruleId + " " + line + ":" + column;
        }
    }

    private static final Pattern EXPECT = Pattern.compile("# Expect: ERROR ([a-z0-9-]+) ([0-9]+):([0-9]+)");
    private static final Pattern SOURCE = Pattern.compile("# Source: https://github\\.com/[^/]+/[^/]+/blob/[0-9a-f]{40}/\\S+");
    private static final Pattern VARIANT_OF = Pattern.compile("# Broken variant of real-files/[a-z]+/(valid/\\S+), wrong in"
            + " one documented way: .+");

    private RealFiles() {
    }

    public static Stream<Path> valid(String linter) {
        return list(folder(linter).resolve("valid"));
    }

    public static Stream<Path> broken(String linter) {
        return list(folder(linter).resolve("broken"));
    }

    /** The source line of a valid file: a GitHub link to the file at its commit. */
    public static boolean namesItsSource(Path valid) {
        return SOURCE.matcher(lines(valid).get(0)).matches() && lines(valid).get(1).contains(", commit ");
    }

    /** The valid file a broken variant was made from. */
    public static Path validOf(Path broken) {
        Matcher m = VARIANT_OF.matcher(lines(broken).get(0));
        if (!m.matches()) {
            throw new IllegalStateException(broken + " does not name the valid file it varies in its first line");
        }
        return broken.getParent().getParent().resolve(m.group(1));
    }

    public static Expected expected(Path broken) {
        Matcher m = EXPECT.matcher(lines(broken).get(1).strip());
        if (!m.matches()) {
            throw new IllegalStateException(broken + " does not say the ERROR it must produce on its second line");
        }
        return new Expected(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    private static Path folder(String linter) {
        try {
            return Path.of(RealFiles.class.getResource("/real-files/" + linter).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
