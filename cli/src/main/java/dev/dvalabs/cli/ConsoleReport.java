package dev.dvalabs.cli;

import dev.dvalabs.report.Shown;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;

/** The checklist on the console: one line a check, and under each failure what was seen, what was expected and a hint. */
final class ConsoleReport {

    private ConsoleReport() {}

    /**
     * Colour only for a person at a terminal: not when piped, not with NO_COLOR set (no-color.org),
     * not on a dumb terminal. Padded before colouring, so columns line up either way.
     */
    private static final CommandLine.Help.Ansi ANSI = System.console() != null && System.getenv("NO_COLOR") == null
            && !"dumb".equals(System.getenv("TERM")) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;

    static String colour(Status status) {
        String padded = String.format(Locale.ROOT, "%-5s", status);
        String style = switch (status) {
            case PASS -> "green";
            case FAIL -> "red";
            case SKIP -> "yellow";
            case ERROR -> "magenta";
        };
        return ANSI.string("@|bold," + style + " " + padded + "|@");
    }

    static void print(Report verified, String where, PrintWriter out) {
        Report report = Shown.report(verified);
        out.println();
        out.println(report.exercise() + " on " + Shown.line(where));
        int width = report.outcomes().stream().mapToInt(o -> o.id().length()).max().orElse(0);
        report.outcomes().forEach(o -> outcome(o, width, out));
        summary(report, out);
        out.println(report.passed() ? "All checks pass." : "Some checks do not pass yet; the hints above say what to change.");
    }

    /** One check's line, and under a failure what was seen, what was expected and a hint; {@code o} of a report {@link Shown} gave. */
    static void outcome(Outcome o, int width, PrintWriter out) {
        out.printf(Locale.ROOT, "  %s %-" + width + "s  %s%n", colour(o.status()), o.id(), o.title());
        String indent = " ".repeat(8);
        switch (o.status()) {
            case FAIL -> {
                out.println(indent + "observed: " + o.result().observed());
                out.println(indent + "expected: " + o.result().expected());
                out.println(indent + "hint:     " + o.hint());
                out.println(indent + "notes:    \"" + o.teaches() + "\"");
            }
            case ERROR -> {
                out.println(indent + "error:    " + o.result().observed());
                out.println(indent + "hint:     " + o.hint());
            }
            case SKIP -> out.println(indent + "skipped:  " + o.result().observed());
            case PASS -> { }
        }
    }

    /** The counts line: how many checks, and how many passed, failed, were skipped and erred. */
    static void summary(Report report, PrintWriter out) {
        out.printf(Locale.ROOT, "%d checks: %d passed, %d failed, %d skipped, %d errors%n", report.outcomes().size(),
                report.count(Status.PASS), report.count(Status.FAIL), report.count(Status.SKIP), report.count(Status.ERROR));
    }
}
