package dev.dvalabs.verify;

import java.util.List;

/**
 * Checks one exercise: records of what it observes and checks that judge them. It finds the learner's
 * resources by the names in force, so resources built by hand are checked exactly like deployed ones.
 *
 * @param <O> what it observes
 */
public interface Verifier<O> {

    /** The checks, in the order a learner reads them; a title or hint names a resource as {@code {key}}. */
    List<Check<O>> checks();

    /**
     * Looks at the learner's resources and exercises their behaviour through the session: its clients, its
     * names, its clock and waits, and its journaled writes, which the session undoes however verify ends.
     */
    O observe(Session session);
}
