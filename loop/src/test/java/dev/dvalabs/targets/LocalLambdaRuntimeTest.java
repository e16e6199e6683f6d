package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.PythonHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** A Python function on the embedded emulator can use boto3, as it can in AWS's runtime. */
@ExtendWith(LocalEmulatorExtension.class)
class LocalLambdaRuntimeTest {

    @Test
    void aPythonFunctionImportsBoto3(LocalEmulator emulator) {
        try (LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            lambda.createFunction(r -> r.functionName("runtime-boto3").runtime("python3.12")
                    .role("arn:aws:iam::000000000000:role/runtime").handler("index.handler")
                    .code(c -> c.zipFile(PythonHandlers.zip(
                            "import boto3\ndef handler(event, context):\n    return {'boto3': boto3.__version__}\n"))));
            try {
                InvokeResponse answer = lambda.invoke(r -> r.functionName("runtime-boto3").payload(SdkBytes.fromUtf8String("{}")));

                assertThat(answer.functionError()).as(answer.payload().asUtf8String()).isNull();
                assertThat(answer.payload().asUtf8String()).contains("\"boto3\"");
            } finally {
                lambda.deleteFunction(r -> r.functionName("runtime-boto3"));
            }
        }
    }
}
