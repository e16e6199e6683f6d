package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
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
    public Swept delete(Target target, String arn) {
        Arn queue = Arn.fromString(arn);
        try (SqsClient sqs = target.client(SqsClient.builder())) {
            String url = sqs.getQueueUrl(r -> r.queueName(queue.resourceAsString())
                    .queueOwnerAWSAccountId(queue.accountId().orElse(null))).queueUrl();
            sqs.deleteQueue(r -> r.queueUrl(url));
            return Swept.deleted();
        } catch (QueueDoesNotExistException e) {
            return Swept.alreadyGone();
        }
    }
}
