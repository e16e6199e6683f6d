package dev.dvalabs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.PythonVenv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * AWS's own API definitions, botocore's service models (pinned to the botocore ministack brings), as an opinion
 * on the loopback stubs independent of the verifiers' reading of the docs: a request the model's operation does
 * not accept, or an answer a test set up that does not fit the operation's output shape, is named here.
 */
public final class BotocoreModels {

    /** The botocore release ministack's boto3 pins. */
    static final String VERSION = "1.43.106";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile BotocoreModels installed;

    private final Path data;
    private final Map<String, Optional<JsonNode>> byTargetPrefix = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> byService = new ConcurrentHashMap<>();

    private BotocoreModels(Path data) {
        this.data = data;
    }

    /** The models, from a virtualenv of the pinned botocore installed into the cache on first use. */
    public static BotocoreModels installed() {
        if (installed == null) {
            synchronized (BotocoreModels.class) {
                if (installed == null) {
                    var options = new LocalEmulator.Options();
                    Path venv = PythonVenv.install(options.cacheDir(), options.python(), "botocore", VERSION, "botocore==" + VERSION);
                    try (DirectoryStream<Path> libs = Files.newDirectoryStream(venv.resolve("lib"), "python*")) {
                        Iterator<Path> lib = libs.iterator();
                        installed = new BotocoreModels(lib.next().resolve("site-packages/botocore/data"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return installed;
    }

    /** The model of a JSON-protocol service by its X-Amz-Target prefix ("CodeDeploy_20141006"). */
    Optional<JsonNode> byTargetPrefix(String prefix) {
        return byTargetPrefix.computeIfAbsent(prefix, p -> {
            for (String service : List.of("codedeploy", "codepipeline", "codecommit", "codebuild", "dynamodb", "kinesis",
                    "firehose", "logs", "kms", "ecs", "events", "sts", "elasticbeanstalk", "iam", "sns", "cloudwatch", "ec2", "dax",
                    "resourcegroupstaggingapi")) {
                JsonNode model = service(service);
                if (p.equals(model.path("metadata").path("targetPrefix").asText())) {
                    return Optional.of(model);
                }
            }
            return Optional.empty();
        });
    }

    /** The model of a service by botocore's name for it ("elasticbeanstalk"). */
    JsonNode service(String name) {
        return byService.computeIfAbsent(name, n -> {
            Path dir = data.resolve(n);
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(dir)) {
                Path newest = null;
                for (Path v : versions) {
                    newest = newest == null || v.getFileName().toString().compareTo(newest.getFileName().toString()) > 0 ? v : newest;
                }
                try (InputStream in = new GZIPInputStream(Files.newInputStream(newest.resolve("service-2.json.gz")))) {
                    return JSON.readTree(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no botocore model of " + n + " in " + data, e);
            }
        });
    }

    /** What the model of {@code service} says is wrong with a JSON request to {@code operation}; empty when it accepts it. */
    static List<String> jsonRequestProblems(JsonNode model, String operation, JsonNode request) {
        JsonNode op = model.path("operations").path(operation);
        if (op.isMissingNode()) {
            return List.of("no operation " + operation);
        }
        List<String> problems = new ArrayList<>();
        if (op.path("input").has("shape")) {
            check(model, op.path("input").path("shape").asText(), request, operation, true, problems);
        }
        return problems;
    }

    /** What does not fit the output shape of {@code operation} in a JSON answer; empty when it fits. */
    static List<String> jsonAnswerProblems(JsonNode model, String operation, JsonNode answer) {
        JsonNode op = model.path("operations").path(operation);
        List<String> problems = new ArrayList<>();
        if (op.path("output").has("shape")) {
            check(model, op.path("output").path("shape").asText(), answer, operation + " answer", false, problems);
        }
        return problems;
    }

    /** What the model of a query-protocol service says is wrong: an Action it lacks, or a parameter no input member starts. */
    static List<String> queryRequestProblems(JsonNode model, String action, List<String> parameters) {
        JsonNode op = model.path("operations").path(action);
        if (op.isMissingNode()) {
            return List.of("no operation " + action);
        }
        JsonNode members = model.path("shapes").path(op.path("input").path("shape").asText()).path("members");
        List<String> problems = new ArrayList<>();
        for (String parameter : parameters) {
            String root = parameter.split("\\.", 2)[0];
            if (!root.equals("Action") && !root.equals("Version") && !members.has(root)
                    && !hasLocationName(members, root)) {
                problems.add(action + " has no parameter " + root);
            }
        }
        return problems;
    }

    private static boolean hasLocationName(JsonNode members, String name) {
        for (Iterator<JsonNode> m = members.elements(); m.hasNext(); ) {
            if (name.equals(m.next().path("locationName").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void check(JsonNode model, String shapeName, JsonNode value, String path, boolean input, List<String> problems) {
        JsonNode shape = model.path("shapes").path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + " must be an object (" + shapeName + ")");
                    return;
                }
                JsonNode members = shape.path("members");
                value.fieldNames().forEachRemaining(field -> {
                    if (!members.has(field)) {
                        problems.add(path + " has no member " + field + " in " + shapeName);
                    } else {
                        check(model, members.path(field).path("shape").asText(), value.get(field), path + "." + field, input, problems);
                    }
                });
                if (input) {
                    shape.path("required").forEach(r -> {
                        if (!value.has(r.asText())) {
                            problems.add(path + " lacks the required " + r.asText());
                        }
                    });
                }
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + " must be a list (" + shapeName + ")");
                    return;
                }
                int i = 0;
                for (JsonNode element : value) {
                    check(model, shape.path("member").path("shape").asText(), element, path + "[" + i++ + "]", input, problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(path + " must be a map (" + shapeName + ")");
                    return;
                }
                value.fields().forEachRemaining(e -> check(model, shape.path("value").path("shape").asText(), e.getValue(),
                        path + "[" + e.getKey() + "]", input, problems));
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + " must be a string (" + shapeName + ")");
                } else if (shape.has("enum") && input) {
                    boolean known = false;
                    for (JsonNode e : shape.path("enum")) {
                        known |= e.asText().equals(value.asText());
                    }
                    if (!known) {
                        problems.add(path + " is " + value.asText() + ", not one of " + shape.path("enum"));
                    }
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + " must be a whole number (" + shapeName + ")");
                }
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    problems.add(path + " must be a number (" + shapeName + ")");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + " must be true or false (" + shapeName + ")");
                }
            }
            case "timestamp" -> {
                if (!value.isNumber() && !value.isTextual()) {
                    problems.add(path + " must be a timestamp (" + shapeName + ")");
                }
            }
            default -> { } // blob and anything newer: no opinion
        }
    }
}
