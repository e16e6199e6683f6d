package dev.dvalabs.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Turns an exercise's stack into a CloudFormation template, in-process through CDK: no CDK CLI needed. */
public final class Synthesizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Synthesizer() {}

    /**
     * The template of one exercise in one variant for the target, as JSON: the one the build synthesized into
     * the exercises' jar, or (when running from sources the build has not seen) synthesized now.
     */
    public static String template(Lab lab, Variant variant, Target target) {
        return template(lab, variant, kindOf(target));
    }

    public static String template(Lab lab, Variant variant, TargetKind kind) {
        return Templates.built(ExerciseStack.nameOf(lab.id(), variant), kind).orElseGet(() -> synthesize(lab, variant, kind));
    }

    /** Real AWS is the target without an endpoint of its own; every emulator has one. */
    public static TargetKind kindOf(Target target) {
        return target.endpoint().isEmpty() ? TargetKind.AWS : TargetKind.EMULATOR;
    }

    /** Synthesizes through CDK in this process; starts Node.js, so it takes seconds. */
    public static String synthesize(Lab lab, Variant variant, TargetKind kind) {
        Path outdir = null;
        try {
            outdir = Files.createTempDirectory("dva-labs-cdk-out");
            App app = new App(AppProps.builder().outdir(outdir.toString())
                    .context(Map.of(TargetKind.CONTEXT, kind.label())).build());
            ExerciseStack stack = lab.stack(app, variant);
            Object template = app.synth().getStackByName(stack.getStackName()).getTemplate();
            return JSON.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CDK produced a template Jackson cannot write", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Templates.deleteTree(outdir);
        }
    }
}
