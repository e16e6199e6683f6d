package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/** SNS topics, by {@code arn:aws:sns:region:account:name}; deleting a topic removes its subscriptions too. */
public final class SnsSweeper implements Sweeper {

    @Override
    public String service() {
        return "sns";
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (SnsClient sns = target.client(SnsClient.builder())) {
            // DeleteTopic succeeds on a topic that is gone as well; asking first tells the two apart.
            sns.getTopicAttributes(r -> r.topicArn(arn));
            sns.deleteTopic(r -> r.topicArn(arn));
            return Swept.deleted();
        } catch (NotFoundException e) {
            return Swept.alreadyGone();
        }
    }
}
