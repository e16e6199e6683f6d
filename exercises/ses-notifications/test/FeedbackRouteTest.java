package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.probe.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The queue policy judged as IAM would, since no emulator here enforces it. */
class FeedbackRouteTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:dva-labs-ses-feedback";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:dva-labs-ses-feedback";

    private static String policy(String sourceArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + QUEUE + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                + sourceArn + "\"}}}]}";
    }

    @Test
    @DisplayName("a policy letting the topic send is right; none, or one for another topic, is not")
    void policyMustLetTheTopicSend() {
        assertThat(FeedbackRoute.policyProblems(policy(TOPIC), "q", QUEUE, TOPIC)).isEmpty();
        assertThat(FeedbackRoute.policyProblems("", "q", QUEUE, TOPIC)).containsExactly("queue q has no policy letting the topic send");
        assertThat(FeedbackRoute.policyProblems(policy(TOPIC + "-other"), "q", QUEUE, TOPIC)).singleElement()
                .asString().contains("does not let sns.amazonaws.com");
        assertThat(FeedbackRoute.policyProblems("{not json", "q", QUEUE, TOPIC)).singleElement().asString()
                .startsWith("queue q's policy: ");
    }
}
