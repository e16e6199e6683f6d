package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.targets.AwsTarget;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.FlociTarget;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.LocalStackTarget;
import dev.dvalabs.targets.ShownUrl;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** Where a command works: {@code --target} and what goes with it. */
public final class TargetOptions {

    /** The targets a learner can name. */
    public enum Kind { local, moto, localstack, floci, endpoint, aws }

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "local",
            description = "Where AWS is: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the embedded emulator ministack;"
                    + " moto is the other free emulator, installed the same way).")
    Kind kind = Kind.local;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the AWS CLI's chain for aws, us-east-1 for emulators).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "URL of an emulator already running, for --target endpoint (default: AWS_ENDPOINT_URL).")
    String endpoint;

    @Option(names = "--port", paramLabel = "PORT", description = "Port for the local emulator (default: a free one).")
    int port;

    @Option(names = "--keep", description = "Leave the local emulator running after the command.")
    boolean keep;

    @Option(names = {"-y", "--yes"}, description = "Write to a real AWS account without asking (for scripts).")
    boolean yes;

    @Option(names = "--force-account", paramLabel = "ACCOUNT_ID",
            description = "Write to this account even though its alias looks like production (it must still be on the sandbox allow-list).")
    String forceAccount;

    /** How a command uses the local emulator. */
    enum Local {
        /** Start one, or attach to the one a deploy kept; stop it at the end unless kept. */
        START,
        /** Attach to the kept one, or start one and keep it: what deploy does. */
        START_AND_KEEP,
        /** Only attach: there is nothing to look at in a fresh emulator. */
        ATTACH
    }

    LocalEmulator.Options localOptions() {
        LocalEmulator.Options options = new LocalEmulator.Options().withPort(port)
                .withEmulator(kind == Kind.moto ? Emulator.MOTO : Emulator.MINISTACK);
        return region == null || region.isBlank() ? options : options.withRegion(emulatorRegion());
    }

    /** Options that contradict each other or a value out of range: refused before anything is opened. */
    void validate() {
        if (port != 0 && kind != Kind.local && kind != Kind.moto) {
            throw new BadInputException("--port is for --target local or moto only.");
        }
        if (endpoint != null && kind != Kind.endpoint) {
            throw new BadInputException("--endpoint goes with --target endpoint.");
        }
        localOptions(); // a port out of range, or a region that is none
    }

    /** The target, or empty when the local emulator is asked to attach and none runs. */
    Optional<Target> open(Local local, PrintWriter out) {
        validate();
        return switch (kind) {
            case local, moto -> LocalEmulator.attachOrStart(localOptions(), local != Local.ATTACH).map(e -> {
                if (local == Local.START_AND_KEEP && e.attachedToTemporary()) {
                    // Its starter would stop it when it ends; this command keeps what it deploys, and says where.
                    e.keep().forEach(out::println);
                }
                return (Target) e;
            });
            case localstack -> Optional.of(LocalStackTarget.start());
            case floci -> Optional.of(FlociTarget.start());
            case endpoint -> Optional.of(EndpointTarget.at(endpoint, System.getenv("AWS_ENDPOINT_URL"), emulatorRegion())
                    .requireAws());
            case aws -> Optional.of(AwsTarget.connect(region, yes, forceAccount, out,
                    System.console() == null ? null : System.console()::readLine));
        };
    }

    /**
     * Every target to look at, for status and destroy: on the local targets every emulator running for
     * this machine's state, recorded or found by its marker; elsewhere the one target.
     */
    List<Target> openAll(PrintWriter out) {
        validate();
        if (kind == Kind.local || kind == Kind.moto) {
            return List.copyOf(LocalEmulator.findAll(localOptions()));
        }
        return open(Local.ATTACH, out).map(List::of).orElse(List.of());
    }

    /** Which target the command works on, before it is opened: the key of the per-exercise lock. */
    String identity() {
        return switch (kind) {
            case local, moto -> kind.name();
            case endpoint -> "endpoint-" + ShownUrl.masked(Optional.ofNullable(endpoint).orElse(System.getenv("AWS_ENDPOINT_URL")));
            case aws -> "aws-" + Optional.ofNullable(region).orElse(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("default"));
            case localstack, floci -> kind.name();
        };
    }

    /** The target in words, before it is opened. */
    String describeUnopened() {
        return switch (kind) {
            case local, moto -> "the local emulator";
            case endpoint -> Optional.ofNullable(endpoint).map(ShownUrl::masked).orElse("AWS_ENDPOINT_URL");
            case aws -> "AWS";
            case localstack, floci -> kind.name();
        };
    }

    Region emulatorRegion() {
        if (region == null || region.isBlank()) {
            return Region.US_EAST_1;
        }
        Region named = Region.of(region.strip());
        if (!Region.regions().contains(named)) {
            throw new BadInputException("'" + region + "' is not an AWS region; use a name like us-east-1 or eu-west-1.");
        }
        return named;
    }
}
