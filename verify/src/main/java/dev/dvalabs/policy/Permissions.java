package dev.dvalabs.policy;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do on one resource: the actions allowed, each by its canonical name
 * ({@link Actions#canonical}), sorted. Comparing with these names is comparing actions, whatever
 * spelling a policy used.
 */
public record Permissions(String resource, List<String> actions) {

    public Permissions {
        actions = actions.stream().map(Actions::canonical).distinct().sorted().toList();
    }

    /** Whether the action, in any spelling, is allowed. */
    public boolean allows(String action) {
        return actions.contains(Actions.canonical(action));
    }

    /** The allowed actions that are not among {@code expected} (any spelling): what a least-privilege check refuses. */
    public List<String> except(Collection<String> expected) {
        Set<String> wanted = expected.stream().map(Actions::canonical).collect(Collectors.toSet());
        return actions.stream().filter(a -> !wanted.contains(a)).toList();
    }
}
