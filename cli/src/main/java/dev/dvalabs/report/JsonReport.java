package dev.dvalabs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The checklist as JSON, for scripts and grading tools. */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    record Check(String id, Integer task, String title, Status status, String observed, String expected, String teaches, String hint) {}

    /** {@code verifiedAt} and {@code verifiedOn} are null when the writer was not told them. */
    record Document(String exercise, String target, String verifiedAt, String verifiedOn, boolean passed,
                    Map<Status, Long> counts, List<Check> checks) {}

    static void write(Report report, Outline outline, Path file, VerifyRun run) throws IOException {
        Map<Status, Long> counts = new TreeMap<>();
        Arrays.stream(Status.values()).forEach(s -> counts.put(s, report.count(s)));
        List<Check> checks = report.outcomes().stream().map(o -> check(o, outline)).toList();
        JSON.writeValue(file.toFile(), new Document(report.exercise(), report.target(), run == null ? null : run.at().toString(),
                run == null ? null : run.on(), report.passed(), counts, checks));
    }

    /** The check, with the number of the task it judges when the outline knows it. */
    private static Check check(Outcome o, Outline outline) {
        Integer task = outline.taskOf().get(o.id());
        return new Check(o.id(), task == null || task == 0 ? null : task, o.title(), o.status(), o.result().observed(), o.result().expected(), o.teaches(), o.hint());
    }
}
