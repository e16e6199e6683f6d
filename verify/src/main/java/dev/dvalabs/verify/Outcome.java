package dev.dvalabs.verify;

/** One check with what it found, as reporters show it. */
public record Outcome(String id, String title, String teaches, String hint, CheckResult result) {

    public Status status() {
        return result.status();
    }
}
