package dev.dvalabs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML reports in a real browser, headless Chromium, at a laptop's width and a phone's: nothing scrolls
 * sideways, every check is there, every status has a name a screen reader reads. The screenshots stay in
 * {@code cli/target/report-screenshots/} for a person to look at.
 */
class ReportBrowserTest {

    /** Where the screenshots are kept, as the build's artifacts. */
    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    static final String LONG_WORD = "arn:aws:dynamodb:us-east-1:000000000000:table/" + "x".repeat(600);

    static final Report REPORT = new Report("practice-table", "the local emulator (ministack) at http://127.0.0.1:4566", List.of(
            new Outcome("composite-key", "The table has a partition and a sort key", "Primary Key: partition key and sort key",
                    "Recreate the table with id (S) as partition key and at (S) as sort key.", CheckResult.pass("id HASH, at RANGE")),
            new Outcome("gsi", "A global secondary index has a different partition key", "Global Secondary Index",
                    "aws dynamodb update-table --table-name dva-labs-practice --attribute-definitions"
                            + " AttributeName=status,AttributeType=S --global-secondary-index-updates"
                            + " '[{\"Create\":{\"IndexName\":\"byStatus\",\"KeySchema\":[{\"AttributeName\":\"status\",\"KeyType\":\"HASH\"}],"
                            + "\"Projection\":{\"ProjectionType\":\"ALL\"}}}]'",
                    CheckResult.fail("no global secondary index on " + LONG_WORD, "byStatus with partition key status")),
            new Outcome("ttl-enabled", "TTL is enabled on expiresAt", "TTL", "Turn on Time to Live for expiresAt.",
                    CheckResult.skip("a known deviation of ministack: its CloudFormation ignores TTL")),
            new Outcome("stream", "A stream records new and old images", "Streams", "Enable the stream with NEW_AND_OLD_IMAGES.",
                    CheckResult.error("SdkClientException: Unable to execute HTTP request:\n" + "  at line ".repeat(40)))));

    static final Outline OUTLINE = new Outline("A practice table", new TreeMap<>(Map.of(
            1, "Create the table `dva-labs-practice` with `id` (S) as partition key and `at` (S) as sort key.",
            2, "Add a global secondary index `byStatus` whose partition key is `status`.",
            3, "Turn on TTL for `expiresAt` and a stream of new and old images.")),
            Map.of("composite-key", 1, "gsi", 2, "ttl-enabled", 3, "stream", 3));

    /** A probe page: the report framed at a width, and a script writing what the layout came to into {@code #layout-facts}. */
    private static final String PROBE = """
            <!doctype html><meta charset="utf-8"><body style="margin:0">
            <iframe id="page" src="%s" style="display:block;border:0;width:%dpx;height:900px"></iframe>
            <pre id="layout-facts"></pre>
            <script>
            // Scrolls the class table's box down and right: its header row and learners' column should stay at its edges.
            const sticky = d => {
              const box = d.querySelector('.scroll');
              if (!box) return null;
              box.scrollTop = 300;
              box.scrollLeft = 300;
              const edge = box.getBoundingClientRect();
              return {
                scrolledDown: box.scrollTop, scrolledRight: box.scrollLeft,
                headerTop: Math.round(d.querySelector('.grid thead th:nth-child(3)').getBoundingClientRect().top - edge.top),
                learnerLeft: Math.round(d.querySelector('.grid tbody th').getBoundingClientRect().left - edge.left)
              };
            };
            window.addEventListener('load', () => {
              const d = document.getElementById('page').contentDocument;
              const w = d.defaultView;
              const shown = n => n.nodeType === 3 ? n.textContent
                  : n.nodeType === 1 && n.getAttribute('aria-hidden') !== 'true' ? [...n.childNodes].map(shown).join('') : '';
              const name = e => (e.getAttribute('aria-label') || shown(e)).trim();
              const wide = [...d.querySelectorAll('main, section, article, pre, dd, h1, h2, h3, p, li')]
                  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
                  .map(e => e.tagName + '.' + e.className);
              document.getElementById('layout-facts').textContent = JSON.stringify({
                viewport: w.innerWidth,
                scrollWidth: d.documentElement.scrollWidth,
                checks: [...d.querySelectorAll('article[data-check]')].map(e => e.dataset.check),
                cells: [...d.querySelectorAll('td[data-check]')].length,
                statusNames: [...d.querySelectorAll('article[data-check] .status, td[data-check]')].map(name),
                meta: [...d.querySelectorAll('p.meta')].map(name),
                wide: wide,
                fetched: d.querySelectorAll('link[href], script[src], img[src], iframe, object').length,
                sticky: sticky(d)
              });
            });
            </script>
            """;

    static Chromium chromium;

    @TempDir
    static Path dir;

    @BeforeAll
    static void browser() throws Exception {
        chromium = Chromium.require(dir);
    }

    private static Path checklist() throws Exception {
        return ReportFormat.html.writeInto(REPORT, OUTLINE, dir, ReportFormatTest.RUN);
    }

    private static Path classPage() throws Exception {
        Map<String, Report> byLearner = new LinkedHashMap<>();
        for (int i = 1; i <= 30; i++) {
            List<Outcome> outcomes = new ArrayList<>();
            for (Outcome o : REPORT.outcomes()) {
                outcomes.add(new Outcome(o.id(), o.title(), o.teaches(), o.hint(), i % 3 == 0 ? o.result() : CheckResult.pass("fine")));
            }
            byLearner.put(i == 5 ? "learner-with-a-very-long-name-" + "n".repeat(80) : "learner " + i,
                    new Report(REPORT.exercise(), "learner " + i, outcomes));
        }
        ClassReport.write(REPORT.exercise(), OUTLINE, byLearner, dir);
        return dir.resolve(REPORT.exercise() + "-class.html");
    }

    private static JsonNode layout(Path page, int width) throws Exception {
        Path probe = dir.resolve("probe-" + width + "-" + page.getFileName());
        Files.writeString(probe, PROBE.formatted(page.getFileName(), width), StandardCharsets.UTF_8);
        String dom = chromium.dumpDom(probe, Math.max(width, 500), 1000);
        var facts = Jsoup.parse(dom).getElementById("layout-facts");
        assertThat(facts).as("the probe's facts in Chromium's DOM dump:\n" + dom).isNotNull();
        assertThat(facts.text()).as("the probe script ran").isNotBlank();
        return new ObjectMapper().readTree(facts.text());
    }

    @ParameterizedTest(name = "the checklist at {0} px: no sideways scrolling, every check there, every status named")
    @ValueSource(ints = {1280, 375})
    @DisplayName("the checklist in Chromium")
    void checklistLaysOut(int width) throws Exception {
        JsonNode facts = layout(checklist(), width);
        assertThat(facts.path("viewport").asInt()).isEqualTo(width);
        assertThat(facts.path("scrollWidth").asInt()).as("the page's width at " + width + " px").isLessThanOrEqualTo(width);
        assertThat(facts.path("wide")).as("elements wider than their box").isEmpty();
        assertThat(facts.path("checks")).extracting(JsonNode::asText)
                .containsExactly("composite-key", "gsi", "ttl-enabled", "stream");
        assertThat(facts.path("statusNames")).extracting(JsonNode::asText).containsExactly("PASS", "FAIL", "SKIP", "ERROR");
        assertThat(facts.path("fetched").asInt()).as("nothing fetched").isZero();
        assertThat(facts.path("meta")).extracting(JsonNode::asText).as("the date and the target shown")
                .containsExactly("Exercise practice-table, verified 2026-12-06 06:30 UTC on ministack 1.5.33 (us-east-1)");
    }

    @ParameterizedTest(name = "the class page at {0} px: the table scrolls in its box under a sticky header and learners' column; every cell named")
    @ValueSource(ints = {1280, 375})
    @DisplayName("the class page in Chromium")
    void classPageLaysOut(int width) throws Exception {
        JsonNode facts = layout(classPage(), width);
        assertThat(facts.path("scrollWidth").asInt()).as("the page's width at " + width + " px").isLessThanOrEqualTo(width);
        assertThat(facts.path("wide")).as("elements wider than their box").isEmpty();
        assertThat(facts.path("cells").asInt()).as("30 learners x 4 checks").isEqualTo(120);
        JsonNode sticky = facts.path("sticky");
        assertThat(sticky.path("scrolledDown").asInt()).as("the table scrolls in its box").isPositive();
        assertThat(sticky.path("headerTop").asInt()).as("the header row stays at the box's top").isBetween(0, 2);
        assertThat(sticky.path("learnerLeft").asInt()).as("the learners' column stays at the box's left").isBetween(0, 2);
        if (width < 600) {
            assertThat(sticky.path("scrolledRight").asInt()).as("at a phone's width the table scrolls sideways in its box").isPositive();
        }
        assertThat(facts.path("statusNames")).hasSize(120).allSatisfy(n -> assertThat(n.asText()).isIn("PASS", "FAIL", "SKIP", "ERROR"));
        assertThat(facts.path("fetched").asInt()).as("nothing fetched").isZero();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("screenshots of both pages at 1280 px and at a phone's 375 px are kept as build artifacts")
    void screenshots() throws Exception {
        Path checklist = checklist();
        Path classPage = classPage();
        chromium.screenshot(checklist, 1280, 1400, SCREENSHOTS.resolve("checklist-1280.png"));
        chromium.screenshot(classPage, 1280, 900, SCREENSHOTS.resolve("class-1280.png"));
        // Headless Chromium keeps a window at least 500 px wide: the phone's width is a frame of 375 px in it.
        Path phone = dir.resolve("phone.html");
        Files.writeString(phone, "<!doctype html><body style=\"margin:0;background:#888\"><iframe src=\"" + checklist.getFileName()
                + "\" style=\"display:block;border:0;width:375px;height:2400px;background:#fff\"></iframe>", StandardCharsets.UTF_8);
        chromium.screenshot(phone, 500, 2400, SCREENSHOTS.resolve("checklist-375.png"));
        Path classPhone = dir.resolve("class-phone.html");
        Files.writeString(classPhone, Files.readString(phone).replace(checklist.getFileName().toString(),
                classPage.getFileName().toString()).replace("2400px", "900px"), StandardCharsets.UTF_8);
        chromium.screenshot(classPhone, 500, 900, SCREENSHOTS.resolve("class-375.png"));
        for (String png : List.of("checklist-1280.png", "class-1280.png", "checklist-375.png", "class-375.png")) {
            byte[] bytes = Files.readAllBytes(SCREENSHOTS.resolve(png));
            assertThat(bytes).as(png).hasSizeGreaterThan(5_000);
            assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).as(png + " is a PNG").isEqualTo("PNG");
        }
    }
}
