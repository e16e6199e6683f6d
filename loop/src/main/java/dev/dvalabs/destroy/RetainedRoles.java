package dev.dvalabs.destroy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IAM roles a toolkit stack named and its own tags give to an exercise (a RestApi's CloudWatch role, which CDK
 * retains when the stack goes): no tagging index lists roles, so {@code status} would not show them, yet they stay
 * in the account after the stack. {@code labs destroy <exercise>} removes each, by the same listing and tags.
 */
public final class RetainedRoles {

    /** A role, by ARN, and the exercise its own tags name. */
    public record Role(String arn, String exercise) {
        public String name() {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
    }

    private RetainedRoles() {}

    /** The toolkit-named roles on the target whose own tags say which exercise they are of, as destroy reads them. */
    public static List<Role> on(Target target) {
        IamSweeper iam = new IamSweeper();
        List<Role> roles = new ArrayList<>();
        for (String arn : iam.listed(target)) {
            String exercise = ResourceTags.read(target, iam, arn).orElse(Map.of()).get(ExerciseStack.TAG_EXERCISE);
            if (exercise != null) {
                roles.add(new Role(arn, exercise));
            }
        }
        return List.copyOf(roles);
    }
}
