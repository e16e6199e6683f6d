package dev.dvalabs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.testing.AwsStub.Answer;
import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** A log group read once into typed fields, and its events read bounded: through the loopback stub, judged by botocore's models. */
class LogGroupTest {

    static final String LOGS = "Logs_20140328.";
    static final String GROUP = "/aws/lambda/dva-labs-orders-api";

    AwsStub stub;
    Session session;

    @BeforeEach
    void start() throws IOException {
        stub = new AwsStub();
        session = Sessions.open(EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), "test", Map.of());
    }

    @AfterEach
    void stop() {
        session.close();
        stub.close();
        assertThat(stub.modelProblems).as("what botocore's models refused").isEmpty();
    }

    @Test
    @DisplayName("the group of that exact name, not one it is a prefix of, with its retention; never-expiring reads as empty")
    void readsTheExactGroup() {
        stub.json.put(LOGS + "DescribeLogGroups", Answer.json("""
                {"logGroups":[{"logGroupName":"%s-old","arn":"arn:aws:logs:us-east-1:1:log-group:%s-old:*","storedBytes":5},
                 {"logGroupName":"%s","arn":"arn:aws:logs:us-east-1:1:log-group:%s:*","retentionInDays":7,"storedBytes":42}]}"""
                .formatted(GROUP, GROUP, GROUP, GROUP)));
        assertThat(LogGroup.read(session, GROUP).value())
                .isEqualTo(new LogGroup(GROUP, "arn:aws:logs:us-east-1:1:log-group:" + GROUP + ":*", Optional.of(7), 42));
        assertThat(LogGroup.read(session, GROUP + "-old").value().retentionDays()).isEmpty();
        assertThat(LogGroup.read(session, "/aws/lambda/other").refusal()).isEqualTo("log group /aws/lambda/other: no such log group");
    }

    @Test
    @DisplayName("events since a time, filtered by CloudWatch Logs, at most the limit, each message trimmed and capped")
    void eventsAreBounded() throws IOException {
        String huge = "x".repeat(LogGroup.MESSAGE_CAP + 500);
        stub.json.put(LOGS + "FilterLogEvents", Answer.json("""
                {"events":[{"timestamp":1000,"message":"START RequestId: a Version: $LATEST\\n"},
                 {"timestamp":2000,"message":"%s"},{"timestamp":3000,"message":"START RequestId: c"}]}""".formatted(huge)));
        var events = LogGroup.events(session, GROUP, Instant.ofEpochMilli(500), "START", 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new LogGroup.Event(Instant.ofEpochMilli(1000), "START RequestId: a Version: $LATEST"));
        assertThat(events.get(1).message()).hasSize(LogGroup.MESSAGE_CAP);
        var asked = new ObjectMapper().readTree(stub.written.get(LOGS + "FilterLogEvents"));
        assertThat(asked.path("startTime").asLong()).isEqualTo(500);
        assertThat(asked.path("filterPattern").asText()).isEqualTo("START");
    }

    @Test
    @DisplayName("a group not made yet (Lambda makes it on the first invoke) has no events")
    void noGroupNoEvents() {
        stub.json.put(LOGS + "FilterLogEvents", Answer.json(400,
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}"));
        assertThat(LogGroup.events(session, GROUP, Instant.EPOCH, "START", 10)).isEmpty();
    }
}
