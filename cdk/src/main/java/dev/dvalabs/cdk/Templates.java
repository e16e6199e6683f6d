package dev.dvalabs.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.io.file.PathUtils;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CloudFormation templates of every exercise, synthesized once per build into the jar of the exercises
 * module ({@code templates/<stack name>.template.json}), so that a command pays CDK's Node.js start-up only
 * when it runs from sources the build has not seen. The build runs the CDK app with {@code --templates}
 * after compiling, which calls {@link #write}. A stack whose AWS template differs from its emulator's (see
 * {@link TargetKind}) has the AWS one beside it, in {@code templates/aws/}.
 */
public final class Templates {

    private static final String FOLDER = "templates";

    private Templates() {}

    /**
     * Writes the template of every stack {@code addStacks} adds into the folder given (the build's classes
     * directory): the emulator's, and the AWS one where it is another.
     */
    public static void write(Path classes, Consumer<App> addStacks) throws IOException {
        Path out = classes.resolve(FOLDER);
        Path aws = out.resolve(TargetKind.AWS.label());
        deleteTree(aws);
        Files.createDirectories(aws);
        Path cdkOut = Files.createTempDirectory("dva-labs-cdk-out");
        try {
            for (TargetKind kind : TargetKind.values()) {
                Path outdir = Files.createDirectories(cdkOut.resolve(kind.label()));
                App app = new App(AppProps.builder().outdir(outdir.toString())
                        .context(Map.of(TargetKind.CONTEXT, kind.label())).build());
                addStacks.accept(app);
                for (var stack : app.synth().getStacks()) {
                    Path synthesized = Path.of(stack.getTemplateFullPath());
                    Path emulators = out.resolve(stack.getStackName() + ".template.json");
                    if (kind == TargetKind.EMULATOR) {
                        Files.copy(synthesized, emulators, StandardCopyOption.REPLACE_EXISTING);
                    } else if (Files.mismatch(synthesized, emulators) != -1) {
                        Files.copy(synthesized, aws.resolve(emulators.getFileName()));
                    }
                }
            }
        } finally {
            deleteTree(cdkOut);
        }
    }

    /** Removes a folder and everything in it; what cannot be removed is left to the system's temp cleaner. */
    public static void deleteTree(Path dir) {
        try {
            if (dir != null && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                PathUtils.deleteDirectory(dir);
            }
        } catch (IOException e) {
            // A temporary cdk.out left behind is harmless.
        }
    }

    /** The template the build synthesized for this stack and kind of target, if the build ran. */
    public static Optional<String> built(String stackName, TargetKind kind) {
        String file = stackName + ".template.json";
        return kind == TargetKind.AWS ? read(FOLDER + "/" + kind.label() + "/" + file).or(() -> read(FOLDER + "/" + file))
                : read(FOLDER + "/" + file);
    }

    private static Optional<String> read(String resource) {
        try (InputStream in = Templates.class.getResourceAsStream("/" + resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
