package dev.dvalabs.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.Target;
import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.testing.AwsStub.Answer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * destroy on AWS removes the DAX cluster its tags say is the exercise's and the groups its stack made, and nothing
 * else: judged through the loopback stub, whose requests and answers botocore's models check.
 */
class DaxSweeperTest {

    static final String EXERCISE = "dynamodb-caching";
    static final String DAX = "AmazonDAXV3.";
    static final String TAGGING = "ResourceGroupsTaggingAPI_20170126.GetResources";
    static final String OURS = "arn:aws:dax:us-east-1:123456789012:cache/dva-labs-products";
    static final String LEARNERS = "arn:aws:dax:us-east-1:123456789012:cache/my-products";
    static final String STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/DvaLabs-DynamodbCaching-Solution/1";
    static final ObjectMapper JSON = new ObjectMapper();

    AwsStub stub;
    Target target;
    final StringWriter out = new StringWriter();
    /** The body of every DAX delete request, in order: what the sweep asked DAX to remove. */
    final List<String> deletes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        stub = new AwsStub();
        target = EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1);
        stub.query.put("DescribeStacks", Answer.xml(400, """
                <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>
                <Code>ValidationError</Code><Message>Stack with id DvaLabs-DynamodbCaching-Solution does not exist</Message>
                </Error><RequestId>stub</RequestId></ErrorResponse>"""));
        // The tagging index names both clusters under the exercise's tag; only the cluster's own tags decide.
        stub.json.put(TAGGING, Answer.json("{\"ResourceTagMappingList\":[" + mapping(OURS) + "," + mapping(LEARNERS) + "]}"));
        stub.json.put(DAX + "ListTags " + OURS, Answer.json("{\"Tags\":[" + tag("dva-labs:exercise", EXERCISE) + ","
                + tag("dva-labs:variant", "solution") + "]}"));
        stub.json.put(DAX + "ListTags " + LEARNERS, Answer.json("{\"Tags\":[" + tag("team", "shop") + "]}"));
        clusterUses("dva-labs-products-params");
        stub.json.put(DAX + "DeleteCluster", Answer.json("{\"Cluster\":{\"ClusterName\":\"dva-labs-products\",\"Status\":\"deleting\"}}"));
        // DAX takes minutes; here the cluster is gone as soon as it is asked to go.
        stub.onCall.put(DAX + "DeleteCluster", () -> {
            deletes.add(stub.written.get(DAX + "DeleteCluster"));
            stub.json.put(DAX + "DescribeClusters", Answer.json(400, "{\"__type\":\"ClusterNotFoundFault\",\"message\":\"Cluster not found.\"}"));
        });
        stub.json.put(DAX + "DeleteSubnetGroup", Answer.json("{\"DeletionMessage\":\"deleted\"}"));
        stub.onCall.put(DAX + "DeleteSubnetGroup", () -> deletes.add(stub.written.get(DAX + "DeleteSubnetGroup")));
        stub.json.put(DAX + "DeleteParameterGroup", Answer.json("{\"DeletionMessage\":\"deleted\"}"));
        stub.onCall.put(DAX + "DeleteParameterGroup", () -> deletes.add(stub.written.get(DAX + "DeleteParameterGroup")));
        stub.query.put("ListStacks", Answer.xml("""
                <ListStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ListStacksResult><StackSummaries>
                <member><StackId>%s</StackId><StackName>DvaLabs-DynamodbCaching-Solution</StackName>
                <CreationTime>2026-12-06T05:00:00Z</CreationTime><StackStatus>DELETE_COMPLETE</StackStatus></member>
                <member><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/shop/2</StackId><StackName>shop</StackName>
                <CreationTime>2026-12-06T05:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus></member>
                </StackSummaries></ListStacksResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>
                </ListStacksResponse>""".formatted(STACK_ID)));
    }

    /** The exercise's cluster as DescribeClusters shows it: in its subnet group, with this parameter group. */
    void clusterUses(String parameterGroup) {
        stub.json.put(DAX + "DescribeClusters", Answer.json("""
                {"Clusters":[{"ClusterName":"dva-labs-products","ClusterArn":"%s","Status":"available",
                 "SubnetGroup":"dva-labs-products-subnets",
                 "ParameterGroup":{"ParameterGroupName":"%s","ParameterApplyStatus":"in-sync"}}]}""".formatted(OURS, parameterGroup)));
    }

    /** The exercise's stack, deleted with these DAX groups retained (their delete failed while the cluster still stood). */
    void stackMade(String... groups) {
        stackIn("DELETE_SKIPPED", groups);
    }

    /** The exercise's stack, deleted, with these DAX groups in that state as its record lists them. */
    void stackIn(String status, String... groups) {
        StringBuilder members = new StringBuilder();
        for (String group : groups) {
            String[] typeAndName = group.split(" ");
            members.append("<member><LogicalResourceId>Dax").append(typeAndName[0].substring("AWS::DAX::".length()))
                    .append("</LogicalResourceId><PhysicalResourceId>").append(typeAndName[1]).append("</PhysicalResourceId>")
                    .append("<ResourceType>").append(typeAndName[0]).append("</ResourceType>")
                    .append("<LastUpdatedTimestamp>2026-12-06T05:10:00Z</LastUpdatedTimestamp>")
                    .append("<ResourceStatus>").append(status).append("</ResourceStatus></member>");
        }
        stub.query.put("ListStackResources", Answer.xml("""
                <ListStackResourcesResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ListStackResourcesResult>
                <StackResourceSummaries>%s</StackResourceSummaries></ListStackResourcesResult>
                <ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></ListStackResourcesResponse>""".formatted(members)));
    }

    @AfterEach
    void stop() {
        stub.close();
        assertThat(stub.modelProblems).as("what botocore's models refused").isEmpty();
    }

    Teardown.Result destroy() {
        return new Teardown(target, new PrintWriter(out, true)).destroy(EXERCISE);
    }

    @Test
    @DisplayName("the exercise's tagged cluster goes, and after it the subnet and parameter groups its stack made; the learner's cluster stays")
    void sweepsTheExercisesClusterAndItsStacksGroups() throws IOException {
        stackMade("AWS::DAX::SubnetGroup dva-labs-products-subnets", "AWS::DAX::ParameterGroup dva-labs-products-params");
        Teardown.Result result = destroy();
        assertThat(deletes).hasSize(3);
        assertThat(JSON.readTree(deletes.get(0)).path("ClusterName").asText()).isEqualTo("dva-labs-products");
        assertThat(JSON.readTree(deletes.get(1)).path("SubnetGroupName").asText()).isEqualTo("dva-labs-products-subnets");
        assertThat(JSON.readTree(deletes.get(2)).path("ParameterGroupName").asText()).isEqualTo("dva-labs-products-params");
        assertThat(result.removed()).singleElement().asString().startsWith(OURS)
                .contains("with its subnet group dva-labs-products-subnets and parameter group dva-labs-products-params");
        assertThat(result.remaining()).isEmpty();
        assertThat(out.toString()).contains("Left " + LEARNERS + " as it is");
    }

    @Test
    @DisplayName("the services' own listings, asked at once, are each said once and in the same order when refused, and what the tagging index names is still found")
    void listingsAskedAtOnceAreSaidInOrder() {
        // The tagging index names both clusters; no service the sweepers list for themselves (EC2, IAM, Kinesis,
        // Firehose) is stubbed, so each of their listings is refused.
        Teardown teardown = new Teardown(target, new PrintWriter(out, true));
        assertThat(teardown.tagged()).containsExactly(java.util.Map.entry(EXERCISE, List.of(OURS)));
        List<String> refused = out.toString().lines().filter(l -> l.startsWith("Could not list ")).toList();
        assertThat(refused).hasSizeGreaterThan(1).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.naturalOrder());
        StringWriter again = new StringWriter();
        new Teardown(target, new PrintWriter(again, true)).tagged();
        assertThat(again.toString().lines().filter(l -> l.startsWith("Could not list ")).toList()).isEqualTo(refused);
    }

    @Test
    @DisplayName("groups the exercise's stack did not make (another cluster's, or made by hand) stay, and the note says so")
    void leavesGroupsTheStackDidNotMake() {
        stackMade("AWS::DAX::SubnetGroup dva-labs-products-subnets");
        clusterUses("shared-params");
        Teardown.Result result = destroy();
        assertThat(deletes).hasSize(2).noneMatch(body -> body.contains("shared-params"));
        assertThat(result.removed()).singleElement().asString()
                .contains("with its subnet group dva-labs-products-subnets")
                .contains("left parameter group shared-params, which DvaLabs-DynamodbCaching-Solution did not make");
    }

    @Test
    @DisplayName("destroy --dry-run names the groups destroy would delete with the cluster, and deletes nothing")
    void dryRunNamesTheGroups() {
        stackMade("AWS::DAX::SubnetGroup dva-labs-products-subnets", "AWS::DAX::ParameterGroup dva-labs-products-params");
        List<String> plan = new Teardown(target, new PrintWriter(out, true)).plan(EXERCISE);
        assertThat(plan).contains("Would delete " + OURS + " with its subnet group dva-labs-products-subnets and parameter group"
                + " dva-labs-products-params if the stack leaves it");
        // The tagging index names the learner's cluster too; its own tags do not, so destroy leaves it and the plan does not name it.
        assertThat(plan).noneMatch(line -> line.contains(LEARNERS));
        assertThat(deletes).isEmpty();
    }

    @Test
    @DisplayName("groups a deleted stack made and deleted are not those of the same names now (the learner's, made by hand since)")
    void groupsTheStackDeletedAreAnothersNow() {
        stackIn("DELETE_COMPLETE", "AWS::DAX::SubnetGroup dva-labs-products-subnets",
                "AWS::DAX::ParameterGroup dva-labs-products-params");
        Teardown.Result result = destroy();
        assertThat(deletes).singleElement().asString().contains("\"ClusterName\"");
        assertThat(result.removed()).singleElement().asString()
                .contains("left subnet group dva-labs-products-subnets and parameter group dva-labs-products-params");
    }

    @Test
    @DisplayName("a cluster tagged for the exercise but no variant (the by-hand script's) names no stack: its groups stay, said plainly")
    void aClusterOfNoStackLeavesItsGroups() {
        stackMade("AWS::DAX::SubnetGroup dva-labs-products-subnets", "AWS::DAX::ParameterGroup dva-labs-products-params");
        stub.json.put(DAX + "ListTags " + OURS, Answer.json("{\"Tags\":[" + tag("dva-labs:exercise", EXERCISE) + "]}"));
        Teardown.Result result = destroy();
        assertThat(deletes).singleElement().asString().contains("\"ClusterName\"");
        assertThat(result.removed()).singleElement().asString()
                .contains("left subnet group dva-labs-products-subnets and parameter group dva-labs-products-params, which no"
                        + " stack of the exercise made");
    }

    @Test
    @DisplayName("DAX's default parameter group is never deleted, even for the exercise's cluster")
    void neverTheDefaultGroup() {
        stackMade("AWS::DAX::SubnetGroup dva-labs-products-subnets");
        clusterUses("default.dax1.0");
        destroy();
        assertThat(deletes).hasSize(2).noneMatch(body -> body.contains("default.dax1.0"));
    }

    @Test
    @DisplayName("a cluster still deleting when patience ends leaves its groups, with the commands that remove them")
    void groupsWaitForTheCluster() {
        stackMade("AWS::DAX::SubnetGroup dva-labs-products-subnets", "AWS::DAX::ParameterGroup dva-labs-products-params");
        stub.onCall.put(DAX + "DeleteCluster", () -> deletes.add(stub.written.get(DAX + "DeleteCluster")));
        DaxSweeper impatient = new DaxSweeper(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(java.time.Duration.ofMillis(20)),
                java.time.Duration.ofMillis(200));
        Sweeper.Swept swept = impatient.delete(target, OURS);
        assertThat(deletes).hasSize(1);
        assertThat(swept.removed()).isTrue();
        assertThat(swept.note()).contains("still deleting", "aws dax delete-subnet-group --subnet-group-name dva-labs-products-subnets",
                "aws dax delete-parameter-group --parameter-group-name dva-labs-products-params");
    }

    static String mapping(String arn) {
        return "{\"ResourceARN\":\"" + arn + "\",\"Tags\":[" + tag("dva-labs:exercise", EXERCISE) + "]}";
    }

    static String tag(String key, String value) {
        return "{\"Key\":\"" + key + "\",\"Value\":\"" + value + "\"}";
    }
}
