package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** SQS queues, by {@code arn:aws:sqs:region:account:name}. */
public final class SqsSweeper implements Sweeper {

    @Override
    public String service() {
        return "sqs";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (SqsClient sqs = target.client(SqsClient.builder())) {
            String url = url(sqs, arn);
            return Optional.of(Map.copyOf(sqs.listQueueTags(r -> r.queueUrl(url)).tags()));
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (SqsClient sqs = target.client(SqsClient.builder())) {
            String url = url(sqs, arn);
            sqs.deleteQueue(r -> r.queueUrl(url));
            return Swept.deleted();
        } catch (QueueDoesNotExistException e) {
            return Swept.alreadyGone();
        }
    }

    private static String url(SqsClient sqs, String arn) {
        Arn queue = Arn.fromString(arn);
        return sqs.getQueueUrl(r -> r.queueName(queue.resourceAsString())
                .queueOwnerAWSAccountId(queue.accountId().orElse(null))).queueUrl();
    }
}
