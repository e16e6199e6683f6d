package dev.dvalabs.targets;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
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
    private final PrintWriter out;
    private final Supplier<GetCallerIdentityResponse> identity; // null: ask STS
    private final Supplier<List<String>> aliases; // null: ask IAM
    private final SandboxAccounts sandboxes;
    private final String forcedAccount;
    private boolean approved;
    private String account; // known once a write was approved

    AwsTarget(Region region, AwsCredentialsProvider credentials, boolean yes, Function<String, String> ask,
              PrintWriter out, Supplier<GetCallerIdentityResponse> identity, Supplier<List<String>> aliases,
              SandboxAccounts sandboxes, String forcedAccount) {
        this.region = region;
        this.credentials = credentials;
        this.yes = yes;
        this.ask = ask;
        this.out = out;
        this.identity = identity;
        this.aliases = aliases;
        this.sandboxes = sandboxes;
        this.forcedAccount = forcedAccount;
    }

    /**
     * The account the default chains point at; {@code yes} stands for the learner's {@code --yes},
     * {@code forcedAccount} for {@code --force-account}, the only way past a production-looking alias;
     * {@code ask} puts a question to the learner and returns the answer (null where nobody can be asked).
     */
    public static AwsTarget connect(String region, boolean yes, String forcedAccount, PrintWriter out,
                                    Function<String, String> ask) {
        return connect(region, DefaultCredentialsProvider.builder().build(), yes, forcedAccount, out, ask);
    }

    /** A learner's account for an instructor: through a named profile. */
    public static AwsTarget withProfile(String profile, String region, boolean yes, PrintWriter out) {
        return connect(region, ProfileCredentialsProvider.create(profile), yes, null, out, null);
    }

    /** A learner's account for an instructor: through a role the instructor's own credentials assume. */
    public static AwsTarget assumingRole(String roleArn, String region, boolean yes, PrintWriter out) {
        Region resolved = resolveRegion(region);
        StsClient sts = StsClient.builder().region(resolved).credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        return connect(region, StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("dva-labs-instructor")).build(), yes, null, out, null);
    }

    private static AwsTarget connect(String region, AwsCredentialsProvider credentials, boolean yes, String forcedAccount,
                                     PrintWriter out, Function<String, String> ask) {
        Region resolved = resolveRegion(region);
        SandboxAccounts sandboxes = SandboxAccounts.load(); // a broken config is refused before any call
        return new AwsTarget(resolved, credentials, yes, ask, out, null, null, sandboxes, forcedAccount);
    }

    static Region resolveRegion(String region) {
        if (region == null || region.isBlank()) {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkException e) {
                throw new TargetValueException("No AWS region is set; pass --region (for example --region eu-west-1)"
                        + " or set AWS_REGION.");
            }
        }
        Region named = Region.of(region.strip());
        if (!Region.regions().contains(named)) {
            throw new TargetValueException("'" + region + "' is not an AWS region; use a name like us-east-1 or eu-west-1.");
        }
        return named;
    }

    /** The account, not the endpoint, tells one real target from another. */
    @Override
    public String stateKey() {
        if (account == null) {
            account = (identity != null ? identity.get() : callerIdentity()).account();
        }
        return NAME + "-" + account + "-" + region.id();
    }

    @Override
    public void approveWrites(String plan) {
        if (approved) {
            return;
        }
        GetCallerIdentityResponse who = identity != null ? identity.get() : callerIdentity();
        account = who.account();
        List<String> accountAliases = aliases != null ? aliases.get() : accountAliases();
        out.println("About to write to a real AWS account:");
        out.println("  account  " + who.account());
        out.println("  alias    " + (accountAliases == null ? "(could not be read)"
                : accountAliases.isEmpty() ? "(none)" : String.join(", ", accountAliases)));
        out.println("  identity " + who.arn());
        out.println("  region   " + region.id());
        out.println("  plan     " + plan);
        if (!sandboxes.allows(who.account())) {
            throw new TargetException("Account " + who.account() + " is not on your sandbox allow-list, so nothing was"
                    + " written; if it is a sandbox, " + sandboxes.howToAdd(who.account()) + ".");
        }
        Optional<String> production = Optional.ofNullable(accountAliases).orElse(List.of()).stream()
                .filter(a -> a.toLowerCase(Locale.ROOT).contains("prod")).findFirst();
        if (production.isPresent() && !who.account().equals(forcedAccount)) {
            throw new TargetException("Account " + who.account() + " has the alias '" + production.get()
                    + "', which looks like production, so nothing was written; if you are sure it is a sandbox,"
                    + " run again with --force-account " + who.account() + ".");
        }
        out.flush();
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

    /** The account's aliases, or null when this identity may not read them. */
    private List<String> accountAliases() {
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials).build()) {
            return iam.listAccountAliases().accountAliases();
        } catch (SdkException e) {
            // Without the right to read aliases the allow-list still protects; the alias is a second guard.
            return null;
        }
    }

    private GetCallerIdentityResponse callerIdentity() {
        try (StsClient sts = client(StsClient.builder())) {
            return sts.getCallerIdentity();
        } catch (SdkException e) {
            throw new TargetException(SignInProblem.sentence(e, region.id()), e);
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

    /** The account as a report shows it: enough of its number to tell one's own sandbox, not the whole of it. */
    @Override
    public String reported() {
        stateKey(); // reads the account once, as every command on AWS does
        return "AWS account " + masked(account) + " (" + region.id() + ")";
    }

    static String masked(String account) {
        return account.length() <= 4 ? "****" : "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }

    @Override
    public void close() {}
}
