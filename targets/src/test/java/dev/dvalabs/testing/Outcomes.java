package dev.dvalabs.testing;

import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A report as a test compares it: each check's status by id, and every outcome in a line for the failure message. */
public final class Outcomes {

    private Outcomes() {}

    public static Map<String, Status> byCheck(Report report) {
        Map<String, Status> statuses = new TreeMap<>();
        report.outcomes().forEach(o -> statuses.put(o.id(), o.status()));
        return statuses;
    }

    public static String described(Report report) {
        return report.outcomes().stream().map(Outcomes::line).collect(Collectors.joining("\n"));
    }

    private static String line(Outcome o) {
        return o.id() + " " + o.status() + ": " + o.result().observed()
                + (o.result().expected() == null || o.result().expected().isEmpty() ? "" : " (expected " + o.result().expected() + ")");
    }
}
