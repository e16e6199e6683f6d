package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Observing through a service a target may lack (CodeDeploy, CodePipeline, CodeBuild, CodeCommit, Elastic
 * Beanstalk on an emulator): unavailable where it is missing, or where it answers in a form the SDK cannot
 * read (moto 5.2.5 writes CodePipeline's timestamps as ISO text where AWS writes epoch seconds), which says
 * nothing of the learner's resources; else the value, or the refusal prefixed with what was asked about.
 */
public final class Service {

    private Service() {}

    public static <T> Fact<T> observe(String service, String where, String subject, Supplier<T> observation) {
        try {
            Fact<T> fact = Fact.observe(service, where, observation);
            return fact.refused() && !fact.unavailable() ? Fact.refused(subject + ": " + fact.refusal()) : fact;
        } catch (SdkClientException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Unable to unmarshall response")) {
                throw e;
            }
            return Fact.unavailable(service + " on " + where + " answers in a form the AWS SDK cannot read (" + e.getMessage() + ")");
        }
    }
}
