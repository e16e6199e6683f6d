package dev.dvalabs.lab;

import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import java.io.IOException;
import java.nio.file.Path;
import software.amazon.awscdk.App;

/**
 * The CDK app behind {@code cdk.json}: every exercise's stack in both variants, so that
 * {@code cdk synth DvaLabs-<Exercise>-Starter} and {@code cdk deploy ...} work for learners who
 * prefer the CDK CLI ({@code -c dva-labs:target=aws} for the templates of a real account, see
 * {@link dev.dvalabs.cdk.TargetKind}). The toolkit itself deploys the templates the build synthesized: the
 * build runs it with {@code --templates <classes folder>}.
 */
public final class DvaLabsApp {

    private DvaLabsApp() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--templates")) {
            Templates.write(Path.of(args[1]), DvaLabsApp::addEveryStack);
            return;
        }
        App app = new App();
        addEveryStack(app);
        app.synth();
    }

    /** Every registered exercise's stack, in both variants. */
    static void addEveryStack(App app) {
        for (Lab lab : Lab.all()) {
            for (Variant variant : Variant.values()) {
                lab.stack(app, variant);
            }
        }
    }
}
