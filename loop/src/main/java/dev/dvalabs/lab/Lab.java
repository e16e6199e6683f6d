package dev.dvalabs.lab;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.verify.Verifier;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import software.constructs.Construct;

/**
 * One exercise, declared once. The folder {@code exercises/<id>/} holds a class implementing this,
 * registered with {@code @AutoService(Lab.class)}; that registration is how the CDK app, the build's
 * synthesis, the catalog and the command line find the exercise, and the only place its id is written
 * in code. Its {@code exercise.yaml}, {@code instructions.md} and {@code deviations.yaml} sit beside it, with
 * the starter stack; the solution's stack and assets live apart in {@code exercises/<id>/solution/}.
 */
public interface Lab {

    /** The id a learner types, which is also the name of the exercise's folder. */
    String id();

    /** The stack a learner starts from and edits, added to {@code scope}. */
    ExerciseStack starter(Construct scope);

    /** The reference answer's stack, a class of its own in the folder's {@code solution/}, added to {@code scope}. */
    ExerciseStack solution(Construct scope);

    /** The exercise's stack in one variant, added to {@code scope}. */
    default ExerciseStack stack(Construct scope, Variant variant) {
        return variant == Variant.SOLUTION ? solution(scope) : starter(scope);
    }

    /** The checks, and how the verifier observes what they judge. */
    Verifier<?> verifier();

    /**
     * One sentence for a deploy that AWS refused for a reason the exercise knows of (a service closed to new
     * accounts), given what the failed deploy said; empty when the exercise has nothing to add.
     */
    default Optional<String> explainRefusal(String failure) {
        return Optional.empty();
    }

    /** A step the exercise needs once its stack is up, such as uploading a bundle; most have none. */
    default Optional<AfterDeploy> afterDeploy() {
        return Optional.empty();
    }

    /** Every exercise registered on the classpath, by id. */
    static List<Lab> all() {
        return ServiceLoader.load(Lab.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Lab::id)).toList();
    }
}
