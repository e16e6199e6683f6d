package dev.dvalabs.cdk;

import dev.dvalabs.lab.Lab;
import software.amazon.awscdk.App;

/**
 * The CDK app behind {@code cdk.json}: every exercise's stack in both variants, so that
 * {@code cdk synth DvaLabs-<Exercise>-Starter} and {@code cdk deploy ...} work for learners who
 * prefer the CDK CLI. The toolkit itself deploys the templates the build synthesized.
 */
public final class DvaLabsApp {

    private DvaLabsApp() {}

    public static void main(String[] args) {
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
