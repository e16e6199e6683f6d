package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.probe.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * What one verify saw of the table, kept between verifies whatever it showed: which table (its ARN and
 * creation time, so that a table deleted and made again under the name is another table), its billing
 * mode and throughput, and when. Once a table is on-demand, DescribeTable no longer says what throughput it
 * had: the sightings are then the only record of task 1.
 */
public record Sighting(String tableArn, Instant created, String billingMode, Long readCapacity, Long writeCapacity,
                       Instant seenAt) {

    public static Sighting of(Table table, Instant now) {
        return new Sighting(table.description().tableArn(), table.created(), table.billingMode().toString(),
                table.readCapacity(), table.writeCapacity(), now);
    }

    /** Whether this sighting is of that very table: the same ARN, created at the same time. */
    boolean of(Table table) {
        return Objects.equals(tableArn, table.description().tableArn()) && Objects.equals(created, table.created());
    }

    boolean provisioned() {
        return "PROVISIONED".equals(billingMode);
    }

    /** The throughput as the checks write it: "PROVISIONED 5 RCU / 5 WCU". */
    String throughput() {
        return DynamodbCapacityVerifier.provisioned(readCapacity, writeCapacity);
    }
}
