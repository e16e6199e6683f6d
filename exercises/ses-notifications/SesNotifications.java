package dev.dvalabs.exercises.sesnotifications;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
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
    public ExerciseStack stack(Construct scope, Variant variant) {
        return new SesNotificationsStack(scope, id(), variant);
    }

    @Override
    public Verifier<?> verifier() {
        return new SesNotificationsVerifier();
    }

    /** The solution's identity notifications, which CloudFormation cannot set. */
    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new NotifyFeedbackTopic());
    }
}
