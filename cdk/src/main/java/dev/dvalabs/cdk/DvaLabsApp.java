package dev.dvalabs.cdk;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import software.amazon.awscdk.App;
import software.constructs.Construct;

/**
 * The CDK app behind {@code cdk.json}: every exercise's stack in both variants, so that
 * {@code cdk synth DvaLabs-DynamodbGsiTtl-Starter} and {@code cdk deploy ...} work for learners who
 * prefer the CDK CLI. The toolkit itself synthesizes one stack at a time in-process.
 */
public final class DvaLabsApp {

    private DvaLabsApp() {}

    public static void main(String[] args) {
        App app = new App();
        for (Class<? extends ExerciseStack> stack : stackClasses()) {
            for (Variant variant : Variant.values()) {
                create(stack, app, variant);
            }
        }
        app.synth();
    }

    /** Every exercise stack class on the classpath. */
    public static List<Class<? extends ExerciseStack>> stackClasses() {
        try (ScanResult scan = new ClassGraph().acceptPackages(DvaLabsApp.class.getPackageName()).scan()) {
            return scan.getSubclasses(ExerciseStack.class).filter(c -> !c.isAbstract())
                    .loadClasses(ExerciseStack.class).stream()
                    .<Class<? extends ExerciseStack>>map(c -> c)
                    .toList();
        }
    }

    /** The stack class of one exercise, by the naming rule, or null when it has none. */
    public static Class<? extends ExerciseStack> stackClass(String exerciseId) {
        try {
            return Class.forName(DvaLabsApp.class.getPackageName() + "." + ExerciseStack.pascal(exerciseId) + "Stack")
                    .asSubclass(ExerciseStack.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    public static ExerciseStack create(Class<? extends ExerciseStack> stack, Construct scope, Variant variant) {
        try {
            return stack.getConstructor(Construct.class, Variant.class).newInstance(scope, variant);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(stack.getName() + " needs a public (Construct, Variant) constructor", e);
        }
    }
}
