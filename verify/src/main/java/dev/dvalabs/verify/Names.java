package dev.dvalabs.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of an exercise's resources in force for one command: those its {@code exercise.yaml} declares,
 * with the learner's {@code --name key=value} laid over them. A verifier asks for a name by its key, and a
 * hint or title names a resource as {@code {key}}, which the checklist shows as the name in force.
 */
public final class Names {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final Map<String, String> declared;
    private final Map<String, String> inForce;

    private Names(Map<String, String> declared, Map<String, String> inForce) {
        this.declared = Map.copyOf(declared);
        this.inForce = inForce;
    }

    /** The declared names with {@code overrides} laid over them; an override must name a declared key. */
    public static Names of(Map<String, String> declared, Map<String, String> overrides) {
        Map<String, String> inForce = new LinkedHashMap<>(declared);
        overrides.forEach((key, value) -> {
            if (!declared.containsKey(key)) {
                throw new IllegalArgumentException("no resource name '" + key + "' is declared; the names are " + declared.keySet());
            }
            inForce.put(key, value);
        });
        return new Names(declared, inForce);
    }

    /** The declared names, none overridden. */
    public static Names declared(Map<String, String> declared) {
        return of(declared, Map.of());
    }

    /** The name in force for {@code key}; a key the exercise does not declare is a mistake in the verifier. */
    public String get(String key) {
        String name = inForce.get(key);
        if (name == null) {
            throw new IllegalArgumentException("the exercise declares no resource name '" + key + "'; it declares " + inForce.keySet());
        }
        return name;
    }

    /** Whether the learner gave another name for {@code key}. */
    public boolean overridden(String key) {
        return !get(key).equals(declared.get(key));
    }

    /** Every name in force, by key, in the order exercise.yaml declares them. */
    public Map<String, String> asMap() {
        return Map.copyOf(inForce);
    }

    /** {@code text} with every {@code {key}} of a declared name replaced by the name in force; other braces stay. */
    public String fill(String text) {
        if (text == null || text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = inForce.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(name == null ? m.group() : name));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public String toString() {
        return inForce.toString();
    }
}
