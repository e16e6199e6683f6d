package dev.dvalabs.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A class's results, learner by check, as CSV (for a spreadsheet) and a self-contained HTML page. */
public final class ClassReport {

    private ClassReport() {}

    /** Writes {@code <exercise>-class.csv} and {@code <exercise>-class.html} into {@code dir}; names and texts as {@link Shown} shows them. */
    public static List<Path> write(String exercise, Map<String, Report> verified, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Report> byLearner = new LinkedHashMap<>();
        verified.forEach((learner, report) -> byLearner.put(Shown.line(learner), Shown.report(report)));
        List<String> checks = byLearner.values().iterator().next().outcomes().stream().map(Outcome::id).toList();
        Path csv = dir.resolve(exercise + "-class.csv");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).addColumn("learner").addColumn("passed");
        checks.forEach(schema::addColumn);
        List<Map<String, String>> rows = new ArrayList<>();
        byLearner.forEach((learner, report) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("learner", cell(learner));
            row.put("passed", Boolean.toString(report.passed()));
            report.outcomes().forEach(o -> row.put(o.id(), cell(o.status().name())));
            rows.add(row);
        });
        new CsvMapper().writer(schema.build()).writeValues(csv.toFile()).writeAll(rows).close();

        Path html = dir.resolve(exercise + "-class.html");
        String page = document(html(
                head(meta().withCharset("utf-8"), title("dva-labs class: " + exercise),
                        style("body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
                                + "th,td{border:1px solid #ccc;padding:.3rem .5rem}.pass{background:#e6f4ea}"
                                + ".fail{background:#fce8e6}.skip{background:#fef7e0}.error{background:#f3e8fd}")),
                body(h1(exercise + ": the class"),
                        table(thead(tr(th("learner"), each(checks, c -> th(c)))),
                                tbody(each(byLearner.entrySet(), e -> tr(td(e.getKey()),
                                        each(e.getValue().outcomes(), o -> td(o.status().name())
                                                .withClass(o.status().name().toLowerCase(Locale.ROOT))
                                                .withTitle(o.result().observed()))).attr("data-learner", e.getKey())))))));
        Files.writeString(html, page, StandardCharsets.UTF_8);
        return List.of(csv, html);
    }

    /**
     * OWASP's rule against CSV injection: a cell beginning with =, +, -, @, a tab or a carriage return is
     * one a spreadsheet would run as a formula, so it begins with a single quote instead.
     */
    static String cell(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
