package dev.dvalabs.verify;

/**
 * What one check found: its status, what was observed and what was expected. For SKIP and ERROR,
 * {@code observed} holds the reason.
 */
public record CheckResult(Status status, String observed, String expected) {

    public static CheckResult pass(String observed) {
        return new CheckResult(Status.PASS, observed, "");
    }

    public static CheckResult fail(String observed, String expected) {
        return new CheckResult(Status.FAIL, observed, expected);
    }

    public static CheckResult skip(String reason) {
        return new CheckResult(Status.SKIP, reason, "");
    }

    public static CheckResult error(String reason) {
        return new CheckResult(Status.ERROR, reason, "");
    }

    /** PASS when {@code ok}, else FAIL with the expectation. */
    public static CheckResult when(boolean ok, String observed, String expected) {
        return ok ? pass(observed) : fail(observed, expected);
    }

    /**
     * Several results as one: PASS when every one passes; otherwise FAIL (or ERROR, or SKIP, the worst
     * first) with each observation and each expectation joined by "; ", each said once: the properties of one
     * refused fact all observe the same refusal, which a learner should read once.
     */
    public static CheckResult all(CheckResult... results) {
        Status worst = Status.PASS;
        for (CheckResult r : results) {
            if (r.status() == Status.ERROR || (r.status() == Status.FAIL && worst != Status.ERROR)
                    || (r.status() == Status.SKIP && worst == Status.PASS)) {
                worst = r.status();
            }
        }
        String observed = java.util.Arrays.stream(results).map(CheckResult::observed).distinct()
                .collect(java.util.stream.Collectors.joining("; "));
        String expected = worst == Status.FAIL ? java.util.Arrays.stream(results)
                .map(r -> r.expected().isEmpty() ? r.observed() : r.expected()).distinct()
                .collect(java.util.stream.Collectors.joining("; ")) : "";
        return new CheckResult(worst, observed, expected);
    }
}
