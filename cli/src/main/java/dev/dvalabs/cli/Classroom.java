package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.AwsTarget;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.Locale;

/** An instructor's class: every learner's account (or emulator) verified at once, a bounded number at a time. */
final class Classroom {

    /** One line of the accounts file: a name, and exactly one of a profile, a role to assume or an endpoint. */
    record Learner(String name, String profile, String role, String endpoint) {}

    record Learners(List<Learner> learners) {}

    private Classroom() {}

    static List<Learner> read(Path file) {
        Learners read;
        try {
            read = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), Learners.class);
        } catch (IOException e) {
            throw new BadInputException(file + " is not a readable accounts file ("
                    + e.getMessage().lines().findFirst().orElse("") + "); see labs verify --help.");
        }
        if (read == null || read.learners() == null || read.learners().isEmpty()) {
            throw new BadInputException(file + " lists no learners; give 'learners:' with a name and a profile, role or endpoint each.");
        }
        for (Learner l : read.learners()) {
            long ways = Stream.of(l.profile(), l.role(), l.endpoint()).filter(w -> w != null && !w.isBlank()).count();
            if (l.name() == null || l.name().isBlank() || ways != 1) {
                throw new BadInputException(file + ": each learner needs a name and exactly one of profile, role or endpoint"
                        + (l.name() == null ? "" : " (" + l.name() + " does not)") + ".");
            }
        }
        Set<String> seen = new HashSet<>();
        for (Learner l : read.learners()) {
            // The reports have a row per name: two learners of one name would be merged into one row.
            if (!seen.add(l.name().strip())) {
                throw new BadInputException(file + " lists the learner '" + l.name().strip() + "' twice; give every learner"
                        + " a name of their own.");
            }
        }
        return read.learners();
    }

    /** Every learner's report, in the file's order; a learner whose account cannot be reached gets ERROR on every check. */
    static Map<Learner, Report> verify(Exercise exercise, List<Learner> learners, int parallel, TargetOptions options,
                                       PrintWriter out) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, learners.size())));
        try {
            Map<Learner, Future<Report>> running = new LinkedHashMap<>();
            for (Learner learner : learners) {
                running.put(learner, pool.submit(() -> verifyOne(exercise, learner, options)));
            }
            Map<Learner, Report> reports = new LinkedHashMap<>();
            for (var entry : running.entrySet()) {
                Report report;
                try {
                    report = entry.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    report = unreachable(exercise, entry.getKey(), e.getCause());
                }
                reports.put(entry.getKey(), report);
                out.printf(Locale.ROOT, "  %-16s %s%n", entry.getKey().name(), summary(report));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Report verifyOne(Exercise exercise, Learner learner, TargetOptions options) {
        // The identity block of each account goes into a buffer: the class summary is what an instructor reads.
        PrintWriter quiet = new PrintWriter(new StringWriter());
        try (Target target = target(learner, options, quiet)) {
            Report report = new Loop(target, quiet).verify(exercise, Map.of());
            return new Report(report.exercise(), learner.name(), report.outcomes());
        }
    }

    private static Target target(Learner learner, TargetOptions options, PrintWriter out) {
        if (learner.endpoint() != null) {
            return EndpointTarget.at(learner.endpoint(), null, options.emulatorRegion()).requireAws();
        }
        return learner.profile() != null
                ? AwsTarget.withProfile(learner.profile(), options.region, options.yes, out)
                : AwsTarget.assumingRole(learner.role(), options.region, options.yes, out);
    }

    private static Report unreachable(Exercise exercise, Learner learner, Throwable cause) {
        String why = cause instanceof Exception e ? Sentences.of(e) : "no details";
        List<Outcome> outcomes = new ArrayList<>();
        dev.dvalabs.verify.Names names = dev.dvalabs.verify.Names.declared(exercise.names());
        exercise.lab().verifier().checks().forEach(c -> outcomes.add(new Outcome(c.id(), names.fill(c.title()), c.teaches(), names.fill(c.hint()),
                CheckResult.error("could not verify " + learner.name() + ": " + why))));
        return new Report(exercise.id(), learner.name(), outcomes);
    }

    private static String summary(Report report) {
        return String.format(Locale.ROOT, "%d passed, %d failed, %d skipped, %d errors", report.count(dev.dvalabs.verify.Status.PASS),
                report.count(dev.dvalabs.verify.Status.FAIL), report.count(dev.dvalabs.verify.Status.SKIP),
                report.count(dev.dvalabs.verify.Status.ERROR));
    }
}
