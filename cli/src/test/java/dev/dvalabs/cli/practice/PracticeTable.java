package dev.dvalabs.cli.practice;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.constructs.Construct;

/**
 * A practice exercise that only the command line's tests see: one table, a sort key in the solution,
 * and a TTL check that neither variant meets and a recorded deviation turns into SKIP on ministack, so
 * that the command line's tests show every status without depending on what any real exercise checks.
 */
public final class PracticeTable implements Lab {

    public static final String ID = "practice-table";
    public static final String TABLE = "dva-labs-practice";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ExerciseStack starter(Construct scope) {
        return new Stack(scope, id(), Variant.STARTER);
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new Stack(scope, id(), Variant.SOLUTION);
    }

    @Override
    public Verifier<?> verifier() {
        return new Checks();
    }

    static final class Stack extends ExerciseStack {
        Stack(Construct scope, String exerciseId, Variant variant) {
            super(scope, exerciseId, variant, "A practice table for the command line's tests");
            TableProps.Builder props = TableProps.builder().tableName(TABLE)
                    .partitionKey(Attribute.builder().name("id").type(AttributeType.STRING).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST).removalPolicy(RemovalPolicy.DESTROY);
            if (variant == Variant.SOLUTION) {
                props.sortKey(Attribute.builder().name("at").type(AttributeType.STRING).build());
            }
            new Table(this, "Practice", props.build());
        }
    }

    record Observed(Fact<TableDescription> table, Fact<TimeToLiveDescription> ttl) {}

    static final class Checks implements Verifier<Observed> {
        @Override
        public List<Check<Observed>> checks() {
            return List.of(
                    new Check<>("composite-key", "The table has a partition and a sort key", "Composite Key",
                            "Recreate the table with id (S) as partition key and at (S) as sort key.",
                            o -> o.table().judge("id HASH, at RANGE", t -> {
                                String keys = t.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString())
                                        .collect(Collectors.joining(", "));
                                return CheckResult.when(keys.equals("id HASH, at RANGE"), keys, "id HASH, at RANGE");
                            })),
                    new Check<>("ttl-enabled", "TTL is enabled on expiresAt", "TTL",
                            "Turn on Time to Live for the attribute expiresAt.",
                            o -> o.ttl().judge("ENABLED on expiresAt", ttl -> CheckResult.when(
                                    "ENABLED".equals(ttl.timeToLiveStatusAsString()) && "expiresAt".equals(ttl.attributeName()),
                                    ttl.timeToLiveStatusAsString(), "ENABLED on expiresAt"))));
        }

        @Override
        public Observed observe(Session session) {
            Target target = session.target();
            Map<String, String> names = session.names().asMap();
            try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
                String table = names.get("table");
                return new Observed(Fact.observe(() -> dynamo.describeTable(r -> r.tableName(table)).table()),
                        Fact.observe(() -> dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription()));
            }
        }
    }
}
