package dev.dvalabs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.cdk.Templates;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The training run of the class-data-sharing archive the {@code labs} launcher makes after each build (with
 * {@code -XX:ArchiveClassesAtExit}): it loads what a typical command loads, so that the next commands map those
 * classes from the archive instead of reading, parsing and verifying them again. It sends no request, starts no
 * process and writes nothing (the JVM writes the archive): the clients are built for a port nothing is asked to
 * listen on and closed unused, and {@link Warmup}'s requests end in its HTTP client, which refuses them all.
 */
public final class ClassDataTraining {

    /**
     * The clients every {@code labs run} and {@code labs destroy} builds (the stack, the account, the tagging index and
     * the sweepers that list what could be left over), and DynamoDB's, which most exercises use. Every archived class
     * costs resident memory in every command that maps the archive, loaded or not (JDK 17 maps it at a random address
     * and relocates all of it): with the clients of all eighteen services the toolkit knows, serverless-api's run went
     * from 235 MB to 258 MB, over the 256 MB it is held to.
     */
    private static final List<Function<Target, SdkAutoCloseable>> CLIENTS = List.of(
            t -> t.client(CloudFormationClient.builder()),
            t -> t.client(StsClient.builder()),
            t -> t.client(ResourceGroupsTaggingApiClient.builder()),
            t -> t.client(Ec2Client.builder()),
            t -> t.client(FirehoseClient.builder()),
            t -> t.client(IamClient.builder()),
            t -> t.client(KinesisClient.builder()),
            t -> t.client(DynamoDbClient.builder()));

    private ClassDataTraining() {}

    public static void main(String[] args) throws IOException {
        Exercise exercise = Catalog.load().all().get(0);
        Optional<String> template = Templates.built(ExerciseStack.nameOf(exercise.id(), Variant.SOLUTION), TargetKind.EMULATOR);
        if (template.isPresent()) {
            new ObjectMapper().readTree(template.get());
        }
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Labs.commandLine(nowhere, nowhere).parseArgs("run", exercise.id(), "--timings");
        Teardown.sweeper("dynamodb");
        // A target on this machine's discard port, which nothing in the training sends anything to.
        try (Target target = EndpointTarget.at("http://127.0.0.1:9", null, Region.US_EAST_1)) {
            for (Function<Target, SdkAutoCloseable> client : CLIENTS) {
                client.apply(target).close();
            }
            // The request pipeline of the calls every run makes first, through an HTTP client that refuses them.
            Warmup.load(target.endpoint().orElseThrow(), true);
        }
    }
}
