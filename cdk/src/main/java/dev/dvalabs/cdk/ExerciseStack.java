package dev.dvalabs.cdk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The stack of one exercise in one variant: its name ({@code DvaLabs-<Exercise>-Starter}), its
 * description and the toolkit's tags on every resource. An exercise's {@link dev.dvalabs.lab.Lab}
 * creates it.
 */
public abstract class ExerciseStack extends Stack {

    public static final String TAG_EXERCISE = "dva-labs:exercise";
    public static final String TAG_VARIANT = "dva-labs:variant";
    public static final String TAG_RUN = "dva-labs:run";

    private final Variant variant;

    protected ExerciseStack(Construct scope, String exerciseId, Variant variant, String description) {
        super(scope, nameOf(exerciseId, variant), StackProps.builder()
                .description(description + " (dva-labs " + exerciseId + ", " + variant.label() + ")")
                // No bootstrap and no version-reporting resource: the templates deploy as they are on
                // emulators and sandbox accounts, with the CloudFormation API or the CDK CLI.
                .synthesizer(new BootstraplessSynthesizer())
                .analyticsReporting(false)
                .build());
        this.variant = variant;
        Tags.of(this).add(TAG_EXERCISE, exerciseId);
        Tags.of(this).add(TAG_VARIANT, variant.label());
    }

    protected Variant variant() {
        return variant;
    }

    protected boolean solution() {
        return variant == Variant.SOLUTION;
    }

    /** {@code orders-table}, starter: {@code DvaLabs-OrdersTable-Starter}. */
    public static String nameOf(String exerciseId, Variant variant) {
        return "DvaLabs-" + pascal(exerciseId) + "-" + variant.title();
    }

    /** {@code orders-table}: {@code OrdersTable}, the stem of the stack names. */
    public static String pascal(String exerciseId) {
        return Arrays.stream(exerciseId.split("-"))
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1))
                .collect(Collectors.joining());
    }
}
