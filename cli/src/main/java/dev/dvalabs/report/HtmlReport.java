package dev.dvalabs.report;

import static j2html.TagCreator.article;
import static j2html.TagCreator.body;
import static j2html.TagCreator.code;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.document;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.html;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;
import static j2html.TagCreator.time;
import static j2html.TagCreator.ul;

import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import j2html.tags.DomContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checklist as one self-contained page: a summary with a progress bar, then the checks under the task
 * of instructions.md each judges, every status as icon and word, observations wrapped to the page's width.
 */
final class HtmlReport {

    private HtmlReport() {}

    static void write(Report report, Outline outline, Path file, VerifyRun run) throws IOException {
        String page = document(html(
                Page.head("dva-labs: " + outline.title()),
                body(main(
                        h1(outline.title()),
                        run == null
                                ? p(text("Exercise "), code(report.exercise()), text(" on " + report.target())).withClass("meta")
                                : p(text("Exercise "), code(report.exercise()), text(", verified "),
                                        time(run.shownAt()).attr("datetime", run.at().toString()),
                                        text(" on " + run.on())).withClass("meta"),
                        summary(report),
                        each(outline.groups(report.outcomes()), HtmlReport::task)))).withLang("en"));
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    private static DomContent summary(Report report) {
        int total = report.outcomes().size();
        long passed = report.count(Status.PASS);
        List<DomContent> segments = new ArrayList<>();
        for (Status s : Status.values()) {
            long n = report.count(s);
            if (n > 0) {
                segments.add(span().withClass(Page.cssClass(s))
                        .withStyle(String.format(Locale.ROOT, "width:%.3f%%", 100.0 * n / total)));
            }
        }
        return section(
                p(report.passed() ? "All checks pass." : "Some checks do not pass yet; the hints below say what to change.")
                        .withClass("verdict"),
                div(segments.toArray(DomContent[]::new)).withClass("bar").attr("role", "progressbar")
                        .attr("aria-valuemin", "0").attr("aria-valuemax", Integer.toString(total))
                        .attr("aria-valuenow", Long.toString(passed))
                        .attr("aria-label", passed + " of " + total + " checks pass"),
                ul(li(passed + " of " + total + " checks pass" + skipped(report.count(Status.SKIP))).withClass("total"),
                        each(List.of(Status.values()), s -> li(Page.status(s), text(": " + report.count(s))).withClass("count")))
                        .withClass("counts"))
                .withClass("summary").attr("aria-label", "Summary");
    }

    private static DomContent task(Outline.Group group) {
        long passed = group.outcomes().stream().filter(o -> o.status() == Status.PASS).count();
        long skipped = group.outcomes().stream().filter(o -> o.status() == Status.SKIP).count();
        return section(
                h2(group.number() == 0 ? new DomContent[] {text(group.title())} : Page.inline(group.heading()))
                        .with(text(" "), span(passed + " of " + group.outcomes().size() + " pass" + skipped(skipped))
                                .withClass("task-count")),
                each(group.outcomes(), HtmlReport::check))
                .withClass("task").attr("data-task", Integer.toString(group.number()));
    }

    /** A SKIP is no failure: "0 of 2 pass" under "All checks pass." read as one; the skipped are counted apart. */
    private static String skipped(long skipped) {
        return skipped == 0 ? "" : ", " + skipped + " skipped";
    }

    private static DomContent check(Outcome o) {
        List<DomContent> details = new ArrayList<>();
        switch (o.status()) {
            case PASS -> detail(details, "Observed", pre(o.result().observed()).withClass("observed"));
            case FAIL -> {
                detail(details, "Observed", pre(o.result().observed()).withClass("observed"));
                detail(details, "Expected", pre(o.result().expected()).withClass("expected"));
                detail(details, "Hint", p(o.hint()).withClass("hint"));
            }
            case SKIP -> detail(details, "Skipped", pre(o.result().observed()).withClass("observed"));
            case ERROR -> {
                detail(details, "Error", pre(o.result().observed()).withClass("observed"));
                detail(details, "Hint", p(o.hint()).withClass("hint"));
            }
        }
        detail(details, "The notes", p(o.teaches()).withClass("teaches"));
        return article(
                h3(Page.status(o.status()), span(o.title()).withClass("title"), code(o.id()).withClass("id")),
                dl(details.toArray(DomContent[]::new)))
                .withClass("check " + Page.cssClass(o.status())).attr("data-check", o.id())
                .withId("check-" + o.id());
    }

    private static void detail(List<DomContent> details, String term, DomContent value) {
        details.add(dt(term));
        details.add(dd(value));
    }
}
