package dev.dvalabs.cli;

import dev.dvalabs.appspec.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * How every {@code labs ... lint} command prints: one compiler-style line a finding, then a count; exit 0 or 1
 * (2 for a file that cannot be read).
 */
final class LintReport {

    private LintReport() {
    }

    /** A linter of one file: {@code new BuildspecLinter()::lint}. */
    @FunctionalInterface
    interface FileLinter {
        List<Finding> lint(Path file) throws IOException;
    }

    /**
     * Lints one file and prints its findings; a file that cannot be read gets one sentence instead.
     *
     * @param kind what the file should be, for that sentence: {@code appspec.yml}
     * @return the exit code: 0 with no errors, 1 with errors, {@link AppSpecCommand#BAD_INPUT} when unreadable
     */
    static int lintFile(CommandLine cli, Path file, String kind, FileLinter linter) {
        PrintWriter err = cli.getErr();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("Cannot read " + file + ": give the path of an existing, readable " + kind + ".");
            return AppSpecCommand.BAD_INPUT;
        }
        List<Finding> findings;
        try {
            findings = linter.lint(file);
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage() + ".");
            return AppSpecCommand.BAD_INPUT;
        }
        return print(cli.getOut(), file.toString(), findings.stream().map(f -> f.format(file.toString())).toList(),
                findings.stream().filter(Finding::isError).count());
    }

    /**
     * @param lines the findings, formatted with their file, line and column
     * @param errors how many of them are errors (the rest are warnings)
     * @return the exit code: 0 with no errors, 1 with errors
     */
    static int print(PrintWriter out, String name, List<String> lines, long errors) {
        lines.forEach(out::println);
        out.println(errors == 0 && lines.isEmpty() ? name + ": no problems found."
                : name + ": " + errors + " error(s), " + (lines.size() - errors) + " warning(s).");
        out.flush();
        return errors == 0 ? 0 : 1;
    }
}
