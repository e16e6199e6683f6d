package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.dvalabs.report.ClassReport;
import dev.dvalabs.report.ReportFormat;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a learner's resources hold, shown back: escape sequences, characters XML forbids, megabytes, formulas. */
class HostileTextTest {

    /** Clears the screen, sets the terminal's title, a C1 CSI, NUL, a carriage return, a lone surrogate, U+FFFF. */
    static final String HOSTILE = "item \u001B[2J\u001B]0;owned\u0007 \u009B31m nul\u0000 cr\r \uD800 \uFFFF end";
    static final String HUGE = "x".repeat(3_000_000);

    static final Report REPORT = new Report("practice-table", "local", List.of(
            new Outcome("gsi", "A GSI", "Global Secondary Index", "add byStatus",
                    CheckResult.fail("line one\n\tline two " + HOSTILE, "expected " + HOSTILE)),
            new Outcome("big", "A big body", "Bodies", "look at the body", CheckResult.fail(HUGE, "a small body")),
            new Outcome("stream", "Stream", "Streams", "enable the stream", CheckResult.skip("skipped " + HOSTILE)),
            new Outcome("err", "Errors", "Errors", "hint " + HOSTILE, CheckResult.error("erred " + HOSTILE))));

    @TempDir
    Path dir;

    @Test
    @DisplayName("no escape sequence or other control character from a learner's resource reaches the terminal; lines stay lines")
    void consoleShowsControlsEscaped() {
        String console = console(REPORT);
        assertThat(console).doesNotContainPattern("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\uD800-\\uDFFF\\uFFFE\\uFFFF]");
        assertThat(console).contains("item \\x1B[2J\\x1B]0;owned\\x07 \\x9B31m nul\\x00 cr\\x0D \uFFFD \uFFFD end");
        assertThat(console).contains("line one\n\tline two");
    }

    @Test
    @DisplayName("a 3 MB observation is shown as its first 2,000 characters and a count of the rest, on the console and in every file")
    void hugeObservationCapped() throws Exception {
        String console = console(REPORT);
        assertThat(console.length()).isLessThan(20_000);
        assertThat(console).contains("x".repeat(2_000) + "… (2998000 more characters)");
        for (ReportFormat format : ReportFormat.values()) {
            Path file = format.writeInto(REPORT, dir);
            assertThat(Files.size(file)).as(format.name()).isLessThan(50_000);
            assertThat(Files.readString(file)).as(format.name()).contains("2998000 more characters");
        }
    }

    @Test
    @DisplayName("the JUnit XML stays readable by an XML 1.0 parser, and no file report holds a control character")
    void fileReportsReadable() throws Exception {
        Path junit = ReportFormat.junit.writeInto(REPORT, dir);
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(document.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        JsonNode json = new ObjectMapper().readTree(ReportFormat.json.writeInto(REPORT, dir).toFile());
        assertThat(json.path("checks").get(3).path("hint").asText()).contains("hint item \\x1B[2J");
        String html = Jsoup.parse(ReportFormat.html.writeInto(REPORT, dir).toFile(), "UTF-8").text();
        for (String text : List.of(Files.readString(junit), json.toString(), html)) {
            assertThat(text).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uD800-\\uDFFF\\uFFFE\\uFFFF]");
        }
    }

    @Test
    @DisplayName("learner names beginning =, +, -, @, tab or CR are written to the class CSV as text, not formulas; controls stripped")
    void classCsvHoldsNoFormula() throws Exception {
        Map<String, Report> byLearner = new LinkedHashMap<>();
        for (String name : List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tbob", "\rcarol",
                "\u001B]0;owned\u0007eve", "dave")) {
            byLearner.put(name, REPORT);
        }
        ClassReport.write("practice-table", byLearner, dir);
        List<String> learners = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("practice-table-class.csv").toFile())) {
            it.forEachRemaining(row -> learners.add(row.get("learner")));
        }
        assertThat(learners).containsExactly("'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+1", "'-2+3", "'@SUM(A1)",
                "\\x09bob", "\\x0Dcarol", "\\x1B]0;owned\\x07eve", "dave");
        String page = Files.readString(dir.resolve("practice-table-class.html"), StandardCharsets.UTF_8);
        assertThat(page).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]").contains("2998000 more characters");
    }

    private static String console(Report report) {
        StringWriter out = new StringWriter();
        ConsoleReport.print(report, "local emulator \u001B]0;x\u0007", new PrintWriter(out));
        return out.toString();
    }
}
