package dev.dvalabs.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Locale;

/**
 * Where a command's time went, phase by phase from the JVM's own start, for {@code --timings} and the
 * benchmark under {@code bench/}. The first phase therefore includes the JVM's start-up.
 */
final class Timings {

    private final Instant start = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private Instant mark = start;

    void lap(String phase) {
        Instant now = Instant.now();
        phases.merge(phase, Duration.between(mark, now), Duration::plus);
        mark = now;
    }

    /** A span measured inside a phase (synthesis inside deploy), reported beside the phases. */
    void note(String what, Duration duration) {
        phases.put(what, duration);
    }

    /** A moment, as seconds since the JVM started (the first CloudFormation call). */
    void at(String what, Instant moment) {
        phases.put(what + " at", Duration.between(start, moment));
    }

    String line() {
        String spans = phases.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue().toMillis() / 1000.0))
                .collect(Collectors.joining(", "));
        return "timings: " + spans + String.format(Locale.ROOT, ", total %.2f s", Duration.between(start, Instant.now()).toMillis() / 1000.0)
                + peakMemory();
    }

    /** The JVM's peak resident memory as Linux counts it (VmHWM); elsewhere nothing. */
    private static String peakMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .findFirst().map(l -> ", peak JVM memory " + Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB")
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
