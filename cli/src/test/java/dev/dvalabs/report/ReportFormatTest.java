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

    @Test
    @DisplayName("the HTML page has a row for each check with its status, observed, expected, notes and hint, escaped")
    void htmlHasARowPerCheck() throws Exception {
        Document page = Jsoup.parse(ReportFormat.html.writeInto(REPORT, dir).toFile(), "UTF-8");
        assertThat(page.select("tr[data-check]")).hasSize(4);
        var gsi = page.selectFirst("tr[data-check=gsi]");
        assertThat(gsi.hasClass("fail")).isTrue();
        assertThat(gsi.select("td").eachText()).containsExactly("FAIL", "gsi: A GSI", "no global secondary index",
                "byStatus with partition key status", "Global Secondary Index", "add byStatus <status>");
        assertThat(page.selectFirst("tr[data-check=ttl-enabled] td:eq(2)").text()).contains("ignores TTL & <stuff>");
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("link[rel=stylesheet]")).as("self-contained").isEmpty();
    }
}
