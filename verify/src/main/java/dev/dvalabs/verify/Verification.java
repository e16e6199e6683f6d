package dev.dvalabs.verify;

import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a verifier's checks on a target and turns what they find into a report. */
public final class Verification {

    private Verification() {}

    /**
     * Observes through the session and judges every check; hints and titles name the resources in force.
     *
     * @param deviations the checks this target is known to get wrong, by check id
     */
    public static <O> Report run(Session session, Verifier<O> verifier, Map<String, Deviation> deviations) {
        O observed = verifier.observe(session);
        return judge(session.exercise(), verifier.checks(), observed, session.target().name(), deviations, session.names(),
                refuser(session.target()));
    }

    /**
     * Who answers a refused request, in a learner's words: the emulator by its name, "the endpoint" for an address
     * the toolkit was only told of, AWS for a real account.
     */
    public static String refuser(Target target) {
        return target.emulator().orElse(target.endpoint().isPresent() ? "the endpoint" : "AWS");
    }

    /** {@link #run(Session, Verifier, Map)} in a session of its own, opened and closed around it. */
    public static <O> Report run(String exercise, Verifier<O> verifier, Target target, Map<String, String> names,
                                 Map<String, Deviation> deviations) {
        try (Session session = Session.on(target, exercise, Names.declared(names)).open()) {
            return run(session, verifier, deviations);
        }
    }

    /** {@link #judge(String, List, Object, String, Map, Names)} with hints and titles as written. */
    public static <O> Report judge(String exercise, List<Check<O>> checks, O observed, String target,
                                   Map<String, Deviation> deviations) {
        return judge(exercise, checks, observed, target, deviations, Names.declared(Map.of()));
    }

    /**
     * Judges every check. A check that throws is ERROR and does not stop the others. A check that
     * does not pass on a target with a recorded deviation for it is SKIP with that deviation's reason,
     * but only when what it observed matches the deviation's signature: anything else is judged. A title,
     * hint, observation or expectation names a resource as {@code {key}}, shown as the name in force.
     */
    public static <O> Report judge(String exercise, List<Check<O>> checks, O observed, String target,
                                   Map<String, Deviation> deviations, Names names) {
        return judge(exercise, checks, observed, target, deviations, names, "AWS");
    }

    /**
     * {@link #judge(String, List, Object, String, Map, Names)} on a target whose refusals {@code refuser} answers
     * ({@link #refuser}): an observation says "ministack refused: ..." there, not "AWS refused: ...".
     */
    public static <O> Report judge(String exercise, List<Check<O>> checks, O observed, String target,
                                   Map<String, Deviation> deviations, Names names, String refuser) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Check<O> check : checks) {
            CheckResult result;
            try {
                result = check.judge(observed);
            } catch (RuntimeException e) {
                // One sentence for the learner: what went wrong, not which Java class said so.
                String why = e.getMessage() == null ? "no reason given" : e.getMessage().lines().findFirst().orElse("");
                result = CheckResult.error("the check could not judge what it saw: " + why);
            }
            if (!"AWS".equals(refuser)) {
                result = new CheckResult(result.status(), result.observed().replace(Fact.AWS_REFUSED, refuser + " refused: "),
                        result.expected());
            }
            // A check names a resource in what it observed as {key} too (its("name in {table}", ...)): the learner reads
            // the name in force. Filling a learner's own text that happens to spell a declared {key} is the price.
            result = new CheckResult(result.status(), names.fill(result.observed()), names.fill(result.expected()));
            Deviation deviation = deviations.get(check.id());
            if (deviation != null && result.status() != Status.PASS && deviation.explains(result.observed())) {
                result = CheckResult.skip("known deviation of " + target + ": " + deviation.reason()
                        + " (observed: " + result.observed() + ")");
            }
            outcomes.add(new Outcome(check.id(), names.fill(check.title()), check.teaches(), names.fill(check.hint()), result));
        }
        return new Report(exercise, target, List.copyOf(outcomes));
    }
}
