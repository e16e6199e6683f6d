package dev.dvalabs.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The stack of one exercise in one variant: its name ({@code DvaLabs-<Exercise>-Starter}), its
 * description and the toolkit's tags on every resource. An exercise's {@code Lab} creates it. A stack is one
 * variant and offers no way to ask which: the starter and the solution are two classes in two files, so that
 * a learner editing the starter never reads the answer beside it.
 */
public abstract class ExerciseStack extends Stack {

    public static final String TAG_EXERCISE = "dva-labs:exercise";
    public static final String TAG_VARIANT = "dva-labs:variant";
    public static final String TAG_RUN = "dva-labs:run";

    private final String exerciseId;

    protected ExerciseStack(Construct scope, String exerciseId, Variant variant, String description) {
        super(scope, nameOf(exerciseId, variant), StackProps.builder()
                .description(description + " (dva-labs " + exerciseId + ", " + variant.label() + ")")
                // No bootstrap and no version-reporting resource: the templates deploy as they are on
                // emulators and sandbox accounts, with the CloudFormation API or the CDK CLI.
                .synthesizer(new BootstraplessSynthesizer())
                .analyticsReporting(false)
                .build());
        this.exerciseId = exerciseId;
        Tags.of(this).add(TAG_EXERCISE, exerciseId);
        Tags.of(this).add(TAG_VARIANT, variant.label());
    }

    /** Whether this template is for real AWS, where a part an emulator's CloudFormation refuses may be added. */
    protected boolean onAws() {
        return TargetKind.of(this) == TargetKind.AWS;
    }

    /**
     * The name exercise.yaml's {@code names:} gives the resource {@code key}: the one place a name is written,
     * which the verifier reads too (a deploy with {@code --name} passes another through the stack's parameter).
     */
    protected String name(String key) {
        Object name = declaredNames(exerciseId).get(key);
        if (name == null) {
            throw new IllegalArgumentException("exercises/" + exerciseId + "/exercise.yaml declares no name '" + key + "'");
        }
        return name.toString();
    }

    /**
     * A name exercise.yaml gives as {@code <prefix>-{account}-{region}} (a bucket's, unique across accounts), with
     * the account and region the template deploys into.
     */
    protected String globalName(String key) {
        String suffix = "-{account}-{region}";
        String name = name(key);
        if (!name.endsWith(suffix)) {
            throw new IllegalStateException("exercises/" + exerciseId + "/exercise.yaml's name '" + key + "' must end with " + suffix);
        }
        return Fn.join("-", java.util.List.of(name.substring(0, name.length() - suffix.length()), Aws.ACCOUNT_ID, Aws.REGION));
    }

    /**
     * A file of the exercise's folder as text, {@code path} relative to the folder (a function's source, a
     * buildspec), read from the classpath the build copies the folder to.
     */
    protected String file(String path) {
        String resource = "exercises/" + exerciseId + "/" + path;
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** exercise.yaml's {@code names:} of the exercise, read from the classpath (the build copies the folder there). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> declaredNames(String exerciseId) {
        try (InputStream in = open("exercises/" + exerciseId + "/exercise.yaml")) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Object names = yaml == null ? null : yaml.get("names");
            return names instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        // The loader the catalog reads exercise folders through (a test's compiled folder included), else ours.
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream found = context == null ? null : context.getResourceAsStream(resource);
        InputStream in = found != null ? found : ExerciseStack.class.getResourceAsStream("/" + resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        return in;
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
