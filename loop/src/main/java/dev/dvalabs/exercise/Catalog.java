package dev.dvalabs.exercise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Deviation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every exercise on the classpath: each registered {@link Lab}, joined with the files of its folder
 * ({@code exercises/<id>/}), which the build puts on the classpath under that same path.
 */
public final class Catalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Exercise> exercises;

    private Catalog(List<Exercise> exercises) {
        this.exercises = exercises;
    }

    public static Catalog load() {
        List<Lab> labs = Lab.all();
        for (int i = 1; i < labs.size(); i++) {
            if (labs.get(i).id().equals(labs.get(i - 1).id())) {
                throw new IllegalStateException(labs.get(i - 1).getClass().getName() + " and " + labs.get(i).getClass().getName()
                        + " both declare the exercise " + labs.get(i).id());
            }
        }
        return new Catalog(labs.stream().map(Catalog::read).toList());
    }

    /** What exercise.yaml says; the remaining files of the folder are read beside it. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Description(String id, String title, List<String> services, String notes, Exercise.Cost cost,
                       Map<String, String> names, Set<String> starterFails, Set<String> corpus) {}

    private static Exercise read(Lab lab) {
        String folder = "exercises/" + lab.id() + "/";
        String yaml = text(lab, folder + "exercise.yaml").orElseThrow(() -> new IllegalStateException(
                lab.getClass().getName() + " declares the exercise " + lab.id() + ", but there is no " + folder + "exercise.yaml"));
        try {
            Description d = YAML.readValue(yaml, Description.class);
            if (!lab.id().equals(d.id())) {
                throw new IllegalStateException(folder + "exercise.yaml says id " + d.id() + " where its Lab says " + lab.id());
            }
            String instructions = text(lab, folder + "instructions.md")
                    .orElseThrow(() -> new IllegalStateException(folder + " has no instructions.md"));
            Map<String, Map<String, Deviation>> deviations = text(lab, folder + "deviations.yaml")
                    .map(text -> deviations(folder, text)).orElse(Map.of());
            return new Exercise(lab, d.title(), List.copyOf(d.services()), d.notes(), d.cost(), Map.copyOf(d.names()),
                    d.starterFails() == null ? Set.of() : Set.copyOf(d.starterFails()), instructions, deviations,
                    text(lab, folder + "emulator-notes.md").orElse(""),
                    d.corpus() == null ? Set.of() : Set.copyOf(d.corpus()));
        } catch (IOException e) {
            throw new UncheckedIOException(folder + "exercise.yaml is unreadable: " + e.getMessage(), e);
        }
    }

    /** One entry of deviations.yaml: why, and the regular expression that what the check observes matches there. */
    record DeviationEntry(String reason, String signature) {}

    private static Map<String, Map<String, Deviation>> deviations(String folder, String yaml) {
        Map<String, Map<String, DeviationEntry>> read;
        try {
            // Jackson reads YAML mappings into LinkedHashMaps, so the file's order is kept.
            read = YAML.readValue(yaml, new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(folder + "deviations.yaml is unreadable: " + e.getMessage(), e);
        }
        Map<String, Map<String, Deviation>> all = new LinkedHashMap<>();
        if (read != null) {
            read.forEach((emulator, checks) -> {
                Map<String, Deviation> byCheck = new LinkedHashMap<>();
                checks.forEach((check, entry) -> {
                    if (entry == null || entry.signature() == null) {
                        throw new IllegalStateException(folder + "deviations.yaml: " + emulator + "/" + check
                                + " has no signature, so it could hide any observation");
                    }
                    byCheck.put(check, Deviation.of(entry.reason(), entry.signature()));
                });
                all.put(emulator, Collections.unmodifiableMap(byCheck));
            });
        }
        return Collections.unmodifiableMap(all);
    }

    private static Optional<String> text(Lab lab, String path) {
        try (InputStream in = lab.getClass().getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Exercise> all() {
        return exercises;
    }

    public Optional<Exercise> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return exercises.stream().map(Exercise::id).toList();
    }
}
