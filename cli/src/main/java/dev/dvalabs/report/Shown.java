package dev.dvalabs.report;

import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;

/**
 * Text from a learner's resources as the toolkit shows it. An observation quotes what an API answered,
 * which a learner (or anyone who can write into their resources) controls: escape sequences that clear
 * a terminal or set its title, characters XML 1.0 forbids, a 3 MB body. Every reporter, console and
 * files alike, passes its report through {@link #report}, so each gets the same safe, bounded text.
 */
public final class Shown {

    /** How much of one text is shown; the rest is counted, not printed. */
    public static final int LIMIT = 2_000;

    private Shown() {}

    /** The report with every text escaped and capped; ids and titles on one line, observations keeping their lines. */
    public static Report report(Report report) {
        return new Report(line(report.exercise()), line(report.target()),
                report.outcomes().stream().map(Shown::outcome).toList());
    }

    private static Outcome outcome(Outcome o) {
        return new Outcome(line(o.id()), line(o.title()), text(o.teaches()), text(o.hint()),
                new CheckResult(o.status(), text(o.result().observed()), text(o.result().expected())));
    }

    /** Text that may hold lines: newlines and tabs kept, every other control character escaped, capped. */
    public static String text(String text) {
        return escaped(text, true);
    }

    /** Text shown on one line (a name, a sentence): newlines and tabs escaped as well, capped. */
    public static String line(String text) {
        return escaped(text, false);
    }

    /** Whether the text holds any character {@link #line} would escape. */
    public static boolean hasControlCharacters(String text) {
        return text.codePoints().anyMatch(c -> !plain(c, false));
    }

    private static String escaped(String text, boolean lines) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), LIMIT + 32));
        int i = 0;
        while (i < text.length() && shown.length() < LIMIT) {
            int c = text.codePointAt(i);
            if (plain(c, lines)) {
                shown.appendCodePoint(c);
            } else if (c <= 0xFF) {
                shown.append(String.format(java.util.Locale.ROOT, "\\x%02X", c));
            } else {
                shown.append('\uFFFD'); // a lone surrogate, or U+FFFE / U+FFFF: no character to show
            }
            i += Character.charCount(c);
        }
        return i < text.length() ? shown + "… (" + (text.length() - i) + " more characters)" : shown.toString();
    }

    /**
     * Shown as it is: not a C0 or C1 control (ESC among them) nor DEL, and allowed by XML 1.0 (no lone
     * surrogate, no U+FFFE or U+FFFF); newline and tab only where lines are meant.
     */
    private static boolean plain(int c, boolean lines) {
        if (c == '\n' || c == '\t') {
            return lines;
        }
        return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F)
                && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) && c != 0xFFFE && c != 0xFFFF;
    }
}
