package dev.dvalabs.report;

import dev.dvalabs.verify.Report;
import java.io.IOException;
import java.nio.file.Path;

/** The files {@code labs verify --report} writes beside the console checklist. */
public enum ReportFormat {
    json("report.json") {
        @Override
        void write(Report report, Outline outline, Path file) throws IOException {
            JsonReport.write(report, outline, file);
        }
    },
    junit("junit.xml") {
        @Override
        void write(Report report, Outline outline, Path file) throws IOException {
            JunitReport.write(report, file);
        }
    },
    html("report.html") {
        @Override
        void write(Report report, Outline outline, Path file) throws IOException {
            HtmlReport.write(report, outline, file);
        }
    };

    private final String suffix;

    ReportFormat(String suffix) {
        this.suffix = suffix;
    }

    abstract void write(Report report, Outline outline, Path file) throws IOException;

    /** Writes the report as {@code <dir>/<exercise>-<suffix>}, its checks grouped by the outline's tasks, and returns that path; its texts as {@link Shown} shows them. */
    public Path writeInto(Report report, Outline outline, Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolve(report.exercise() + "-" + suffix);
        write(Shown.report(report), outline, file);
        return file;
    }

    /** {@link #writeInto(Report, Outline, Path)} knowing no tasks: the checks in one group. */
    public Path writeInto(Report report, Path dir) throws IOException {
        return writeInto(report, Outline.none(report.exercise()), dir);
    }
}
