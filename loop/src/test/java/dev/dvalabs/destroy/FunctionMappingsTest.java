package dev.dvalabs.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.PythonHandlers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A function the sweeper deletes takes the event source mappings that invoke it along, and only those. */
@ExtendWith(LocalEmulatorExtension.class)
class FunctionMappingsTest {

    @Test
    void deletingAFunctionDeletesTheMappingsThatInvokeItAndLeavesOthers(LocalEmulator emulator) {
        try (LambdaClient lambda = emulator.client(LambdaClient.builder());
             SqsClient sqs = emulator.client(SqsClient.builder())) {
            String swept = function(lambda, "mappings-swept", Map.of("dva-labs:exercise", "mappings"));
            String kept = function(lambda, "mappings-kept", Map.of());
            String queue = sqs.getQueueAttributes(r -> r.queueUrl(sqs.createQueue(q -> q.queueName("mappings-source")).queueUrl())
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            String sweptMapping = lambda.createEventSourceMapping(r -> r.functionName(swept).eventSourceArn(queue)).uuid();
            String keptMapping = lambda.createEventSourceMapping(r -> r.functionName(kept).eventSourceArn(queue)).uuid();

            Sweeper.Swept result = new LambdaSweeper().delete(emulator, swept);

            assertThat(result.removed()).isTrue();
            assertThat(result.note()).contains(sweptMapping);
            assertThat(lambda.listEventSourceMappings().eventSourceMappings()).extracting(m -> m.uuid())
                    .contains(keptMapping).doesNotContain(sweptMapping);
            assertThat(new LambdaSweeper().tags(emulator, swept)).isEmpty();
            new LambdaSweeper().delete(emulator, kept);
        }
    }

    private static String function(LambdaClient lambda, String name, Map<String, String> tags) {
        return lambda.createFunction(r -> r.functionName(name).runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/mappings").handler("index.handler")
                .code(c -> c.zipFile(PythonHandlers.zip(PythonHandlers.ECHO))).tags(tags)).functionArn();
    }
}
