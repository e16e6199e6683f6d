package dev.dvalabs.testing;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Session;
import java.util.Map;

/** Sessions for tests that call a verifier's observe themselves. */
public final class Sessions {

    private Sessions() {}

    /** A session on {@code target} for exercise {@code exercise} with these names in force; the caller closes it. */
    public static Session open(Target target, String exercise, Map<String, String> names) {
        return Session.on(target, exercise, Names.declared(names)).open();
    }
}
