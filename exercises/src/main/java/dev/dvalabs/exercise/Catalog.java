package dev.dvalabs.exercise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.Resource;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every exercise under {@code catalog/} on the classpath; an exercise is added by adding its folder. */
public final class Catalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Exercise> exercises;

    private Catalog(List<Exercise> exercises) {
        this.exercises = exercises;
    }

    public static Catalog load() {
        // Only this module's own jar or classes: scanning the whole classpath (CDK's jar is large)
        // would cost a learner's every command most of a second.
        try (ScanResult scan = new ClassGraph().overrideClasspath(ownCodeSource()).acceptPaths("catalog").scan()) {
            List<Exercise> found = scan.getResourcesWithLeafName("exercise.yaml").stream()
                    .map(resource -> read(resource, scan))
                    .sorted(Comparator.comparing(Exercise::id))
                    .toList();
            return new Catalog(found);
        }
    }

    static Object ownCodeSource() {
        return Catalog.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private static Exercise read(Resource yaml, ScanResult scan) {
        String folder = yaml.getPath().substring(0, yaml.getPath().lastIndexOf('/'));
        try {
            Exercise exercise = YAML.readValue(yaml.load(), Exercise.class);
            String id = folder.substring(folder.lastIndexOf('/') + 1);
            if (!id.equals(exercise.id())) {
                throw new IllegalStateException(yaml.getPath() + " says id " + exercise.id() + " in folder " + id);
            }
            String instructions = scan.getResourcesWithPath(folder + "/instructions.md").stream().findFirst()
                    .map(Catalog::text).orElseThrow(() -> new IllegalStateException(folder + " has no instructions.md"));
            return exercise.withInstructions(instructions);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + yaml.getPath(), e);
        }
    }

    private static String text(Resource resource) {
        try {
            return new String(resource.load(), StandardCharsets.UTF_8);
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
