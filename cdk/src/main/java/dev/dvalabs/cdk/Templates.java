package dev.dvalabs.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.io.file.PathUtils;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CloudFormation templates of every exercise, synthesized once per build into the jar of the exercises
 * module ({@code templates/<stack name>.template.json}), so that a command pays CDK's Node.js start-up only
 * when it runs from sources the build has not seen. The build runs the CDK app with {@code --templates}
 * after compiling, which calls {@link #write}.
 */
public final class Templates {

    private static final String FOLDER = "templates";

    private Templates() {}

    /** Writes the template of every stack {@code addStacks} adds into the folder given (the build's classes directory). */
    public static void write(Path classes, Consumer<App> addStacks) throws IOException {
        Path out = classes.resolve(FOLDER);
        Files.createDirectories(out);
        Path cdkOut = Files.createTempDirectory("dva-labs-cdk-out");
        try {
            App app = new App(AppProps.builder().outdir(cdkOut.toString()).build());
            addStacks.accept(app);
            for (var stack : app.synth().getStacks()) {
                Files.copy(Path.of(stack.getTemplateFullPath()), out.resolve(stack.getStackName() + ".template.json"),
                        StandardCopyOption.REPLACE_EXISTING);
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

    /** The template the build synthesized for this stack, if the build ran. */
    public static Optional<String> built(String stackName) {
        try (InputStream in = Templates.class.getResourceAsStream("/" + FOLDER + "/" + stackName + ".template.json")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
