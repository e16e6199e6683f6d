package dev.dvalabs.targets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS CLI a learner types, pinned from PyPI and installed into the cache like the emulators, and the
 * settings that point it at a target. AWS CLI v1 reads the region from {@code AWS_DEFAULT_REGION} only (v2 reads
 * {@code AWS_REGION} too) and sends SQS to {@code queue.amazonaws.com} whatever {@code AWS_ENDPOINT_URL} says
 * (its customization {@code overridesslcommonname} sets SQS's endpoint itself), so on an emulator every command
 * gets {@code --endpoint-url} as well, which v1 and v2 honour for every service.
 */
public final class AwsCommandLine {

    public static final String VERSION = "1.46.3";

    private AwsCommandLine() {}

    /** The pinned CLI's {@code aws}, installed on first use. */
    public static Path install(LocalEmulator.Options options) {
        return PythonVenv.install(options.cacheDir(), options.python(), "awscli", VERSION, "awscli==" + VERSION)
                .resolve("bin").resolve("aws");
    }

    /**
     * The environment that points the CLI at {@code target}: region for v1 and v2, and on an emulator its endpoint
     * and test credentials, with the learner's profile set aside (its keys must not reach an emulator).
     */
    public static Map<String, String> environment(Target target) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_DEFAULT_REGION", target.region().id());
        env.put("AWS_REGION", target.region().id());
        target.endpoint().ifPresent(endpoint -> {
            env.put("AWS_ENDPOINT_URL", endpoint.toString());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
        });
        env.put("AWS_PAGER", "");
        return env;
    }

    /**
     * The variables {@link #environment} sets aside from the learner's shell on an emulator: the profile, and a
     * session token under either name botocore reads one from (AWS_SECURITY_TOKEN first), which it would send
     * along with the emulator's test keys.
     */
    public static List<String> unsetOnEmulator() {
        return List.of("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_DEFAULT_PROFILE");
    }

    /** {@code env}, a copy of the learner's environment, pointed at {@code target} for the CLI's process. */
    public static void pointAt(Target target, Map<String, String> env) {
        if (target.endpoint().isPresent()) {
            unsetOnEmulator().forEach(env::remove);
        }
        env.putAll(environment(target));
    }

    /** {@code aws <arguments>} against {@code target}: on an emulator with its endpoint named explicitly (see above). */
    public static List<String> command(Path aws, Target target, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(aws.toString());
        target.endpoint().ifPresent(endpoint -> {
            command.add("--endpoint-url");
            command.add(endpoint.toString());
        });
        command.addAll(arguments);
        return command;
    }
}
