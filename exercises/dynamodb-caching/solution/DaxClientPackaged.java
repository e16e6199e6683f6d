package dev.dvalabs.exercises.dynamodbcaching.solution;

import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Synthesizer;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.BundleZip;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.PythonVenv;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;

/**
 * Task 5's read through DAX, for the solution on AWS: the stack inlines products.py, and inline code cannot carry
 * the DAX client, so once the stack is up its own function gets a zip of products.py and the pinned
 * amazon-dax-client (with six and the ANTLR runtime it needs; Lambda's runtime brings botocore), as the
 * instructions have a learner package it. Only on AWS: the emulator has no DAX, and its template sets no
 * DAX_ENDPOINT. The function is the one the stack's output names, and only when the stack's own resources hold it.
 */
public final class DaxClientPackaged implements AfterDeploy {

    /** The DAX client's release; instructions.md and corpus/dax-on-aws.bash name the same. */
    static final String DAX_CLIENT = "2.1.0";
    /** What it needs beside botocore, each pinned (amazon-dax-client 2.1.0 asks for six~=1.11 and ANTLR 4.13.2 exactly). */
    static final List<String> COMPANIONS = List.of("six==1.17.0", "antlr4-python3-runtime==4.13.2");
    static final List<String> REQUIREMENTS = Stream.concat(Stream.of("amazon-dax-client==" + DAX_CLIENT), COMPANIONS.stream()).toList();
    /** The stack's output that names its function. */
    public static final String FUNCTION_OUTPUT = "FunctionName";
    static final String SOURCE = "solution/function/products.py";

    private final String exerciseId;

    public DaxClientPackaged(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        if (variant != Variant.SOLUTION || Synthesizer.kindOf(target) != TargetKind.AWS) {
            return;
        }
        try (Session session = Session.on(target, exerciseId, Names.declared(Map.of())).open()) {
            upload(session, stackName, outputs, out);
        }
    }

    /** Replaces the code of the stack's function with the solution's and the DAX client, and waits until it is in place. */
    public void upload(Session session, String stackName, Map<String, String> outputs, PrintWriter out) {
        String function = stacksOwn(session, stackName, outputs.get(FUNCTION_OUTPUT));
        LambdaClient lambda = session.client(LambdaClient.class);
        byte[] zip = bundle(exerciseId, lambda.getFunctionConfiguration(r -> r.functionName(function)).handler());
        session.target().approveWrites("replace the code of function " + function + " of stack " + stackName
                + " with " + SOURCE + " and the DAX client (task 5: read through DAX)");
        out.println("Task 5: uploading " + SOURCE + " with " + String.join(", ", REQUIREMENTS) + " to " + function + ".");
        lambda.updateFunctionCode(r -> r.functionName(function).zipFile(SdkBytes.fromByteArray(zip)));
        GetFunctionConfigurationResponse updated = session.poll(Duration.ofMinutes(3), Duration.ofSeconds(2)).last(
                () -> lambda.getFunctionConfiguration(r -> r.functionName(function)),
                c -> c.lastUpdateStatus() != LastUpdateStatus.IN_PROGRESS);
        if (updated.lastUpdateStatus() != LastUpdateStatus.SUCCESSFUL) {
            throw new IllegalStateException("The code update of " + function + " ended " + updated.lastUpdateStatusAsString()
                    + ": " + updated.lastUpdateStatusReason());
        }
        out.println(function + " reads through DAX now.");
    }

    /**
     * The function the stack's output names, when the stack's resources hold it: the toolkit replaces the code of
     * no function it did not make.
     */
    public static String stacksOwn(Session session, String stackName, String named) {
        List<String> functions = session.client(CloudFormationClient.class).listStackResourcesPaginator(r -> r.stackName(stackName))
                .stackResourceSummaries().stream().filter(s -> "AWS::Lambda::Function".equals(s.resourceType()))
                .map(StackResourceSummary::physicalResourceId).toList();
        if (named == null || !functions.contains(named)) {
            throw new IllegalStateException("Stack " + stackName + " has no function named by its output " + FUNCTION_OUTPUT
                    + " (" + named + "; its functions: " + functions + "): its code is left as deployed.");
        }
        return named;
    }

    /** The zip uploaded to a function whose handler is {@code handler}: the solution's source under the handler's module. */
    public static byte[] bundle(String exerciseId, String handler) {
        return zip(module(handler), BundleZip.file(exerciseId, SOURCE), packages());
    }

    /** The file the handler's module is read from: {@code index.py} for the stack's {@code index.handler}. */
    static String module(String handler) {
        int dot = handler == null ? -1 : handler.lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalStateException("The function's handler " + handler + " names no module.");
        }
        return handler.substring(0, dot).replace('.', '/') + ".py";
    }

    /** The pinned packages, installed into the cache from PyPI on first use like the toolkit's other Python tools. */
    static Path packages() {
        LocalEmulator.Options options = new LocalEmulator.Options();
        // The companions name the install too, so that one made before a pin changed is not taken for the new one.
        String version = Stream.concat(Stream.of(DAX_CLIENT), COMPANIONS.stream().map(c -> c.replace("==", "-")))
                .collect(Collectors.joining("+"));
        return PythonVenv.packages(options.cacheDir(), options.python(), "amazon-dax-client", version,
                REQUIREMENTS.toArray(String[]::new));
    }

    /**
     * The function's zip: its source as {@code module} at the root, the packages beside it (their compiled
     * caches and scripts left out, which Lambda would not use), in a fixed order.
     */
    static byte[] zip(String module, byte[] source, Path packages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(packages)) {
            zip.putNextEntry(new ZipEntry(module));
            zip.write(source);
            zip.closeEntry();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = packages.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("bin/") || name.contains("__pycache__/") || name.equals(module)) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
