package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import dev.dvalabs.probe.BeanstalkEnvironment;
import dev.dvalabs.probe.Poll;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.S3Location;

/**
 * The verifier's one write: the environment's own bundle deployed again as a new application version,
 * labelled with the run's mark and tagged, so that the deployment policy shows itself in the environment's
 * events. It waits, bounded, for the environment to be Ready again. The session journals it first
 * ({@link Deployed}) and puts the environment back on the version it ran before, however verify ends.
 */
final class Redeploy {

    /** How long to wait for the deployment and how often to look: an immutable deployment takes minutes on AWS. */
    static final Duration DEADLINE = Duration.ofMinutes(25);
    static final Duration INTERVAL = Duration.ofSeconds(15);

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

    /**
     * The verifier's version deployed to the environment, as the journal holds it. Undoing it deploys the version
     * the environment ran before, only while the environment still runs the verifier's (a learner who deployed
     * since keeps theirs); an environment not Ready yet refuses, and the next verify tries again.
     */
    record Deployed(String application, String environment, String previous, String label) implements Write {
        @Override
        public void undo(Session session) {
            ElasticBeanstalkClient eb = session.client(ElasticBeanstalkClient.class);
            boolean ours = eb.describeEnvironments(r -> r.applicationName(application).environmentNames(environment)
                    .includeDeleted(false)).environments().stream().anyMatch(env -> label.equals(env.versionLabel()));
            if (ours) {
                eb.updateEnvironment(r -> r.environmentName(environment).versionLabel(previous));
            }
        }

        @Override
        public String describe() {
            return "version " + label + " deployed to " + environment + " (it ran " + previous + " before)";
        }
    }

    private final Session session;
    private final ElasticBeanstalkDeploymentsVerifier.Names names;
    private final String label;
    private final Poll poll;

    Redeploy(Session session, ElasticBeanstalkDeploymentsVerifier.Names names, String label, Poll poll) {
        this.session = session;
        this.names = names;
        this.label = label;
        this.poll = poll;
    }

    Result run(BeanstalkEnvironment env, String deploymentPolicy) {
        if (!"Ready".equals(env.status())) {
            return Result.notTried("the environment is " + env.status() + ", not Ready");
        }
        if (!"Immutable".equals(deploymentPolicy)) {
            return Result.notTried("the deployment policy is " + deploymentPolicy + ", and only Immutable (task 3) deploys"
                    + " to a temporary Auto Scaling group");
        }
        if (env.versionLabel() == null) {
            return Result.notTried("the environment runs the sample application, no version of yours");
        }
        ElasticBeanstalkClient eb = session.client(ElasticBeanstalkClient.class);
        S3Location bundle = eb.describeApplicationVersions(r -> r.applicationName(names.application())
                        .versionLabels(env.versionLabel())).applicationVersions().stream().findFirst()
                .map(v -> v.sourceBundle()).orElse(null);
        if (bundle == null) {
            return Result.notTried("the version " + env.versionLabel() + " has no source bundle to deploy again");
        }
        session.target().approveWrites("deploy " + names.environment() + "'s own bundle again as version " + label);
        Instant started = session.write(List.of(new Deployed(names.application(), names.environment(), env.versionLabel(), label)), () -> {
            eb.createApplicationVersion(r -> r.applicationName(names.application()).versionLabel(label)
                    .description("dva-labs verify: the environment's own bundle again, to watch the deployment policy")
                    .sourceBundle(bundle).tags(t -> t.key("dva-labs:verify").value(label)));
            return eb.updateEnvironment(r -> r.environmentName(names.environment()).versionLabel(label)).dateUpdated();
        });
        BeanstalkEnvironment after = poll.until(() -> Optional.of(describe(eb))
                .filter(now -> "Ready".equals(now.status()))).orElseGet(() -> describe(eb));
        List<String> events = eb.describeEvents(r -> r.applicationName(names.application())
                        .environmentName(names.environment()).startTime(started == null ? Instant.EPOCH : started))
                .events().stream().sorted(Comparator.comparing(EventDescription::eventDate, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(EventDescription::message).toList();
        return new Result(label, null, events, after.status(), after.health(), after.versionLabel());
    }

    private BeanstalkEnvironment describe(ElasticBeanstalkClient eb) {
        return BeanstalkEnvironment.describe(eb, names.application(), names.environment());
    }
}
