package dev.dvalabs.report;

import dev.dvalabs.verify.Report;
import java.io.IOException;
import java.nio.file.Path;

/** The files {@code labs verify --report} writes beside the console checklist. */
public enum ReportFormat {
    json("report.json") {
        @Override
        void write(Report report, Outline outline, Path file, VerifyRun run) throws IOException {
            JsonReport.write(report, outline, file, run);
        }
    },
    junit("junit.xml") {
        @Override
        void write(Report report, Outline outline, Path file, VerifyRun run) throws IOException {
            JunitReport.write(report, file);
        }
    },
    html("report.html") {
        @Override
        void write(Report report, Outline outline, Path file, VerifyRun run) throws IOException {
            HtmlReport.write(report, outline, file, run);
        }
    };

    private final String suffix;

    ReportFormat(String suffix) {
        this.suffix = suffix;
    }

    /** @param run when and on what the verify ran; null when not known (the report then says neither) */
    abstract void write(Report report, Outline outline, Path file, VerifyRun run) throws IOException;

    /**
     * Writes the report as {@code <dir>/<exercise>-<suffix>}, its checks grouped by the outline's tasks, with when and
     * on what the verify ran, and returns that path; its texts as {@link Shown} shows them.
     */
    public Path writeInto(Report report, Outline outline, Path dir, VerifyRun run) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolve(report.exercise() + "-" + suffix);
        write(Shown.report(report), outline, file, run == null ? null : new VerifyRun(run.at(), Shown.text(run.on())));
        return file;
    }

    /** {@link #writeInto(Report, Outline, Path, VerifyRun)} not knowing when or where the verify ran. */
    public Path writeInto(Report report, Outline outline, Path dir) throws IOException {
        return writeInto(report, outline, dir, null);
    }

    /** {@link #writeInto(Report, Outline, Path)} knowing no tasks: the checks in one group. */
    public Path writeInto(Report report, Path dir) throws IOException {
        return writeInto(report, Outline.none(report.exercise()), dir);
    }
}
