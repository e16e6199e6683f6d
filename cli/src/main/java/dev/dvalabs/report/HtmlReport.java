package dev.dvalabs.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The checklist as one self-contained page: a row a check with its status, observed and expected, the notes line and the hint. */
final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
            table{border-collapse:collapse;width:100%}
            th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}
            .pass{background:#e6f4ea}.fail{background:#fce8e6}.skip{background:#fef7e0}.error{background:#f3e8fd}
            .status{font-weight:bold}""";

    private HtmlReport() {}

    static void write(Report report, Path file) throws IOException {
        String page = document(html(
                head(meta().withCharset("utf-8"), title("dva-labs: " + report.exercise()), style(CSS)),
                body(
                        h1(report.exercise()),
                        p("Target: " + report.target() + ". " + summary(report)),
                        table(
                                caption("Checks"),
                                thead(tr(th("status"), th("check"), th("observed"), th("expected"), th("the notes"), th("hint"))),
                                tbody(each(report.outcomes(), HtmlReport::row))))));
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    private static j2html.tags.specialized.TrTag row(Outcome o) {
        return tr(
                td(o.status().name()).withClass("status"),
                td(o.id() + ": " + o.title()),
                td(o.result().observed()),
                td(o.result().expected()),
                td(o.teaches()),
                td(o.status() == Status.PASS ? "" : o.hint()))
                .withClass(o.status().name().toLowerCase(Locale.ROOT))
                .attr("data-check", o.id());
    }

    private static String summary(Report report) {
        return String.format(Locale.ROOT, "%d checks: %d passed, %d failed, %d skipped, %d errors.", report.outcomes().size(),
                report.count(Status.PASS), report.count(Status.FAIL), report.count(Status.SKIP), report.count(Status.ERROR));
    }
}
