package dev.dvalabs.lab;

import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * The CDK app behind {@code cdk.json}: every exercise's stack in both variants, so that
 * {@code cdk synth DvaLabs-<Exercise>-Starter} and {@code cdk deploy ...} work for learners who
 * prefer the CDK CLI ({@code -c dva-labs:target=aws} for the templates of a real account, see
 * {@link dev.dvalabs.cdk.TargetKind}). The toolkit itself deploys the templates the build synthesized: the
 * build runs it with {@code --templates <classes folder>}, and a module's tests with
 * {@code --templates <test classes folder> <id>...} for exercises of their own.
 */
public final class DvaLabsApp {

    private DvaLabsApp() {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("--templates")) {
            List<String> ids = List.of(args).subList(2, args.length);
            Templates.write(Path.of(args[1]), app -> addStacks(app, ids));
            return;
        }
        App app = new App();
        addEveryStack(app);
        app.synth();
    }

    /** Every registered exercise's stack, in both variants. */
    static void addEveryStack(App app) {
        addStacks(app, List.of());
    }

    /** The stacks, in both variants, of the registered exercises named, or of every one when none is named. */
    static void addStacks(App app, List<String> ids) {
        List<Lab> labs = Lab.all();
        List<String> registered = labs.stream().map(Lab::id).toList();
        for (String id : ids) {
            if (!registered.contains(id)) {
                throw new IllegalArgumentException("No registered exercise is named " + id + "; they are " + registered + ".");
            }
        }
        for (Lab lab : labs) {
            if (!ids.isEmpty() && !ids.contains(lab.id())) {
                continue;
            }
            for (Variant variant : Variant.values()) {
                lab.stack(app, variant);
            }
        }
    }
}
