package dev.dvalabs.targets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The free emulators the toolkit installs from PyPI and runs on this machine, each pinned: how to
 * install it, start it on a port and ask it whether it is up.
 */
public enum Emulator {

    /**
     * The embedded default, {@code --target local}. It runs a Python Lambda in its own interpreter and
     * brings botocore only, so a handler's {@code import boto3} would fail where AWS's runtime has it:
     * boto3 is installed beside it, pinned to the release of the botocore ministack brings. Without Docker
     * its ElastiCache points every cache's endpoint at one Redis server it expects beside it
     * ({@code REDIS_HOST}:{@code REDIS_PORT}): fakeredis's RESP server runs in its process, on a port of its
     * own, and redis-py (which fakeredis needs) is a function's Redis client, as boto3 is its AWS one.
     */
    MINISTACK("local", "ministack", "1.5.33", "ministack", List.of("boto3==1.43.106", "botocore==1.43.106",
            "fakeredis==2.41.0", "redis==7.1.0", "sortedcontainers==2.4.0"),
            "/_ministack/health", "/_ministack/reset") {
        @Override
        List<String> command(Path venv, int port) {
            return List.of(venv.resolve("bin/python").toString(), "-c", WITH_A_REDIS_SERVER);
        }

        @Override
        Map<String, String> environment(int port, String region) {
            return Map.of("BIND_HOST", "127.0.0.1", "GATEWAY_PORT", Integer.toString(port),
                    "MINISTACK_REGION", region, "LOG_LEVEL", "WARNING");
        }
    },

    /** moto's server, {@code --target moto}. Only the extras the exercises use are installed. */
    MOTO("moto", "moto", "5.2.5",
            "moto[server,cloudformation,dynamodb,dynamodbstreams,sqs,sns,kms,iam,s3,resourcegroupstaggingapi]", List.of(),
            "/moto-api/", "/moto-api/reset") {
        @Override
        List<String> command(Path venv, int port) {
            return List.of(venv.resolve("bin/moto_server").toString(), "-H", "127.0.0.1", "-p", Integer.toString(port));
        }

        @Override
        Map<String, String> environment(int port, String region) {
            return Map.of();
        }
    };

    /** ministack's command with a RESP server beside it (ministack_with_redis.py says how). */
    private static final String WITH_A_REDIS_SERVER = resource("ministack_with_redis.py");

    private static String resource(String name) {
        try (java.io.InputStream in = Emulator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing beside " + Emulator.class.getName());
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final String target;
    private final String project;
    private final String version;
    private final String requirement;
    private final List<String> companions;
    private final String healthPath;

    private final String resetPath;

    Emulator(String target, String project, String version, String requirement, List<String> companions,
             String healthPath, String resetPath) {
        this.resetPath = resetPath;
        this.companions = companions;
        this.target = target;
        this.project = project;
        this.version = version;
        this.requirement = requirement;
        this.healthPath = healthPath;
    }

    abstract List<String> command(Path venv, int port);

    abstract Map<String, String> environment(int port, String region);

    /** The name after {@code --target}. */
    public String target() {
        return target;
    }

    /** The PyPI project, which is also the key of its known deviations. */
    public String project() {
        return project;
    }

    public String version() {
        return version;
    }

    /** What pip installs: the project, its extras, the pinned version, then the pinned packages that go with it. */
    String[] requirements() {
        return Stream.concat(Stream.of(requirement + "==" + version), companions.stream()).toArray(String[]::new);
    }

    /**
     * The version of the install as a whole, which names its virtualenv: the emulator's, with the packages
     * that go with it, so that an install made before one was added is not taken for one that has it.
     */
    String installVersion() {
        return Stream.concat(Stream.of(version), companions.stream().map(c -> c.replace("==", "-")))
                .collect(Collectors.joining("+"));
    }

    /** Where a POST empties the emulator of every resource, for tests that need a clean account. */
    String resetPath() {
        return resetPath;
    }

    String healthPath() {
        return healthPath;
    }
}
