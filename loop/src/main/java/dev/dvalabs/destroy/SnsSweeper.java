package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;

/** SNS topics, by {@code arn:aws:sns:region:account:name}; deleting a topic removes its subscriptions too. */
public final class SnsSweeper implements Sweeper {

    @Override
    public String service() {
        return "sns";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (SnsClient sns = target.client(SnsClient.builder())) {
            sns.getTopicAttributes(r -> r.topicArn(arn));
            return Optional.of(sns.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
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
