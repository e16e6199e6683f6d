package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * A DynamoDB table as DescribeTable shows it, read once, with the properties checks name: its keys and
 * indexes the way a learner writes them ("customerId HASH (S), orderDate RANGE (S)"), its stream, its
 * billing mode and throughput, and when it was created and last switched to on-demand.
 *
 * <pre>{@code
 * o.table().its("key schema", Table::keys).should(eq("customerId HASH (S), orderDate RANGE (S)"))
 * }</pre>
 */
public record Table(TableDescription description) {

    /** The table of that name, or what DynamoDB answered instead, prefixed "table NAME: ". */
    public static Fact<Table> read(DynamoDbClient dynamo, String name) {
        return Fact.about("table " + name, () -> new Table(dynamo.describeTable(r -> r.tableName(name)).table()));
    }

    /** The table's Time to Live, or what DynamoDB answered instead. */
    public static Fact<TimeToLiveDescription> timeToLive(DynamoDbClient dynamo, String name) {
        return Fact.about("table " + name, () -> dynamo.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription());
    }

    public String name() {
        return description.tableName();
    }

    public Arn arn() {
        return Arn.fromString(description.tableArn());
    }

    public Instant created() {
        return description.creationDateTime();
    }

    /** The primary key, each attribute with its type: "customerId HASH (S), orderDate RANGE (S)". */
    public String keys() {
        return DynamoDb.keySchema(description, description.keySchema());
    }

    public List<KeySchemaElement> keySchema() {
        return description.keySchema();
    }

    public String partitionKey() {
        return DynamoDb.hashKey(description.keySchema());
    }

    /** The sort key's name, null when the table has none. */
    public String sortKey() {
        return DynamoDb.rangeKey(description.keySchema());
    }

    /** The type (S, N or B) the table defines for an attribute, if it defines one. */
    public Optional<String> attributeType(String attribute) {
        return DynamoDb.attributeType(description, attribute);
    }

    /** A global secondary index's keys as {@link #keys()} writes them, or "missing (the table has [...])". */
    public String globalIndex(String index) {
        return DynamoDb.globalIndexKeys(description, index).orElse(absent(DynamoDb.globalIndexNames(description)));
    }

    /** A local secondary index's keys as {@link #keys()} writes them, or "missing (the table has [...])". */
    public String localIndex(String index) {
        return DynamoDb.localIndexKeys(description, index).orElse(absent(DynamoDb.localIndexNames(description)));
    }

    /** The partition key of a global secondary index, if the table has one of that name. */
    public Optional<String> globalIndexPartitionKey(String index) {
        return description.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(index)).findFirst()
                .map(i -> DynamoDb.hashKey(i.keySchema()));
    }

    private static String absent(List<String> present) {
        return present.isEmpty() ? "missing (the table has none)" : "missing (the table has " + present + ")";
    }

    /** The stream's view type as DynamoDB names it (NEW_AND_OLD_IMAGES, KEYS_ONLY, ...), or "off". */
    public String stream() {
        var stream = description.streamSpecification();
        return stream == null || !Boolean.TRUE.equals(stream.streamEnabled()) ? "off" : stream.streamViewTypeAsString();
    }

    /** The ARN of the table's current stream, null when it has none. */
    public String latestStreamArn() {
        return description.latestStreamArn();
    }

    /** PROVISIONED when DescribeTable has no billing-mode summary: AWS leaves it out of tables created provisioned. */
    public BillingMode billingMode() {
        BillingModeSummary summary = description.billingModeSummary();
        return summary == null || summary.billingMode() == null ? BillingMode.PROVISIONED : summary.billingMode();
    }

    /** The read capacity units, null when the table has no provisioned throughput. */
    public Long readCapacity() {
        return description.provisionedThroughput() == null ? null : description.provisionedThroughput().readCapacityUnits();
    }

    /** The write capacity units, null when the table has no provisioned throughput. */
    public Long writeCapacity() {
        return description.provisionedThroughput() == null ? null : description.provisionedThroughput().writeCapacityUnits();
    }

    /** When the table last switched to on-demand, null when it never did. */
    public Instant switchedToOnDemandAt() {
        BillingModeSummary summary = description.billingModeSummary();
        return summary == null ? null : summary.lastUpdateToPayPerRequestDateTime();
    }

    /**
     * Whether the table became on-demand after it was created: its last switch to PAY_PER_REQUEST is later
     * than its creation. A table created on-demand has none, or one at its creation.
     */
    public boolean switchedAfterCreation() {
        Instant last = switchedToOnDemandAt();
        return last != null && (created() == null || last.isAfter(created()));
    }
}
