package dev.dvalabs.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM action names. IAM compares them without regard to case ({@code DynamoDB:putitem} is
 * {@code dynamodb:PutItem}), so every answer of the evaluator names an action by its canonical
 * spelling, and a check never compares two spellings of one action: the service prefix in lower
 * case, the name as AWS documents it (the catalogue in {@code actions.txt}), or in lower case when
 * the catalogue does not list the service or the action.
 */
public final class Actions {

    /** Service prefix to its action names, each under its lower-case form; a prefix starting with ~ gives spellings only. */
    private static final Map<String, Map<String, String>> CATALOGUE = load();

    private Actions() {}

    /** The one spelling of an action; a pattern ({@code dynamodb:Get*}) keeps its name as written. */
    public static String canonical(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return action.toLowerCase(Locale.ROOT);
        }
        String prefix = action.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = action.substring(colon + 1);
        if (name.contains("*") || name.contains("?")) {
            return prefix + ":" + name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String documented = CATALOGUE.getOrDefault(prefix, Map.of()).get(lower);
        return prefix + ":" + (documented != null ? documented : CATALOGUE.getOrDefault("~" + prefix, Map.of()).getOrDefault(lower, lower));
    }

    /** Whether two names are one action. */
    public static boolean same(String one, String other) {
        return canonical(one).equals(canonical(other));
    }

    /**
     * Every action of a service ({@code "dynamodb"}) the catalogue lists, canonical and sorted; empty for
     * a service it lacks or only spells (s3).
     */
    public static List<String> of(String service) {
        String prefix = service.toLowerCase(Locale.ROOT);
        return CATALOGUE.getOrDefault(prefix, Map.of()).values().stream().sorted().map(name -> prefix + ":" + name).toList();
    }

    private static Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> catalogue = new HashMap<>();
        try (InputStream in = Actions.class.getResourceAsStream("actions.txt")) {
            if (in == null) {
                throw new IllegalStateException("actions.txt is missing beside " + Actions.class.getName());
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> {
                        List<String> words = Arrays.asList(line.trim().split("\\s+"));
                        Map<String, String> names = new LinkedHashMap<>();
                        words.subList(1, words.size()).forEach(name -> names.put(name.toLowerCase(Locale.ROOT), name));
                        catalogue.put(words.get(0), Map.copyOf(names));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(catalogue);
    }
}
