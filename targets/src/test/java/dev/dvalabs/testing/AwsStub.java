package dev.dvalabs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A loopback stand-in for the AWS APIs a real-AWS-only exercise's verifier calls, answering in each
 * service's own protocol: JSON 1.1 by X-Amz-Target (CodeDeploy, CodePipeline, CodeCommit, CodeBuild, DAX, the
 * tagging API), query/XML by Action (STS, EC2, IAM, Elastic Beanstalk, CloudWatch, SNS, CloudFormation), REST/JSON by path (CodeStar
 * Notifications), REST/XML for S3, and plain HTTP for a page. Tests set the answers; what is not set answers
 * as a service that does not know the request.
 *
 * <p>The stub and the verifiers are written from the same reading of the docs, so AWS's own API definitions
 * ({@link BotocoreModels}) judge both: a JSON request the operation's model does not accept, and a query request
 * naming an Action or parameter its service lacks, are refused with 400 as AWS would; an answer a test set up
 * that does not fit the operation's output shape (JSON, or a query service's XML) is a 500. Each is kept in
 * {@link #modelProblems}, which the stubbed checks contract requires to be empty.
 */
public final class AwsStub implements AutoCloseable {

    public record Answer(int status, String contentType, byte[] body) {
        public static Answer json(String body) {
            return json(200, body);
        }

        public static Answer json(int status, String body) {
            return new Answer(status, "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer xml(String body) {
            return new Answer(200, "text/xml", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer xml(int status, String body) {
            return new Answer(status, "text/xml", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer restJson(int status, String body) {
            return new Answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Answer NOT_FOUND = new Answer(404, "text/plain", "not stubbed".getBytes(StandardCharsets.UTF_8));

    /** JSON answers by X-Amz-Target, or by "target id" where the request names a deployment, target or resource (ResourceName). */
    public final Map<String, Answer> json = new ConcurrentHashMap<>();
    /** Query-protocol answers by Action, or by "Action filtered" for a request with filters. */
    public final Map<String, Answer> query = new ConcurrentHashMap<>();
    /** S3 answers by "bucket?subresource" or "bucket/key". */
    public final Map<String, Answer> s3 = new ConcurrentHashMap<>();
    /** REST/JSON answers by "METHOD /path" (CodeStar Notifications' POST /listNotificationRules). */
    public final Map<String, Answer> rest = new ConcurrentHashMap<>();
    /** The request bodies of calls that write, by X-Amz-Target or Action, for tests that look at what was asked. */
    public final Map<String, String> written = new ConcurrentHashMap<>();
    /** What a call changes, by X-Amz-Target, Action or "METHOD /path": run before it is answered (a deploy that moves a version). */
    public final Map<String, Runnable> onCall = new ConcurrentHashMap<>();
    public volatile Answer page = NOT_FOUND;
    /** What botocore's models said of a request or a stubbed answer, in the order seen. */
    public final List<String> modelProblems = new CopyOnWriteArrayList<>();

    /** The query services by the API version their requests carry. */
    private static final Map<String, String> QUERY_SERVICES = Map.of("2010-12-01", "elasticbeanstalk", "2010-05-08", "iam",
            "2011-06-15", "sts", "2010-03-31", "sns", "2010-08-01", "cloudwatch", "2016-11-15", "ec2", "2010-05-15", "cloudformation");

    private final BotocoreModels models = BotocoreModels.installed();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    public AwsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            Answer answer = route(exchange, new String(request, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-request");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    /** Forgets every answer and every recorded request. */
    public void clear() {
        json.clear();
        query.clear();
        s3.clear();
        rest.clear();
        written.clear();
        onCall.clear();
        page = NOT_FOUND;
    }

    private Answer route(HttpExchange exchange, String body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
            String[] prefixAndOperation = target.split("\\.", 2);
            JsonNode model = models.byTargetPrefix(prefixAndOperation[0]).orElse(null);
            if (model != null) {
                List<String> problems = BotocoreModels.jsonRequestProblems(model, prefixAndOperation[1], request);
                if (!problems.isEmpty()) {
                    modelProblems.addAll(problems);
                    return Answer.json(400, JSON.createObjectNode().put("__type", "ValidationException")
                            .put("message", String.join("; ", problems)).toString());
                }
            }
            called(target, body);
            Answer answered = jsonAnswer(target, request);
            if (model != null && answered.status() == 200 && answered.body().length > 0) {
                List<String> problems = BotocoreModels.jsonAnswerProblems(model, prefixAndOperation[1], JSON.readTree(answered.body()));
                if (!problems.isEmpty()) {
                    modelProblems.addAll(problems);
                    return Answer.json(500, JSON.createObjectNode().put("__type", "StubAnswerDoesNotFitTheModel")
                            .put("message", String.join("; ", problems)).toString());
                }
            }
            return answered;
        }
        return nonJson(exchange, body);
    }

    /** The answer a test set for a JSON request, by target, or by "target id" where the request names one. */
    private Answer jsonAnswer(String target, JsonNode request) {
        for (String field : new String[] {"targetId", "deploymentId", "ResourceName"}) {
            Answer specific = json.get(target + " " + request.path(field).asText());
            if (request.has(field) && specific != null) {
                return specific;
            }
        }
        return json.getOrDefault(target, Answer.json(400,
                "{\"__type\":\"UnknownOperationException\",\"message\":\"not stubbed: " + target + "\"}"));
    }

    private Answer nonJson(HttpExchange exchange, String body) {
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if ("POST".equals(exchange.getRequestMethod()) && "/".equals(path)) {
            java.util.regex.Matcher action = java.util.regex.Pattern.compile("(?:^|&)Action=([^&]+)").matcher(body);
            if (!action.find()) {
                return NOT_FOUND;
            }
            JsonNode model = queryModel(body);
            List<String> problems = model == null ? List.of() : BotocoreModels.queryRequestProblems(model, action.group(1), parameters(body));
            if (!problems.isEmpty()) {
                modelProblems.addAll(problems);
                return queryError(400, "Sender", "ValidationError", problems);
            }
            called(action.group(1), body);
            // A lookup by filter (DescribeInstances by tag) may have an answer of its own.
            Answer filtered = body.contains("Filter.1.Name") ? query.get(action.group(1) + " filtered") : null;
            Answer answered = filtered != null ? filtered : query.getOrDefault(action.group(1), NOT_FOUND);
            if (model != null && answered.status() == 200 && answered.body().length > 0) {
                List<String> misfits = BotocoreModels.xmlAnswerProblems(model, action.group(1), answered.body());
                if (!misfits.isEmpty()) {
                    modelProblems.addAll(misfits);
                    return queryError(500, "Receiver", "StubAnswerDoesNotFitTheModel", misfits);
                }
            }
            return answered;
        }
        if ("/".equals(path)) {
            return page;
        }
        Answer restful = rest.get(exchange.getRequestMethod() + " " + path);
        if (restful != null) {
            called(exchange.getRequestMethod() + " " + path, body);
            return restful;
        }
        String resource = path.substring(1);
        if (rawQuery != null && rawQuery.contains("versioning")) {
            return s3.getOrDefault(resource.replaceAll("/$", "") + "?versioning", NOT_FOUND);
        }
        if (rawQuery != null && rawQuery.contains("list-type=2")) {
            return s3.getOrDefault(resource.replaceAll("/$", "") + "?list", NOT_FOUND);
        }
        return s3.getOrDefault(resource, NOT_FOUND);
    }

    /** The names of a query request's parameters, decoded. */
    private static List<String> parameters(String body) {
        List<String> parameters = new ArrayList<>();
        for (String pair : body.split("&")) {
            parameters.add(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The model of the query service the request's Version names; null for a version not known here. */
    private JsonNode queryModel(String body) {
        for (String pair : body.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue.length == 2 && URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8).equals("Version")) {
                String service = QUERY_SERVICES.get(URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
                return service == null ? null : models.service(service);
            }
        }
        return null;
    }

    private static Answer queryError(int status, String type, String code, List<String> problems) {
        String message = String.join("; ", problems).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return Answer.xml(status, "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error></ErrorResponse>");
    }

    /** STS answers GetCallerIdentity for this account. */
    public void account(String account) {
        query.put("GetCallerIdentity", Answer.xml("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult><Arn>arn:aws:iam::%s:user/learner</Arn>
                  <UserId>AIDASTUB</UserId><Account>%s</Account></GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>""".formatted(account, account)));
    }

    /** S3's ListObjectsV2 answer for a bucket holding these keys. */
    public static String listing(String bucket, String... keys) {
        return listing(bucket, java.time.Instant.parse("2026-01-01T00:00:00Z"), keys);
    }

    /** S3's ListObjectsV2 answer for a bucket holding these keys, each last modified at {@code modified}. */
    public static String listing(String bucket, java.time.Instant modified, String... keys) {
        StringBuilder contents = new StringBuilder();
        for (String key : keys) {
            contents.append("<Contents><Key>").append(key).append("</Key><LastModified>").append(modified).append("</LastModified>")
                    .append("<ETag>\"e\"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket + "</Name><Prefix></Prefix>"
                + "<KeyCount>" + keys.length + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                + contents + "</ListBucketResult>";
    }

    /** A folder zipped: its files at the zip's root when {@code sub} is empty, else under {@code sub/}. */
    public static byte[] zip(Path parent, String sub) {
        Path dir = sub.isEmpty() ? parent : parent.resolve(sub);
        Path base = sub.isEmpty() ? dir : parent;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(base.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void called(String key, String body) {
        written.put(key, body);
        Runnable change = onCall.get(key);
        if (change != null) {
            change.run();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
