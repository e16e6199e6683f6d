package dev.dvalabs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {

    static final Report REPORT = new Report("practice-table", "local", List.of(
            new Outcome("composite-key", "Composite key", "Partition Key and Sort Key", "add a sort key",
                    CheckResult.pass("customerId HASH, orderDate RANGE")),
            new Outcome("gsi", "A GSI", "Global Secondary Index", "add byStatus <status>",
                    CheckResult.fail("no global secondary index", "byStatus with partition key status")),
            new Outcome("ttl-enabled", "TTL on", "TTL", "turn TTL on", CheckResult.skip("known deviation of local: ignores TTL & <stuff>")),
            new Outcome("stream", "Stream", "Streams", "enable the stream", CheckResult.error("SdkClientException: boom"))));

    @TempDir
    Path dir;

    @Test
    @DisplayName("the JSON report reads back with every check's status, observed and expected")
    void jsonReadsBack() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.json.writeInto(REPORT, dir).toFile());
        assertThat(json.path("exercise").asText()).isEqualTo("practice-table");
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("counts").path("FAIL").asInt()).isEqualTo(1);
        assertThat(json.path("checks")).hasSize(4);
        assertThat(json.path("checks").get(1).path("status").asText()).isEqualTo("FAIL");
        assertThat(json.path("checks").get(1).path("expected").asText()).isEqualTo("byStatus with partition key status");
        assertThat(json.path("checks").get(1).path("hint").asText()).isEqualTo("add byStatus <status>");
        assertThat(json.path("checks").get(1).path("task").isNull()).as("no task known").isTrue();
        JsonNode outlined = new ObjectMapper().readTree(ReportFormat.json.writeInto(REPORT, OUTLINE, dir).toFile());
        assertThat(outlined.path("checks").get(1).path("task").asInt()).as("gsi judges task 2").isEqualTo(2);
    }

    static final VerifyRun RUN = new VerifyRun(java.time.Instant.parse("2026-12-06T06:30:12Z"), "ministack 1.5.33 (us-east-1)");

    @Test
    @DisplayName("the HTML and JSON reports say when the verify ran and on what: the emulator and its version")
    void dateAndTarget() throws Exception {
        Document page = Jsoup.parse(ReportFormat.html.writeInto(REPORT, OUTLINE, dir, RUN).toFile(), "UTF-8");
        assertThat(page.selectFirst("p.meta").text())
                .isEqualTo("Exercise practice-table, verified 2026-12-06 06:30 UTC on ministack 1.5.33 (us-east-1)");
        assertThat(page.selectFirst("p.meta time").attr("datetime")).isEqualTo("2026-12-06T06:30:12Z");
        JsonNode json = new ObjectMapper().readTree(ReportFormat.json.writeInto(REPORT, OUTLINE, dir, RUN).toFile());
        assertThat(json.path("verifiedAt").asText()).isEqualTo("2026-12-06T06:30:12Z");
        assertThat(json.path("verifiedOn").asText()).isEqualTo("ministack 1.5.33 (us-east-1)");
        Document onAws = Jsoup.parse(ReportFormat.html.writeInto(REPORT, OUTLINE, dir,
                new VerifyRun(RUN.at(), "AWS account ********9012 (eu-west-1)")).toFile(), "UTF-8");
        assertThat(onAws.selectFirst("p.meta").text()).endsWith("on AWS account ********9012 (eu-west-1)").doesNotContain("123456789012");
    }

    @Test
    @DisplayName("the JUnit XML report is read by Maven Surefire's own report parser: one test case a check")
    void junitReadBySurefire() throws Exception {
        Path file = ReportFormat.junit.writeInto(REPORT, dir);
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        assertThat(suites).hasSize(1);
        ReportTestSuite suite = suites.get(0);
        assertThat(suite.getNumberOfTests()).isEqualTo(4);
        assertThat(suite.getNumberOfFailures()).isEqualTo(1);
        assertThat(suite.getNumberOfErrors()).isEqualTo(1);
        assertThat(suite.getNumberOfSkipped()).isEqualTo(1);
        List<ReportTestCase> cases = suite.getTestCases();
        assertThat(cases).extracting(ReportTestCase::getName)
                .containsExactly("composite-key: Composite key", "gsi: A GSI", "ttl-enabled: TTL on", "stream: Stream");
        assertThat(cases.get(0).isSuccessful()).isTrue();
        assertThat(cases.get(1).hasFailure()).isTrue();
        assertThat(cases.get(1).getFailureMessage()).isEqualTo("observed no global secondary index");
        assertThat(cases.get(2).hasSkipped()).isTrue();
        assertThat(cases.get(3).hasError()).isTrue();
    }

    static final Outline OUTLINE = new Outline("A practice table", new java.util.TreeMap<>(java.util.Map.of(
            1, "Create the table `orders` with a sort key.", 2, "Add the index `byStatus`.")),
            java.util.Map.of("composite-key", 1, "gsi", 2, "ttl-enabled", 1));

    @Test
    @DisplayName("the HTML page shows each check with its status as icon and word, observed, expected, hint and notes, escaped")
    void htmlHasAnEntryPerCheck() throws Exception {
        Document page = Jsoup.parse(ReportFormat.html.writeInto(REPORT, dir).toFile(), "UTF-8");
        assertThat(page.select("article[data-check]")).hasSize(4);
        var gsi = page.selectFirst("article[data-check=gsi]");
        assertThat(gsi.hasClass("fail")).isTrue();
        assertThat(gsi.selectFirst(".status").text()).isEqualTo("✗ FAIL");
        assertThat(gsi.selectFirst(".status .icon").attr("aria-hidden")).isEqualTo("true");
        assertThat(gsi.select("dt").eachText()).containsExactly("Observed", "Expected", "Hint", "The notes");
        assertThat(gsi.select("dd").eachText()).containsExactly("no global secondary index",
                "byStatus with partition key status", "add byStatus <status>", "Global Secondary Index");
        assertThat(page.selectFirst("article[data-check=ttl-enabled] pre.observed").text()).contains("ignores TTL & <stuff>");
        assertThat(page.selectFirst("article[data-check=composite-key] .hint")).as("no hint under a PASS").isNull();
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("link[rel=stylesheet]")).as("self-contained").isEmpty();
        assertThat(page.selectFirst("style").data()).contains("@media print", "overflow-wrap:anywhere", "pre-wrap");
    }

    @Test
    @DisplayName("the HTML page groups the checks under their tasks' titles, a check of no task last, with a summary bar")
    void htmlGroupsByTask() throws Exception {
        Document page = Jsoup.parse(ReportFormat.html.writeInto(REPORT, OUTLINE, dir).toFile(), "UTF-8");
        assertThat(page.selectFirst("h1").text()).isEqualTo("A practice table");
        assertThat(page.select("section.task h2").eachText()).containsExactly(
                "Task 1. Create the table orders with a sort key. 1 of 2 pass, 1 skipped", "Task 2. Add the index byStatus. 0 of 1 pass",
                "Other checks 0 of 1 pass");
        assertThat(page.select("section[data-task=1] article").eachAttr("data-check")).containsExactly("composite-key", "ttl-enabled");
        assertThat(page.select("section[data-task=1] h2 code").eachText()).containsExactly("orders");
        assertThat(page.select("section[data-task=0] article").eachAttr("data-check")).containsExactly("stream");
        var bar = page.selectFirst("[role=progressbar]");
        assertThat(bar.attr("aria-valuenow")).isEqualTo("1");
        assertThat(bar.attr("aria-valuemax")).isEqualTo("4");
        assertThat(bar.select("span").eachAttr("style")).containsExactly("width:25.000%", "width:25.000%", "width:25.000%",
                "width:25.000%");
        assertThat(page.selectFirst(".verdict").text()).startsWith("Some checks do not pass yet");
    }

    @Test
    @DisplayName("the class page has a row per learner with passed N of M, cells by icon and word, and totals per check and task")
    void classPageTotals() throws Exception {
        Report allPass = new Report("practice-table", "bob", REPORT.outcomes().stream()
                .map(o -> new Outcome(o.id(), o.title(), o.teaches(), o.hint(), CheckResult.pass("fine"))).toList());
        ClassReport.write("practice-table", OUTLINE, new java.util.LinkedHashMap<>(java.util.Map.of("alice", REPORT)) {{
            put("bob", allPass);
        }}, dir);
        Document page = Jsoup.parse(dir.resolve("practice-table-class.html").toFile(), "UTF-8");
        assertThat(page.select("tr[data-learner]").eachAttr("data-learner")).containsExactly("alice", "bob");
        assertThat(page.selectFirst("tr[data-learner=alice] td.total").text()).isEqualTo("passed 1 of 4");
        assertThat(page.selectFirst("tr[data-learner=alice] td[data-check=gsi]").text()).isEqualTo("✗ FAIL");
        assertThat(page.select("thead th[data-column]").eachAttr("data-column"))
                .containsExactly("composite-key", "ttl-enabled", "gsi", "stream");
        assertThat(page.select("tfoot td").eachText()).containsExactly("1 of 2", "2 of 2", "1 of 2", "1 of 2", "1 of 2");
        assertThat(page.select(".totals li").eachText()).containsExactly(
                "Task 1. Create the table orders with a sort key.: 1 of 2 learners pass all 2 of its checks",
                "Task 2. Add the index byStatus.: 1 of 2 learners pass its check",
                "Other checks: 1 of 2 learners pass its check");
        assertThat(page.selectFirst("style").data()).contains("position:sticky");
    }

    @Test
    @DisplayName("an exercise's outline is its instructions' tasks, and its checklist page has a section a task, titled by the task")
    void outlineOfARealExercise() throws Exception {
        var exercise = dev.dvalabs.exercise.Catalog.load().find("dynamodb-gsi-ttl").orElseThrow();
        Outline outline = Outline.of(exercise);
        assertThat(outline.tasks()).isNotEmpty().isEqualTo(exercise.tasks());
        assertThat(outline.taskOf().values()).allSatisfy(task -> assertThat(outline.tasks()).containsKey(task));
        List<Outcome> outcomes = outline.taskOf().keySet().stream()
                .map(id -> new Outcome(id, id, "notes", "hint", CheckResult.pass("fine"))).toList();
        Document page = Jsoup.parse(ReportFormat.html.writeInto(new Report(exercise.id(), "local", outcomes), outline, dir).toFile(),
                "UTF-8");
        assertThat(page.selectFirst("h1").text()).isEqualTo(exercise.title());
        assertThat(page.select("section.task").eachAttr("data-task")).doesNotContain("0")
                .hasSize(java.util.Set.copyOf(outline.taskOf().values()).size());
        assertThat(page.selectFirst("section.task h2").text()).startsWith("Task 1. ");
        assertThat(page.select("article[data-check]")).hasSize(outcomes.size());
    }
}
