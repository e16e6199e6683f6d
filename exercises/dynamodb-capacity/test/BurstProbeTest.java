package dev.dvalabs.exercises.dynamodbcapacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.probe.Throttling;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * throttled-and-retried, which only real AWS can pass, proven against a loopback DynamoDB that throttles
 * as a 1-WCU table does: the verifier's own table is created tagged and removed, the burst meets the
 * throttle, and the SDK's retries complete every write. The learner's table is missing from the stub,
 * so the other checks fail there and say so.
 */
class BurstProbeTest {

    static final String ID = new DynamodbCapacity().id();

    private ThrottlingStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = new ThrottlingStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Report verify() {
        return Verification.run(ID, new DynamodbCapacityVerifier(), EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1),
                Map.of("table", "dva-labs-capacity"), Map.of());
    }

    @Test
    @DisplayName("a table that throttles after a burst, with every retried write getting through, passes the check")
    void throttledThenRetriedPasses() {
        stub.burst = 30;
        Report report = verify();
        assertThat(report.outcome("throttled-and-retried").status()).as(report.outcome("throttled-and-retried").result().observed())
                .isEqualTo(Status.PASS);
        assertThat(report.outcome("throttled-and-retried").result().observed())
                .contains("ProvisionedThroughputExceededException").contains("(after 30 writes)")
                .contains("completed 10 of 10");
        assertThat(report.outcome("write-units").status()).isEqualTo(Status.FAIL);
    }

    @Test
    @DisplayName("a 1-WCU table that never throttles fails the check with the signature recorded for the emulators")
    void neverThrottledFails() {
        Report report = verify();
        assertThat(report.outcome("throttled-and-retried").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("throttled-and-retried").result().observed())
                .containsPattern("never throttled in " + BurstProbe.MAX_BURST + " writes")
                .contains("attempts they took " + BurstProbe.RETRIED);
    }

    @Test
    @DisplayName("the burst's writes retry a dropped connection, a server error or an API rate limit, never the table's throttle")
    void burstRetriesFaultsOnly() {
        assertThat(Throttling.fault(ProvisionedThroughputExceededException.builder().statusCode(400).build())).isFalse();
        assertThat(Throttling.fault(SdkClientException.create("The target server failed to respond"))).isTrue();
        assertThat(Throttling.fault(DynamoDbException.builder().statusCode(500).build())).isTrue();
        assertThat(Throttling.fault(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build())).isTrue();
        assertThat(Throttling.fault(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build())).isFalse();
    }

    @Test
    @DisplayName("the verifier's own table is provisioned at 1 WCU, tagged with the exercise and its run, and removed after")
    void ownTableTaggedAndRemoved() {
        stub.burst = 5;
        verify();
        assertThat(stub.created).singleElement().satisfies(t -> assertThat(t).startsWith("dva-labs-verify-").endsWith("-burst"));
        var request = stub.createRequests.get(0);
        assertThat(request.path("ProvisionedThroughput").path("WriteCapacityUnits").asInt()).isEqualTo(1);
        assertThat(request.path("Tags").toString()).contains(ExerciseStack.TAG_EXERCISE).contains(ID)
                .contains(BurstProbe.TAG_VERIFY_RUN);
        assertThat(stub.tables).isEmpty();
    }
}
