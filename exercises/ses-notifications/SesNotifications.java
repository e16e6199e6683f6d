package dev.dvalabs.exercises.sesnotifications;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.sesnotifications.solution.NotifyFeedbackTopic;
import dev.dvalabs.exercises.sesnotifications.solution.SesNotificationsSolution;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import java.util.Optional;
import software.constructs.Construct;

/** SES email identities, sending and bounce notifications: the exercise's declaration. */
@AutoService(Lab.class)
public final class SesNotifications implements Lab {

    @Override
    public String id() {
        return "ses-notifications";
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new SesNotificationsStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new SesNotificationsSolution(scope, id());
    }

    @Override
    public Verifier<?> verifier() {
        return new SesNotificationsVerifier();
    }

    /** The identity proven made, then the solution's identity notifications, which CloudFormation cannot set. */
    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new IdentityMade().andThen(new NotifyFeedbackTopic()));
    }
}
