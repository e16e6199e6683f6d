package dev.dvalabs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.PythonVenv;
import java.io.ByteArrayInputStream;
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
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

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
                    Path venv = venv();
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

    /**
     * The virtualenv of the pinned botocore, installed into the cache on first use: a Python with the botocore a
     * Lambda runtime brings, to import what a function's zip carries ({@code bin/python}).
     */
    public static Path venv() {
        var options = new LocalEmulator.Options();
        return PythonVenv.install(options.cacheDir(), options.python(), "botocore", VERSION, "botocore==" + VERSION);
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

    /**
     * What does not fit the output shape of {@code operation} in an XML answer of a query-protocol service (or EC2's):
     * the root must be {@code <OperationResponse>} holding {@code <OperationResult>} where the model names that wrapper
     * (EC2 has none), every element must be a member of its shape (by name or locationName), and every value must read
     * as its type. Empty when it fits.
     */
    static List<String> xmlAnswerProblems(JsonNode model, String operation, byte[] answer) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return List.of(operation + " answer is not XML: " + e.getMessage());
        }
        JsonNode output = model.path("operations").path(operation).path("output");
        List<String> problems = new ArrayList<>();
        if (!(operation + "Response").equals(name(root))) {
            problems.add(operation + " answer's root is <" + name(root) + ">, not <" + operation + "Response>");
            return problems;
        }
        boolean ec2 = "ec2".equals(model.path("metadata").path("protocol").asText());
        String wrapper = output.path("resultWrapper").asText(null);
        Element result = root;
        if (wrapper != null) {
            result = children(root).stream().filter(e -> wrapper.equals(name(e))).findFirst().orElse(null);
            if (result == null) {
                problems.add(operation + " answer lacks <" + wrapper + ">");
                return problems;
            }
        }
        for (Element child : children(root)) {
            boolean metadata = name(child).equals("ResponseMetadata") || (ec2 && name(child).equals("requestId"));
            if (child != result && !metadata && (wrapper != null || !output.has("shape"))) {
                problems.add(operation + " answer has <" + name(child) + "> beside " + (wrapper == null ? "its members" : "<" + wrapper + ">"));
            }
        }
        if (output.has("shape")) {
            checkXml(model, output.path("shape").asText(), result, operation + " answer", ec2, problems);
        }
        return problems;
    }

    private static void checkXml(JsonNode model, String shapeName, Element element, String path, boolean ec2, List<String> problems) {
        JsonNode shape = model.path("shapes").path(shapeName);
        String type = shape.path("type").asText();
        List<Element> children = children(element);
        if (!type.equals("structure") && !type.equals("list") && !type.equals("map") && !children.isEmpty()) {
            problems.add(path + " must be a " + type + " (" + shapeName + "), not elements");
            return;
        }
        String text = element.getTextContent().strip();
        switch (type) {
            case "structure" -> {
                Map<String, Integer> seen = new java.util.HashMap<>();
                for (Element child : children) {
                    Map.Entry<String, JsonNode> member = memberOf(shape.path("members"), name(child));
                    if (member == null) {
                        if (!name(child).equals("ResponseMetadata") && !(ec2 && name(child).equals("requestId"))) {
                            problems.add(path + " has no member " + name(child) + " in " + shapeName);
                        }
                        continue;
                    }
                    String memberShape = member.getValue().path("shape").asText();
                    JsonNode target = model.path("shapes").path(memberShape);
                    int index = seen.merge(member.getKey(), 1, Integer::sum) - 1;
                    if (target.path("flattened").asBoolean(false) && target.path("type").asText().equals("list")) {
                        checkXml(model, target.path("member").path("shape").asText(), child, path + "." + member.getKey() + "[" + index + "]",
                                ec2, problems);
                    } else if (index > 0) {
                        problems.add(path + " has " + member.getKey() + " more than once");
                    } else {
                        checkXml(model, memberShape, child, path + "." + member.getKey(), ec2, problems);
                    }
                }
            }
            case "list" -> {
                String item = shape.path("member").path("locationName").asText(ec2 ? "item" : "member");
                int i = 0;
                for (Element child : children) {
                    if (!item.equals(name(child))) {
                        problems.add(path + " must be a list of <" + item + "> (" + shapeName + "), not <" + name(child) + ">");
                    } else {
                        checkXml(model, shape.path("member").path("shape").asText(), child, path + "[" + i++ + "]", ec2, problems);
                    }
                }
            }
            case "map" -> {
                String keyName = shape.path("key").path("locationName").asText("key");
                String valueName = shape.path("value").path("locationName").asText("value");
                for (Element entry : children) {
                    if (!"entry".equals(name(entry))) {
                        problems.add(path + " must be a map of <entry> (" + shapeName + "), not <" + name(entry) + ">");
                        continue;
                    }
                    for (Element part : children(entry)) {
                        if (name(part).equals(valueName)) {
                            checkXml(model, shape.path("value").path("shape").asText(), part,
                                    path + "[" + text(children(entry), keyName) + "]", ec2, problems);
                        } else if (!name(part).equals(keyName)) {
                            problems.add(path + " has <" + name(part) + "> in an entry, not <" + keyName + "> or <" + valueName + ">");
                        }
                    }
                }
            }
            case "integer", "long" -> {
                if (!text.matches("-?\\d+")) {
                    problems.add(path + " must be a whole number (" + shapeName + "), not '" + text + "'");
                }
            }
            case "double", "float" -> {
                try {
                    Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    problems.add(path + " must be a number (" + shapeName + "), not '" + text + "'");
                }
            }
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    problems.add(path + " must be true or false (" + shapeName + "), not '" + text + "'");
                }
            }
            case "timestamp" -> {
                try {
                    java.time.OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ISO_DATE_TIME);
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add(path + " must be an ISO 8601 timestamp (" + shapeName + "), not '" + text + "'");
                }
            }
            default -> { } // string, blob and anything newer: any text
        }
    }

    /** The member an element names, by its locationName or, failing that, its own name. */
    private static Map.Entry<String, JsonNode> memberOf(JsonNode members, String element) {
        for (Iterator<Map.Entry<String, JsonNode>> m = members.fields(); m.hasNext(); ) {
            Map.Entry<String, JsonNode> member = m.next();
            if (element.equals(member.getValue().path("locationName").asText(member.getKey()))) {
                return member;
            }
        }
        return null;
    }

    private static String text(List<Element> elements, String name) {
        return elements.stream().filter(e -> name.equals(name(e))).map(e -> e.getTextContent().strip()).findFirst().orElse("?");
    }

    private static String name(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static List<Element> children(Element element) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
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
