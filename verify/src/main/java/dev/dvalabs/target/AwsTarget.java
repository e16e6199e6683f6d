package dev.dvalabs.target;

import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * A real AWS account, through the default credentials chain (profiles, SSO, environment) and the
 * default region chain unless {@code --region} names one. Before the first write it shows which
 * account, identity and region the write goes to, and goes on only with {@code --yes} or a typed
 * confirmation.
 */
public final class AwsTarget implements Target {

    public static final String NAME = "aws";

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final boolean yes;
    private final Function<String, String> ask; // null where there is nobody to ask
    private final PrintStream out;
    private final Supplier<GetCallerIdentityResponse> identity; // null: ask STS
    private boolean approved;

    AwsTarget(Region region, AwsCredentialsProvider credentials, boolean yes, Function<String, String> ask,
              PrintStream out, Supplier<GetCallerIdentityResponse> identity) {
        this.region = region;
        this.credentials = credentials;
        this.yes = yes;
        this.ask = ask;
        this.out = out;
        this.identity = identity;
    }

    /** The account the default chains point at; {@code yes} stands for the learner's {@code --yes}. */
    public static AwsTarget connect(String region, boolean yes) {
        Region resolved = resolveRegion(region);
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        var console = System.console();
        Function<String, String> ask = console == null ? null : console::readLine;
        return new AwsTarget(resolved, credentials, yes, ask, System.out, null);
    }

    static Region resolveRegion(String region) {
        if (region == null || region.isBlank()) {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkException e) {
                throw new TargetException("No AWS region is set; pass --region (for example --region eu-west-1)"
                        + " or set AWS_REGION.");
            }
        }
        Region named = Region.of(region.strip());
        if (!Region.regions().contains(named)) {
            throw new TargetException("'" + region + "' is not an AWS region; use a name like us-east-1 or eu-west-1.");
        }
        return named;
    }

    @Override
    public void approveWrites(String plan) {
        if (approved) {
            return;
        }
        GetCallerIdentityResponse who = identity != null ? identity.get() : callerIdentity();
        out.println("About to write to a real AWS account:");
        out.println("  account  " + who.account());
        out.println("  identity " + who.arn());
        out.println("  region   " + region.id());
        out.println("  plan     " + plan);
        if (!yes) {
            if (ask == null) {
                throw new TargetException("Refusing to write to AWS account " + who.account()
                        + " without confirmation; run again with --yes once you are sure it is your sandbox.");
            }
            String answer = ask.apply("Type the account id to go on: ");
            if (answer == null || !answer.strip().equals(who.account())) {
                throw new TargetException("Not confirmed; nothing was written to AWS account " + who.account() + ".");
            }
        }
        approved = true;
    }

    private GetCallerIdentityResponse callerIdentity() {
        try (StsClient sts = client(StsClient.builder())) {
            return sts.getCallerIdentity();
        } catch (SdkException e) {
            throw new TargetException("Could not find who you are in AWS (" + e.getMessage()
                    + "); sign in with aws configure or aws sso login, or choose a profile with AWS_PROFILE.");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.empty();
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    @Override
    public String describe() {
        return "AWS (" + region.id() + ")";
    }

    @Override
    public void close() {}
}
