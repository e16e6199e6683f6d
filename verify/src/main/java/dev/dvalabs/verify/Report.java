package dev.dvalabs.verify;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The checklist for one exercise on one target. */
public record Report(String exercise, String target, List<Outcome> outcomes) {

    /** True when no check failed or erred; skipped checks do not fail a verification. */
    public boolean passed() {
        return outcomes.stream().noneMatch(o -> o.status() == Status.FAIL || o.status() == Status.ERROR);
    }

    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** The ids of the checks with this status. */
    public Set<String> checks(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).map(Outcome::id).collect(Collectors.toSet());
    }

    public Outcome outcome(String checkId) {
        return outcomes.stream().filter(o -> o.id().equals(checkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + checkId + " in " + exercise));
    }
}
