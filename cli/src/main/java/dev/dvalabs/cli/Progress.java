package dev.dvalabs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.StateDirectory;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every verify of a learner's work, remembered: a line of JSON per verify in
 * {@code $XDG_STATE_HOME/dva-labs/progress/<exercise>.jsonl} (exercise, target, time, passed of total, each
 * check's status), from which {@code labs progress} and {@code labs list} tell what is done and what is left.
 */
final class Progress {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(SerializationFeature.INDENT_OUTPUT);

    /** One verify: how many checks passed of how many, and each check's status in the checklist's order. */
    record Verified(String exercise, String target, Instant at, int passed, int total, Map<String, Status> checks) {

        static Verified of(Report report, Instant at) {
            Map<String, Status> checks = new LinkedHashMap<>();
            report.outcomes().forEach(o -> checks.put(o.id(), o.status()));
            return new Verified(report.exercise(), report.target(), at, (int) report.count(Status.PASS),
                    report.outcomes().size(), checks);
        }

        /** Done as a verify is passed: no check failed or erred (a SKIP is the target's, not the learner's). */
        boolean done() {
            return checks.values().stream().noneMatch(s -> s == Status.FAIL || s == Status.ERROR);
        }

        /** The checks still to make pass: those that failed or erred. */
        List<String> left() {
            return checks.entrySet().stream().filter(e -> e.getValue() == Status.FAIL || e.getValue() == Status.ERROR)
                    .map(Map.Entry::getKey).toList();
        }
    }

    /** An exercise's best verify (done first, then most checks passed, then the latest) and its last. */
    record Summary(Verified best, Verified last) {}

    private final Path dir;

    Progress(Path dir) {
        this.dir = dir;
    }

    /** The user's progress; a test keeps its own under the state directory it sets ({@code dva-labs.state-dir}). */
    static Progress ofUser() {
        String own = System.getProperty("dva-labs.state-dir");
        return new Progress((own != null ? Path.of(own) : StateDirectory.root()).resolve("progress"));
    }

    Path dir() {
        return dir;
    }

    void record(Report report, Instant at) throws IOException {
        Files.createDirectories(dir);
        // One line written by one append: a verify killed mid-write leaves at most one unreadable line, skipped on reading.
        Files.writeString(file(report.exercise()), JSON.writeValueAsString(Verified.of(report, at)) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The exercise's verifies, oldest first. */
    List<Verified> of(String exercise) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(exercise), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of(); // never verified
        } catch (IOException e) {
            return List.of(); // unreadable: the progress is a convenience, and no command fails for it
        }
        List<Verified> verified = new ArrayList<>();
        for (String line : lines) {
            try {
                verified.add(JSON.readValue(line, Verified.class));
            } catch (IOException e) {
                // a line cut short by a kill, or from a version that wrote another shape: not this progress
            }
        }
        return verified;
    }

    Optional<Summary> summary(String exercise) {
        List<Verified> all = of(exercise);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Verified best = all.stream().max(Comparator.comparing(Verified::done).thenComparingInt(Verified::passed)
                .thenComparing(Verified::at)).orElseThrow();
        return Optional.of(new Summary(best, all.get(all.size() - 1)));
    }

    /** "done", "started", or "" for an exercise never verified. */
    String mark(String exercise) {
        return summary(exercise).map(s -> s.best().done() ? "done" : "started").orElse("");
    }

    private Path file(String exercise) {
        return dir.resolve(exercise + ".jsonl");
    }
}
