package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import dev.dvalabs.probe.Poll;
import dev.dvalabs.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.S3Location;

/**
 * The verifier's one write: the environment's own bundle deployed again as a new application version,
 * labelled {@code dva-labs-verify-<run>} and tagged, so that the deployment policy shows itself in the
 * environment's events. It waits, bounded, for the environment to be Ready again. {@link #undo()} puts the
 * environment back on the version it ran before (the marked version record goes with the application).
 */
final class Redeploy {

    /** How long to wait for the deployment and how often to look: an immutable deployment takes minutes on AWS. */
    static final Poll AWS = new Poll(Duration.ofMinutes(25), Duration.ofSeconds(15));

    /**
     * What the deployment did: the environment's events since it started, and where the environment ended;
     * notTried says why the verifier did not deploy (then the rest is empty).
     */
    record Result(String label, String notTried, List<String> events, String status, String health, String runningLabel) {

        static Result notTried(String why) {
            return new Result(null, why, List.of(), null, null, null);
        }

        boolean throughTemporaryGroup() {
            return events.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("temporary auto scaling group"));
        }

        boolean immutableAndKept() {
            return notTried == null && throughTemporaryGroup() && label.equals(runningLabel)
                    && "Ready".equals(status) && "Green".equals(health);
        }

        @Override
        public String toString() {
            if (notTried != null) {
                return "not deployed: " + notTried;
            }
            return label + (throughTemporaryGroup() ? " went through a temporary Auto Scaling group" : " went through no temporary Auto Scaling group")
                    + "; the environment is " + status + "/" + health + " running " + runningLabel
                    + (label.equals(runningLabel) ? "" : " (rolled back)") + "; events: " + String.join(" | ", events);
        }
    }

    private final Target target;
    private final ElasticBeanstalkDeploymentsVerifier.Names names;
    private final String label;
    private final Poll timing;
    private volatile String previous;
    private final AtomicBoolean undone = new AtomicBoolean();

    Redeploy(Target target, ElasticBeanstalkDeploymentsVerifier.Names names, String run, Poll timing) {
        this.target = target;
        this.names = names;
        this.label = run;
        this.timing = timing;
    }

    static String newRun() {
        return "dva-labs-verify-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Result run(EnvironmentDescription env, String deploymentPolicy) {
        if (!"Ready".equals(env.statusAsString())) {
            return Result.notTried("the environment is " + env.statusAsString() + ", not Ready");
        }
        if (!"Immutable".equals(deploymentPolicy)) {
            return Result.notTried("the deployment policy is " + deploymentPolicy + ", and only Immutable (task 3) deploys"
                    + " to a temporary Auto Scaling group");
        }
        if (env.versionLabel() == null || env.versionLabel().isEmpty()) {
            return Result.notTried("the environment runs the sample application, no version of yours");
        }
        try (ElasticBeanstalkClient eb = target.client(ElasticBeanstalkClient.builder())) {
            S3Location bundle = eb.describeApplicationVersions(r -> r.applicationName(names.application())
                            .versionLabels(env.versionLabel())).applicationVersions().stream().findFirst()
                    .map(v -> v.sourceBundle()).orElse(null);
            if (bundle == null) {
                return Result.notTried("the version " + env.versionLabel() + " has no source bundle to deploy again");
            }
            target.approveWrites("deploy " + names.environment() + "'s own bundle again as version " + label);
            eb.createApplicationVersion(r -> r.applicationName(names.application()).versionLabel(label)
                    .description("dva-labs verify: the environment's own bundle again, to watch the deployment policy")
                    .sourceBundle(bundle).tags(t -> t.key("dva-labs:verify").value(label)));
            previous = env.versionLabel();
            Instant started = eb.updateEnvironment(r -> r.environmentName(names.environment()).versionLabel(label)).dateUpdated();
            EnvironmentDescription after = waitForReady(eb);
            List<String> events = eb.describeEvents(r -> r.applicationName(names.application())
                            .environmentName(names.environment()).startTime(started == null ? Instant.EPOCH : started))
                    .events().stream().sorted(Comparator.comparing(EventDescription::eventDate, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(EventDescription::message).toList();
            return new Result(label, null, events, after.statusAsString(), after.healthAsString(), after.versionLabel());
        }
    }

    /** Polls until the environment is Ready again, or the deadline; the last description either way. */
    private EnvironmentDescription waitForReady(ElasticBeanstalkClient eb) {
        return timing.until(() -> Optional.of(describe(eb)).filter(env -> "Ready".equals(env.statusAsString())))
                .orElseGet(() -> describe(eb));
    }

    private EnvironmentDescription describe(ElasticBeanstalkClient eb) {
        return eb.describeEnvironments(r -> r.environmentNames(names.environment()).applicationName(names.application()))
                .environments().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(names.environment() + " disappeared during the deployment"));
    }

    /** The environment back on the version it ran before; once, and only where the verifier deployed. */
    void undo() {
        String back = previous;
        if (back == null || !undone.compareAndSet(false, true)) {
            return;
        }
        try (ElasticBeanstalkClient eb = target.client(ElasticBeanstalkClient.builder())) {
            eb.updateEnvironment(r -> r.environmentName(names.environment()).versionLabel(back));
        } catch (AwsServiceException e) {
            // Not Ready yet (an interrupted verify): the environment keeps the same bundle under the marked label.
            undone.set(false);
        }
    }
}
