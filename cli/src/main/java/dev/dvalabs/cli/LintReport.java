package dev.dvalabs.cli;

import java.io.PrintWriter;
import java.util.List;

/** How every {@code labs ... lint} command prints: one compiler-style line a finding, then a count; exit 0 or 1. */
final class LintReport {

    private LintReport() {
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
