package dev.dvalabs.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CloudFormation templates of every exercise, synthesized once per build into the cdk jar
 * ({@code templates/<stack name>.template.json}), so that a command pays CDK's Node.js start-up only
 * when it runs from sources the build has not seen. The build runs {@link #main} after compiling.
 */
public final class Templates {

    private static final String FOLDER = "templates";

    private Templates() {}

    /** Writes every stack's template into the folder given (the build's classes directory). */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path out = classes.resolve(FOLDER);
        Files.createDirectories(out);
        Path cdkOut = Files.createTempDirectory("dva-labs-cdk-out");
        App app = new App(AppProps.builder().outdir(cdkOut.toString()).build());
        for (Class<? extends ExerciseStack> stack : DvaLabsApp.stackClasses()) {
            for (Variant variant : Variant.values()) {
                DvaLabsApp.create(stack, app, variant);
            }
        }
        var assembly = app.synth();
        for (var stack : assembly.getStacks()) {
            Files.copy(Path.of(stack.getTemplateFullPath()), out.resolve(stack.getStackName() + ".template.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The template the build synthesized for this stack, if the build ran. */
    public static Optional<String> built(String stackName) {
        try (InputStream in = Templates.class.getResourceAsStream("/" + FOLDER + "/" + stackName + ".template.json")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
