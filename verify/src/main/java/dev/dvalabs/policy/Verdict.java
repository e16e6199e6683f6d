package dev.dvalabs.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the policies say about a request whose caller supplies condition keys this request cannot
 * know (a service assuming a role supplies the ARN of the resource it acts for): the decision when
 * those keys meet no condition, and each condition on them the answer depends on. With none, the
 * decision is final.
 */
public record Verdict(Decision decision, List<Unknown> unknowns) {

    public Verdict {
        unknowns = List.copyOf(unknowns);
    }

    /**
     * A condition on a key whose value is unknown here: {@code condition} reads "aws:SourceArn is
     * arn:...", {@code supplied} "which firehose.amazonaws.com supplies as ...". In a Deny statement,
     * the request is allowed unless it holds; in an Allow, only if it holds.
     */
    public record Unknown(String condition, String supplied, boolean inDeny) {
        @Override
        public String toString() {
            return (inDeny ? "unless " : "only if ") + condition + ", " + supplied + "; unknown here";
        }
    }

    /** Allowed, whatever the unknown keys hold. */
    public boolean allowed() {
        return unknowns.isEmpty() && decision.allowed();
    }

    /** Allowed for some values of the unknown keys and refused for others. */
    public boolean undecided() {
        return !unknowns.isEmpty();
    }

    /**
     * The verdict as a sentence about {@code who} doing {@code what}: "firehose.amazonaws.com may assume
     * ROLE", "... may not assume ROLE", or "... may assume ROLE only if aws:SourceArn is ..., which the
     * service supplies as ...; unknown here".
     */
    public String sentence(String who, String what) {
        if (undecided()) {
            return who + " may " + what + " " + unknowns.stream().map(Unknown::toString).collect(Collectors.joining(" and "));
        }
        return who + (decision.allowed() ? " may " : " may not ") + what
                + (decision == Decision.EXPLICIT_DENY ? " (a Deny statement applies)" : "");
    }
}
