package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.targets.AwsTarget;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.FlociTarget;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.LocalStackTarget;
import dev.dvalabs.targets.Target;
import dev.dvalabs.targets.TargetException;
import java.io.PrintWriter;
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
        return new LocalEmulator.Options().withPort(port).withRegion(emulatorRegion())
                .withEmulator(kind == Kind.moto ? Emulator.MOTO : Emulator.MINISTACK);
    }

    /** The target, or empty when the local emulator is asked to attach and none runs. */
    Optional<Target> open(Local local, PrintWriter out) {
        if (port != 0 && kind != Kind.local && kind != Kind.moto) {
            throw new BadInputException("--port is for --target local or moto only.");
        }
        if (endpoint != null && kind != Kind.endpoint) {
            throw new BadInputException("--endpoint goes with --target endpoint.");
        }
        return switch (kind) {
            case local, moto -> openLocal(local);
            case localstack -> Optional.of(LocalStackTarget.start());
            case floci -> Optional.of(FlociTarget.start());
            case endpoint -> Optional.of(EndpointTarget.at(endpoint, System.getenv("AWS_ENDPOINT_URL"), emulatorRegion()));
            case aws -> Optional.of(AwsTarget.connect(region, yes, forceAccount, out,
                    System.console() == null ? null : System.console()::readLine));
        };
    }

    private Optional<Target> openLocal(Local local) {
        LocalEmulator.Options options = localOptions();
        Optional<LocalEmulator> attached = LocalEmulator.attach(options);
        if (attached.isPresent() || local == Local.ATTACH) {
            return attached.map(Target.class::cast);
        }
        return Optional.of(LocalEmulator.start(options));
    }

    private Region emulatorRegion() {
        if (region == null || region.isBlank()) {
            return Region.US_EAST_1;
        }
        Region named = Region.of(region.strip());
        if (!Region.regions().contains(named)) {
            throw new TargetException("'" + region + "' is not an AWS region; use a name like us-east-1 or eu-west-1.");
        }
        return named;
    }
}
