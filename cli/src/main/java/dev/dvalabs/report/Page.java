package dev.dvalabs.report;

import static j2html.TagCreator.code;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.span;
import static j2html.TagCreator.style;
import static j2html.TagCreator.text;
import static j2html.TagCreator.title;

import dev.dvalabs.verify.Status;
import j2html.tags.DomContent;
import j2html.tags.specialized.HeadTag;
import j2html.tags.specialized.SpanTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the HTML reports share: one inline stylesheet, and a status shown by icon and word, never by colour alone. */
final class Page {

    private static final String CSS = css();

    private Page() {}

    /** The head: charset, a phone's viewport, the title and the stylesheet inline; nothing fetched. */
    static HeadTag head(String title) {
        return j2html.TagCreator.head(meta().withCharset("utf-8"),
                meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                title(title), style(rawHtml(CSS)));
    }

    /** The CSS class of a status, as the stylesheet colours it. */
    static String cssClass(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The icon a status is shown with, beside its word. */
    static String icon(Status status) {
        return switch (status) {
            case PASS -> "✓";
            case FAIL -> "✗";
            case SKIP -> "–";
            case ERROR -> "!";
        };
    }

    /** The status as icon and word; the icon is hidden from screen readers, which read the word. */
    static SpanTag status(Status status) {
        return span(span(icon(status)).withClass("icon").attr("aria-hidden", "true"), text(" " + status.name()))
                .withClass("status " + cssClass(status));
    }

    /** A line of instructions.md with its `code` spans shown as code. */
    static DomContent[] inline(String markdown) {
        String[] parts = markdown.split("`", -1);
        List<DomContent> shown = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            boolean closed = i < parts.length - 1;
            shown.add(i % 2 == 0 ? text(parts[i]) : closed ? code(parts[i]) : text("`" + parts[i]));
        }
        return shown.toArray(DomContent[]::new);
    }

    private static String css() {
        try (InputStream in = Page.class.getResourceAsStream("report.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the reports' stylesheet is missing from the build", e);
        }
    }
}
