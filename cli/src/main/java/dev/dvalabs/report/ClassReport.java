package dev.dvalabs.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.code;
import static j2html.TagCreator.div;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.html;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.tfoot;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import j2html.tags.DomContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class's results, learner by check, as CSV (for a spreadsheet) and a self-contained HTML page: a row a
 * learner with how many checks they pass, a column a check grouped by task, the header row and the learners'
 * column staying in view while the table scrolls, and per task how many learners have done it.
 */
public final class ClassReport {

    private ClassReport() {}

    /** {@link #write(String, Outline, Map, Path)} knowing no tasks. */
    public static List<Path> write(String exercise, Map<String, Report> verified, Path dir) throws IOException {
        return write(exercise, Outline.none(exercise), verified, dir);
    }

    /** Writes {@code <exercise>-class.csv} and {@code <exercise>-class.html} into {@code dir}; names and texts as {@link Shown} shows them. */
    public static List<Path> write(String exercise, Outline outline, Map<String, Report> verified, Path dir) throws IOException {
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
        Files.writeString(html, page(exercise, outline, byLearner), StandardCharsets.UTF_8);
        return List.of(csv, html);
    }

    private static String page(String exercise, Outline outline, Map<String, Report> byLearner) {
        List<Outline.Group> groups = outline.groups(byLearner.values().iterator().next().outcomes());
        List<String> columns = groups.stream().flatMap(g -> g.outcomes().stream().map(Outcome::id)).toList();
        Map<String, Integer> taskOfColumn = new LinkedHashMap<>();
        groups.forEach(g -> g.outcomes().forEach(o -> taskOfColumn.put(o.id(), g.number())));
        long allPass = byLearner.values().stream().filter(Report::passed).count();
        return document(html(
                Page.head("dva-labs class: " + outline.title()),
                body(main(
                        h1(outline.title() + ": the class"),
                        p(text("Exercise "), code(exercise), text(", " + byLearner.size() + " learners, " + columns.size()
                                + " checks; " + allPass + " of " + byLearner.size() + " learners pass every check.")).withClass("meta"),
                        h2("By task"),
                        ul(each(groups, g -> taskTotal(g, byLearner))).withClass("totals"),
                        h2("By learner and check"),
                        div(table(
                                thead(tr(th("Learner").attr("scope", "col"), th("Passed").attr("scope", "col"),
                                        each(columns, c -> th(span(taskOfColumn.get(c) == 0 ? "other" : "Task " + taskOfColumn.get(c))
                                                .withClass("task-no"), code(c)).attr("scope", "col").attr("data-column", c)))),
                                tbody(each(byLearner.entrySet(), e -> learnerRow(e.getKey(), e.getValue(), columns))),
                                tfoot(tr(th("Passed by").attr("scope", "row"), td(allPass + " of " + byLearner.size()),
                                        each(columns, c -> td(passedBy(byLearner, c) + " of " + byLearner.size())))))
                                .withClass("grid"))
                                .withClass("scroll").attr("role", "region").attr("aria-label", "Learners by check")
                                .attr("tabindex", "0")))).withLang("en"));
    }

    private static DomContent learnerRow(String learner, Report report, List<String> columns) {
        Map<String, Outcome> byId = new LinkedHashMap<>();
        report.outcomes().forEach(o -> byId.put(o.id(), o));
        return tr(th(learner).attr("scope", "row"),
                td("passed " + report.count(Status.PASS) + " of " + report.outcomes().size()).withClass("total"),
                each(columns, c -> {
                    Outcome o = byId.get(c);
                    if (o == null) {
                        return td("not verified").withClass("missing");
                    }
                    // The word names the status for everyone; the cell's title holds what was observed.
                    return td(span(Page.icon(o.status())).withClass("icon").attr("aria-hidden", "true"),
                            text(" " + o.status().name()))
                            .withClass(Page.cssClass(o.status())).withTitle(o.result().observed()).attr("data-check", c);
                }))
                .attr("data-learner", learner);
    }

    private static DomContent taskTotal(Outline.Group group, Map<String, Report> byLearner) {
        long done = byLearner.values().stream().filter(r -> group.outcomes().stream()
                .allMatch(o -> r.outcomes().stream().anyMatch(x -> x.id().equals(o.id()) && x.status() == Status.PASS))).count();
        DomContent[] heading = group.number() == 0 ? new DomContent[] {text(group.title())} : Page.inline(group.heading());
        return li(strong(heading), text(": " + done + " of " + byLearner.size() + " learners pass "
                + (group.outcomes().size() == 1 ? "its check" : "all " + group.outcomes().size() + " of its checks")))
                .attr("data-task", Integer.toString(group.number()));
    }

    private static long passedBy(Map<String, Report> byLearner, String check) {
        return byLearner.values().stream()
                .filter(r -> r.outcomes().stream().anyMatch(o -> o.id().equals(check) && o.status() == Status.PASS)).count();
    }

    /**
     * OWASP's rule against CSV injection: a cell beginning with =, +, -, @, a tab or a carriage return is
     * one a spreadsheet would run as a formula, so it begins with a single quote instead.
     */
    static String cell(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
