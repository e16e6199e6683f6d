package dev.dvalabs.exercises.dynamodbcapacity.solution;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.exercises.dynamodbcapacity.CapacityProbe;
import dev.dvalabs.exercises.dynamodbcapacity.Sighting;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.probe.Table;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * The solution's task 2, done as the instructions ask: a stack update that keeps the template and sets
 * its parameter {@code BillingMode} to PAY_PER_REQUEST ({@code aws cloudformation update-stack
 * --use-previous-template}). The starter has no second step. A stack already on-demand is left as it is:
 * AWS limits how often a table may switch to on-demand. It works through a session of the exercise on the
 * target, for its clients, its clock and the sightings verifies keep: it remembers the table at 5 and 5
 * just before it switches it, as a verify after task 1 would.
 */
public final class SwitchToOnDemand implements AfterDeploy {

    static final String ON_DEMAND = "PAY_PER_REQUEST";

    private final String exerciseId;

    public SwitchToOnDemand(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        if (variant != Variant.SOLUTION) {
            return;
        }
        String table = outputs.get("TableName");
        try (Session session = Session.on(target, exerciseId, Names.declared(Map.of("table", String.valueOf(table)))).open()) {
            CloudFormationClient cloudFormation = session.client(CloudFormationClient.class);
            Stack stack = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
            boolean onDemand = stack.parameters().stream().anyMatch(p ->
                    p.parameterKey().equals(DynamodbCapacitySolution.BILLING_MODE_PARAMETER) && ON_DEMAND.equals(p.parameterValue()));
            if (onDemand) {
                return;
            }
            target.approveWrites("update stack " + stackName + " with " + DynamodbCapacitySolution.BILLING_MODE_PARAMETER
                    + "=" + ON_DEMAND + " (task 2: switch the table to on-demand)");
            out.println("Task 2: updating " + stackName + " with " + DynamodbCapacitySolution.BILLING_MODE_PARAMETER + "="
                    + ON_DEMAND + ", which switches the table from 5 RCU and 5 WCU to on-demand.");
            if (table != null) {
                Table before = Table.read(session.client(DynamoDbClient.class), table).value();
                CapacityProbe.sightings(session).add(Sighting.of(before, session.now()));
                waitOutCreationSecond(session, before);
            }
            cloudFormation.updateStack(r -> r.stackName(stackName).usePreviousTemplate(true)
                    .parameters(Parameter.builder().parameterKey(DynamodbCapacitySolution.BILLING_MODE_PARAMETER)
                            .parameterValue(ON_DEMAND).build()));
            try (CloudFormationWaiter waiter = CloudFormationWaiter.builder().client(cloudFormation)
                    .overrideConfiguration(w -> w.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(1)))
                            .waitTimeout(Duration.ofMinutes(10)))
                    .build()) {
                Stack updated = waiter.waitUntilStackUpdateComplete(r -> r.stackName(stackName)).matched().response()
                        .map(d -> d.stacks().get(0))
                        .orElseThrow(() -> new IllegalStateException("The update of " + stackName + " to on-demand failed."));
                if (updated.stackStatus() != StackStatus.UPDATE_COMPLETE) {
                    throw new IllegalStateException("The update of " + stackName + " to on-demand ended "
                            + updated.stackStatusAsString() + ": " + updated.stackStatusReason());
                }
            }
            requireOnDemand(session, stackName, table);
            out.println("The table is on-demand now.");
        }
    }

    /**
     * An update that completes without switching the table is an emulator's CloudFormation ignoring it
     * (moto's has no update for tables): said as the deploy's failure, not left for the checks to blame on
     * the learner.
     */
    private static void requireOnDemand(Session session, String stackName, String table) {
        BillingMode mode = Table.read(session.client(DynamoDbClient.class), table).value().billingMode();
        if (mode != BillingMode.PAY_PER_REQUEST) {
            throw new IllegalStateException(stackName + " is UPDATE_COMPLETE but " + table + " is still PROVISIONED: "
                    + session.target().describe() + " did not apply the stack update to " + ON_DEMAND + ".");
        }
    }

    /**
     * Lets the switch happen after the second the table was created in: an emulator's DescribeTable may
     * give both times in whole seconds (ministack's does), and a switch within the creation's second would
     * read as a table created on-demand. On AWS a stack update is seconds later anyway; the wait is at
     * most a second.
     */
    private static void waitOutCreationSecond(Session session, Table table) {
        Instant after = table.created() == null ? Instant.MIN : table.created().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        session.poll(Duration.ofSeconds(2), Duration.ofMillis(50))
                .until(() -> session.now().isAfter(after) ? Optional.of(true) : Optional.empty());
    }
}
