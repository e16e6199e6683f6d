package dev.dvalabs.exercises.snssqsfanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.ExerciseRuns;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.probe.Sqs;
import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** sns-sqs-fanout end to end on the local emulator: the solution passes, the starter fails what it should. */
@ExtendWith(LocalEmulatorExtension.class)
class SnsSqsFanoutTest {

    static final String ID = new SnsSqsFanout().id();

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).afterDestroy(SnsSqsFanoutTest::deleteQueuesAndTopics);

    private static void deleteQueuesAndTopics(LocalEmulator emulator) {
        try (SqsClient sqs = emulator.client(SqsClient.builder()); SnsClient sns = emulator.client(SnsClient.builder())) {
            sqs.listQueuesPaginator(r -> r.queueNamePrefix("dva-labs-")).queueUrls()
                    .forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
            sns.listTopicsPaginator().topics().stream().filter(t -> t.topicArn().contains(":dva-labs-"))
                    .forEach(t -> sns.deleteTopic(r -> r.topicArn(t.topicArn())));
        }
    }

    @Test
    @DisplayName("the starter's checklist says what it lacks: the default timeout, no size limit")
    void starterObservations(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("visibility-timeout").result().observed()).isEqualTo("VisibilityTimeout 30");
        assertThat(report.outcome("message-size").result().observed()).contains("queue, 256 KB + 1: accepted");
    }

    @Test
    @DisplayName("on moto, whose CloudFormation skips subscriptions and queue policies, the solution passes every check strictly and destroy leaves nothing")
    void solutionPassesOnMoto() {
        try (LocalEmulator moto = LocalEmulator.start(new LocalEmulator.Options().withEmulator(Emulator.MOTO))) {
            Loop loop = new Loop(moto, lab.out());
            loop.deploy(lab.exercise(), Variant.SOLUTION);
            Report report = lab.verify(ExerciseRuns.strict(moto));
            assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
            assertThat(loop.destroy(lab.exercise()).clean()).isTrue();
            Leftovers.assertNothingLeft(moto, ID);
            try (SnsClient sns = moto.client(SnsClient.builder())) {
                assertThat(sns.listSubscriptionsPaginator().subscriptions()).noneMatch(s -> s.topicArn().contains(":dva-labs-"));
            }
        }
    }

    /** What a learner might build by hand, each field one choice the instructions make. */
    static final class HandBuilt {
        boolean rawDelivery = true;
        boolean filtered = true;
        boolean policyOnlyForTopic = true;
        int maxReceiveCount = 3;
        int waitSeconds = 20;
    }

    static Stream<Arguments> handBuiltWithOneThingWrong() {
        return Stream.of(
                Arguments.of("raw-delivery", "shipping subscribed without raw delivery", (Consumer<HandBuilt>) h -> h.rawDelivery = false),
                Arguments.of("filter-policy", "shipping subscribed without a filter policy", (Consumer<HandBuilt>) h -> h.filtered = false),
                Arguments.of("queue-policy", "queues that let anyone send", (Consumer<HandBuilt>) h -> h.policyOnlyForTopic = false));
    }

    @Test
    @DisplayName("topics and queues built by hand with the AWS API pass every check under other names")
    void handBuiltPassesUnderItsOwnNames(LocalEmulator emulator) {
        Map<String, String> names = handBuild(emulator, "dva-labs-my", new HandBuilt());
        Report report = lab.verify(emulator, names);
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
    }

    @ParameterizedTest(name = "{1} fails {0} and nothing else")
    @MethodSource("handBuiltWithOneThingWrong")
    void handBuiltWithOneThingWrongFailsOneCheck(String check, String situation, Consumer<HandBuilt> change, LocalEmulator emulator) {
        HandBuilt built = new HandBuilt();
        change.accept(built);
        Report report = lab.verify(emulator, handBuild(emulator, "dva-labs-my", built));
        assertThat(report.ids(Status.FAIL)).containsExactly(check);
    }

    @Test
    @DisplayName("short polling and a maxReceiveCount other than 3 fail long polling and the dead-letter queue, as on AWS")
    void shortPollingAndHighReceiveCount(LocalEmulator emulator) {
        HandBuilt built = new HandBuilt();
        built.waitSeconds = 0;
        built.maxReceiveCount = 50;
        Report report = lab.verify(emulator, handBuild(emulator, "dva-labs-my", built));
        assertThat(report.ids(Status.FAIL)).containsExactlyInAnyOrder("long-polling", "long-poll-waits", "dead-letter-queue", "moved-to-dlq");
        assertThat(report.outcome("long-poll-waits").result().observed()).contains("without the delayed message");
    }

    @Test
    @DisplayName("missing topics and queues fail every check with what AWS said, and the verifier creates nothing")
    void missingResourcesFailEverything(LocalEmulator emulator) {
        Map<String, String> nowhere = lab.exercise().names().keySet().stream()
                .collect(Collectors.toMap(k -> k, k -> "dva-labs-nowhere-" + k.toLowerCase() + (k.startsWith("fifo") ? ".fifo" : "")));
        Report report = lab.verify(emulator, nowhere);
        assertThat(report.ids(Status.FAIL)).containsExactlyInAnyOrderElementsOf(
                new SnsSqsFanoutVerifier().checks().stream().map(Check::id).toList());
        assertThat(report.outcome("long-polling").result().observed()).contains("queue dva-labs-nowhere-billing: ");
        assertThat(report.outcome("queue-policy").result().observed()).contains("topic dva-labs-nowhere-topic: ");
        assertThat(report.outcome("fifo-order").result().observed()).contains("topic dva-labs-nowhere-fifotopic.fifo: ", "NotFound");
        Leftovers.assertNothingLeft(emulator, ID);
    }

    @Test
    @DisplayName("the verifier deletes every message it sent: the queues are empty afterwards")
    void verifierCleansUp(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        lab.verify(emulator);
        try (SqsClient sqs = emulator.client(SqsClient.builder())) {
            for (String queue : Set.of("dva-labs-billing", "dva-labs-billing-dlq", "dva-labs-shipping", "dva-labs-ledger.fifo")) {
                String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
                Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
                assertThat(counts.values()).as(queue).containsOnly("0");
            }
        }
    }

    @Test
    @DisplayName("four verifies with the learner's messages in billing (maxReceiveCount 3) receive none of them: each keeps"
            + " its receive count, none reaches the dead-letter queue, one that merely looks marked stays, and what needs billing"
            + " FAILs saying how to drain it while the queue's behaviour still passes on the verifier's own queues")
    void learnersMessagesKeepTheirReceiveCount(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        String looksMarked = RunMarker.PREFIX + "20240115 order 7, the learner's own";
        try (SqsClient sqs = emulator.client(SqsClient.builder())) {
            String billing = sqs.getQueueUrl(r -> r.queueName("dva-labs-billing")).queueUrl();
            String dlq = sqs.getQueueUrl(r -> r.queueName("dva-labs-billing-dlq")).queueUrl();
            for (int i = 1; i <= 5; i++) {
                String body = i == 1 ? looksMarked : "order " + i + ", the learner's own";
                sqs.sendMessage(r -> r.queueUrl(billing).messageBody(body));
            }

            Report report = null;
            for (int verify = 1; verify <= 4; verify++) {
                report = lab.verify(emulator);
            }

            for (String check : List.of("fanout", "filter-policy", "raw-delivery")) {
                assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
                assertThat(report.outcome(check).result().observed()).as(check)
                        .contains("queue dva-labs-billing holds 5 messages that are not the verifier's", "aws sqs purge-queue --queue-url " + billing);
            }
            assertThat(report.ids(Status.PASS)).contains("moved-to-dlq", "invisible-while-processing", "long-poll-waits", "message-size",
                    "fifo-order", "fifo-dedup", "queue-policy");
            var left = sqs.receiveMessage(r -> r.queueUrl(billing).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
            assertThat(left).hasSize(5).allSatisfy(m -> assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1"));
            assertThat(left).extracting(m -> m.body()).contains(looksMarked);
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
            assertThat(sqs.listQueues().queueUrls()).as("the verifier's own queues, deleted").noneMatch(u -> u.contains(RunMarker.PREFIX));
        }
    }

    @Test
    @DisplayName("what a killed verify journaled as sent to a queue is taken out by the next verify's undo, exactly its"
            + " messages, and only while the queue holds none of the learner's; a message that merely looks marked stays")
    void journaledMessagesAreTakenOutExactly(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        String killed = RunMarker.start().value();
        try (SqsClient sqs = emulator.client(SqsClient.builder());
             Session session = Sessions.open(emulator, ID, lab.exercise().names())) {
            String shipping = sqs.getQueueUrl(r -> r.queueName("dva-labs-shipping")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(shipping).messageBody(killed + "-shipped"));
            sqs.sendMessage(r -> r.queueUrl(shipping).messageBody(killed + "-placed"));
            Sqs.SentMessages sent = new Sqs.SentMessages(shipping, List.of(killed + "-shipped", killed + "-placed"), List.of());

            sent.undo(session);
            assertThat(sqs.receiveMessage(r -> r.queueUrl(shipping).waitTimeSeconds(1)).messages()).isEmpty();

            sqs.sendMessage(r -> r.queueUrl(shipping).messageBody(killed + "-shipped"));
            sqs.sendMessage(r -> r.queueUrl(shipping).messageBody(RunMarker.PREFIX + "20240115-placed, the learner's own"));
            sqs.sendMessage(r -> r.queueUrl(shipping).messageBody("order 9, the learner's own"));
            assertThatThrownBy(() -> sent.undo(session)).hasMessageContaining("dva-labs-shipping holds 1 message");
            var left = sqs.receiveMessage(r -> r.queueUrl(shipping).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
            assertThat(left).hasSize(3).allSatisfy(m -> assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1"));
        }
    }

    @Test
    @DisplayName("long-poll-waits passes on a correct queue while the learner's messages keep arriving in billing during verify")
    void longPollingWithLearnerTraffic(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        try (SqsClient sqs = emulator.client(SqsClient.builder())) {
            String billing = sqs.getQueueUrl(r -> r.queueName("dva-labs-billing")).queueUrl();
            for (int i = 0; i < 20; i++) {
                int n = i;
                sqs.sendMessage(r -> r.queueUrl(billing).messageBody("order " + n).delaySeconds(n % 4));
            }
            Report report = lab.verify(emulator);
            assertThat(report.outcome("long-poll-waits").status()).isEqualTo(Status.PASS);
            assertThat(report.outcome("invisible-while-processing").status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    @DisplayName("destroy sweeps a tagged queue and topic the stack did not delete, and leaves untagged ones alone")
    void teardownSweepsTaggedLeftovers(LocalEmulator emulator) {
        try (SqsClient sqs = emulator.client(SqsClient.builder()); SnsClient sns = emulator.client(SnsClient.builder())) {
            Map<String, String> tag = Map.of(ExerciseStack.TAG_EXERCISE, ID);
            String queueUrl = sqs.createQueue(r -> r.queueName("dva-labs-retained").tags(tag)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String topicArn = sns.createTopic(r -> r.name("dva-labs-retained")
                    .tags(t -> t.key(ExerciseStack.TAG_EXERCISE).value(ID))).topicArn();
            String untouched = sqs.createQueue(r -> r.queueName("hand-made-queue")).queueUrl();

            Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);

            assertThat(result.clean()).as(result.remaining().toString()).isTrue();
            assertThat(result.removed()).anyMatch(r -> r.startsWith(queueArn)).anyMatch(r -> r.startsWith(topicArn));
            Leftovers.assertNothingLeft(emulator, ID);
            assertThat(sqs.listQueues().queueUrls()).contains(untouched);
            sqs.deleteQueue(r -> r.queueUrl(untouched));
        }
    }

    /** The solution built with the AWS API, not the stack, under the given name prefix; returns the names to verify. */
    static Map<String, String> handBuild(Target target, String prefix, HandBuilt choices) {
        try (SqsClient sqs = target.client(SqsClient.builder()); SnsClient sns = target.client(SnsClient.builder())) {
            String topic = sns.createTopic(r -> r.name(prefix + "-events")).topicArn();
            String fifoTopic = sns.createTopic(r -> r.name(prefix + "-events.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
            String deadLetterArn = arn(sqs, sqs.createQueue(r -> r.queueName(prefix + "-dlq")).queueUrl());
            String billing = sqs.createQueue(r -> r.queueName(prefix + "-billing").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "5",
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, "86400",
                    QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, Integer.toString(choices.waitSeconds),
                    QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "262144",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                            + "\",\"maxReceiveCount\":" + choices.maxReceiveCount + "}"))).queueUrl();
            String shipping = sqs.createQueue(r -> r.queueName(prefix + "-shipping")).queueUrl();
            String ledger = sqs.createQueue(r -> r.queueName(prefix + "-ledger.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();

            subscribe(sqs, sns, topic, billing, choices, Map.of());
            subscribe(sqs, sns, topic, shipping, choices, choices.filtered
                    ? Map.of("RawMessageDelivery", Boolean.toString(choices.rawDelivery), "FilterPolicy", "{\"status\":[\"SHIPPED\"]}")
                    : Map.of("RawMessageDelivery", Boolean.toString(choices.rawDelivery)));
            subscribe(sqs, sns, fifoTopic, ledger, choices, Map.of());
        }
        return Map.of("topic", prefix + "-events", "billing", prefix + "-billing", "deadLetter", prefix + "-dlq",
                "shipping", prefix + "-shipping", "fifoTopic", prefix + "-events.fifo", "fifoQueue", prefix + "-ledger.fifo");
    }

    private static void subscribe(SqsClient sqs, SnsClient sns, String topicArn, String queueUrl, HandBuilt choices,
                                  Map<String, String> attributes) {
        String queueArn = arn(sqs, queueUrl);
        String condition = choices.policyOnlyForTopic
                ? ",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}" : "";
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\"" + condition + "}]}";
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(attributes));
    }

    private static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
