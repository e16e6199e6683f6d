package dev.dvalabs.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.DvaLabsApp;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Turns an exercise's stack into a CloudFormation template, in-process through CDK: no CDK CLI needed. */
public final class Synthesizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Synthesizer() {}

    /**
     * The template of one exercise in one variant, as JSON: the one the build synthesized into the
     * cdk jar, or (when running from sources the build has not seen) synthesized now.
     */
    public static String template(String exerciseId, Variant variant) {
        return Templates.built(ExerciseStack.nameOf(exerciseId, variant)).orElseGet(() -> synthesize(exerciseId, variant));
    }

    /** Synthesizes through CDK in this process; starts Node.js, so it takes seconds. */
    public static String synthesize(String exerciseId, Variant variant) {
        Class<? extends ExerciseStack> stackClass = DvaLabsApp.stackClass(exerciseId);
        if (stackClass == null) {
            throw new IllegalStateException("exercise " + exerciseId + " has no stack class "
                    + ExerciseStack.pascal(exerciseId) + "Stack in cdk/");
        }
        Path outdir = null;
        try {
            outdir = Files.createTempDirectory("dva-labs-cdk-out");
            App app = new App(AppProps.builder().outdir(outdir.toString()).build());
            ExerciseStack stack = DvaLabsApp.create(stackClass, app, variant);
            Object template = app.synth().getStackByName(stack.getStackName()).getTemplate();
            return JSON.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CDK produced a template Jackson cannot write", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(outdir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary cdk.out left behind is harmless; the system's temp cleaner takes it.
        }
    }
}
