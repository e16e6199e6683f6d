package dev.dvalabs.exercise;

import dev.dvalabs.cdk.DvaLabsApp;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.Map;

/**
 * One exercise of the catalog, as {@code exercises/catalog/<id>/exercise.yaml} describes it. Its id
 * joins the instructions beside that file, the stack in {@code cdk/}, the verifier in {@code verify/}
 * and its tests.
 */
public record Exercise(
        String id,
        String title,
        List<String> services,
        String notes,
        Cost cost,
        Map<String, String> names,
        String instructions) {

    /** What leaving the solution deployed costs on real AWS. */
    public record Cost(double hourlyUsd, boolean freeTier, String note) {

        public String describe() {
            // A cent's fraction still shows: a $1-a-month key is $0.0014 an hour, not $0.00.
            String hourly = hourlyUsd > 0 && hourlyUsd < 0.01 ? String.format("%.4f", hourlyUsd) : String.format("%.2f", hourlyUsd);
            return String.format("about $%s an hour on real AWS%s; %s", hourly,
                    freeTier ? ", covered by the free tier" : "", note);
        }
    }

    /** The exercise's stack class in {@code cdk/}, found by its name. */
    public Class<? extends ExerciseStack> stackClass() {
        Class<? extends ExerciseStack> stack = DvaLabsApp.stackClass(id);
        if (stack == null) {
            throw new IllegalStateException(id + " has no stack class " + ExerciseStack.pascal(id) + "Stack in cdk/");
        }
        return stack;
    }

    /** The exercise's verifier in {@code verify/}, found by its name. */
    public Verifier<?> verifier() {
        String name = Verifier.class.getPackageName() + "." + ExerciseStack.pascal(id) + "Verifier";
        try {
            return (Verifier<?>) Class.forName(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(id + " has no verifier " + name + " in verify/", e);
        }
    }

    public Exercise withInstructions(String text) {
        return new Exercise(id, title, services, notes, cost, names, text);
    }
}
