package dev.dvalabs.target;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;

/**
 * The known deviations of each target from AWS, kept as data in {@code deviations.yaml} so that the
 * compatibility table and the verifiers read the same list.
 */
public final class Deviations {

    private static final Map<String, Map<String, String>> ALL = load();

    private Deviations() {}

    /** The deviations recorded for one emulator, by {@code exercise/check} id. */
    public static Map<String, String> of(String emulator) {
        return ALL.getOrDefault(emulator, Map.of());
    }

    /** Every emulator's deviations, by emulator. */
    public static Map<String, Map<String, String>> all() {
        return ALL;
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = Deviations.class.getResourceAsStream("/deviations.yaml")) {
            if (in == null) {
                return Map.of();
            }
            // Jackson reads YAML mappings into LinkedHashMaps, so the file's order is kept.
            Map<String, Map<String, String>> read = new ObjectMapper(new YAMLFactory())
                    .readValue(in, new TypeReference<Map<String, Map<String, String>>>() {});
            return Collections.unmodifiableMap(read);
        } catch (IOException e) {
            throw new UncheckedIOException("deviations.yaml in the toolkit is unreadable", e);
        }
    }
}
