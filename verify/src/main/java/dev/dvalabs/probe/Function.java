package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * A Lambda function as GetFunctionConfiguration shows it, read once (its timeout in seconds), and the scenario "invoke and read the
 * log lines": a synchronous invoke with the tail of its log (LogType Tail, the last 4 KB Lambda returns).
 */
public record Function(String name, String arn, int timeout, String runtime) {

    /** What a synchronous invoke answered: the function error (null when there was none), the payload and its log's tail. */
    public record Invoked(String functionError, String payload, List<String> logLines) {}

    /** The function of that name, or what Lambda answered instead, prefixed "function NAME: ". */
    public static Fact<Function> read(LambdaClient lambda, String name) {
        return Fact.about("function " + name, () -> {
            var c = lambda.getFunctionConfiguration(r -> r.functionName(name));
            return new Function(c.functionName(), c.functionArn(), c.timeout() == null ? 3 : c.timeout(), c.runtimeAsString());
        });
    }

    /** Invokes the function with {@code payload} and reads the tail of its log; Lambda's refusal is the fact. */
    public static Fact<Invoked> invoke(Session session, String name, String payload) {
        return Fact.about("function " + name, () -> {
            InvokeResponse response = session.client(LambdaClient.class).invoke(r -> r.functionName(name)
                    .logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
            String log = response.logResult() == null ? ""
                    : new String(Base64.getMimeDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
            return new Invoked(response.functionError(), response.payload() == null ? "" : response.payload().asUtf8String(),
                    log.lines().toList());
        });
    }
}
