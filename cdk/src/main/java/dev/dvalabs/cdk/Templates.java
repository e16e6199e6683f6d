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
import org.apache.commons.io.file.PathUtils;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CloudFormation templates of every exercise, synthesized once per build into the cdk jar
 * ({@code templates/<stack name>.template.json}) of the exercises module, so that a command pays CDK's Node.js start-up only
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
        try {
            App app = new App(AppProps.builder().outdir(cdkOut.toString()).build());
            DvaLabsApp.addEveryStack(app);
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
