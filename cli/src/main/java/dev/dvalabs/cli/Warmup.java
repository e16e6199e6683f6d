package dev.dvalabs.cli;

import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Loads, on a thread of its own while the local emulator starts, the classes every command on a target needs
 * first: the SDK's clients of the services the loop itself calls, their request pipeline and the HTTP client.
 * A command spends that start waiting, and the JVM would load the same classes right after it, one by one.
 * Nothing leaves the JVM: each client is built with an HTTP client that refuses every request.
 */
final class Warmup {

    private Warmup() {
    }

    /**
     * Starts loading what every command on a target calls (CloudFormation, STS), and with {@code destroys} what a
     * destroy lists through besides (the tagging index, IAM, EC2, Firehose, Kinesis, DynamoDB); a command never waits
     * for it, and it dies with the JVM. What the emulator's start leaves undone it goes on with while the command
     * waits for the deploy.
     */
    static void start(boolean destroys) {
        Thread thread = new Thread(() -> load(NOWHERE, destroys), "warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Where the clients are pointed, should a request ever get past the refusing HTTP client: the discard port. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    /**
     * Builds the clients, pointed at {@code endpoint} as an emulator's are ({@link Target#pointed}), and asks each one
     * thing, which none sends.
     */
    static void load(URI endpoint, boolean destroys) {
        try {
            Target target = EndpointTarget.at(endpoint.toString(), null, Region.US_EAST_1);
            // Built with the SDK's own HTTP client, which it makes without connecting anywhere, and sent nothing.
            target.pointed(StsClient.builder()).build().close();
            call(CloudFormationClient.builder(), target, c -> c.describeStacks(r -> r.stackName("warm-up")));
            call(StsClient.builder(), target, StsClient::getCallerIdentity);
            if (destroys) {
                call(ResourceGroupsTaggingApiClient.builder(), target, c -> c.getResources(r -> r.resourcesPerPage(1)));
                call(IamClient.builder(), target, c -> c.listRoles(r -> r.maxItems(1)));
                call(Ec2Client.builder(), target, c -> c.describeVpcs(r -> r.maxResults(5)));
                call(FirehoseClient.builder(), target, c -> c.listDeliveryStreams(r -> r.limit(1)));
                call(KinesisClient.builder(), target, c -> c.listStreams(r -> r.limit(1)));
                call(DynamoDbClient.builder(), target, c -> c.describeTable(r -> r.tableName("warm-up")));
            }
        } catch (RuntimeException | LinkageError e) {
            // Only time is at stake: the command loads what it needs itself.
        }
    }

    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends AutoCloseable> void call(
            B builder, Target target, Consumer<C> request) {
        try (C client = target.pointed(builder).httpClient(new Refusing())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                .build()) {
            request.accept(client);
        } catch (Exception e) {
            // The refusal below, as expected.
        }
    }

    /** An HTTP client that sends nothing: each request ends in an IOException before any connection. */
    private static final class Refusing implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    throw new IOException("warm-up: no request leaves the JVM");
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
