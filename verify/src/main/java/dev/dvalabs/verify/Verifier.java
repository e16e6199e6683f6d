package dev.dvalabs.verify;

import dev.dvalabs.targets.Target;
import java.util.List;
import java.util.Map;

/**
 * Checks one exercise. It finds the learner's resources by the names the instructions give (or the
 * ones given as overrides), so resources built by hand are checked exactly like deployed ones.
 * The class for exercise {@code dynamodb-gsi-ttl} is {@code dev.dvalabs.verify.DynamodbGsiTtlVerifier}.
 *
 * @param <O> what it observes
 */
public interface Verifier<O> {

    /** The checks, in the order a learner reads them. */
    List<Check<O>> checks();

    /**
     * Looks at the learner's resources and exercises their behaviour. Data it writes to do so it
     * removes again before returning.
     *
     * @param names resource names by key, the instructions' defaults overlaid with any overrides
     */
    O observe(Target target, Map<String, String> names);
}
