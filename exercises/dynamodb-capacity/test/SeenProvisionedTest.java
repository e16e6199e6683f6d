package dev.dvalabs.exercises.dynamodbcapacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The toolkit remembers a table it saw at 5 RCU and 5 WCU, and only that very table. */
class SeenProvisionedTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/dva-labs-capacity";
    private static final Instant CREATED = Instant.parse("2026-11-26T01:00:00Z");

    private static TableDescription provisioned(long units, Instant created) {
        return TableDescription.builder().tableArn(ARN).creationDateTime(created)
                .provisionedThroughput(p -> p.readCapacityUnits(units).writeCapacityUnits(units)).build();
    }

    @Test
    @DisplayName("a table seen at 5/5 is remembered; one at 1/1, or the same name made again, is not")
    void remembersOnlyWhatItSaw(@TempDir Path dir) {
        SeenProvisioned record = new SeenProvisioned(dir.resolve("state/seen"));
        record.recordIfFiveAndFive(provisioned(1, CREATED));
        assertThat(record.saw(provisioned(1, CREATED))).isFalse();

        record.recordIfFiveAndFive(provisioned(5, CREATED));
        assertThat(new SeenProvisioned(dir.resolve("state/seen")).saw(provisioned(5, CREATED))).isTrue();
        assertThat(record.saw(provisioned(5, CREATED.plusSeconds(90)))).as("recreated under the name").isFalse();
    }
}
