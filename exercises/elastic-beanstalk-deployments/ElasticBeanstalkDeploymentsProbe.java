package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.ebextensions.BundleLinter;
import dev.dvalabs.exercises.elasticbeanstalkdeployments.ElasticBeanstalkDeploymentsVerifier.Bundle;
import dev.dvalabs.exercises.elasticbeanstalkdeployments.ElasticBeanstalkDeploymentsVerifier.Names;
import dev.dvalabs.exercises.elasticbeanstalkdeployments.ElasticBeanstalkDeploymentsVerifier.Observed;
import dev.dvalabs.exercises.elasticbeanstalkdeployments.ElasticBeanstalkDeploymentsVerifier.Page;
import dev.dvalabs.exercises.elasticbeanstalkdeployments.ElasticBeanstalkDeploymentsVerifier.Settings;
import dev.dvalabs.probe.BeanstalkEnvironment;
import dev.dvalabs.probe.GlobalName;
import dev.dvalabs.probe.Http;
import dev.dvalabs.probe.Poll;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One observation of elastic-beanstalk-deployments: the newest bundle in the bucket (S3, linted from the
 * stream), the environment and its configuration, its page, and a deployment of its own bundle again
 * ({@link Redeploy}), journaled by the session and undone however verify ends.
 */
final class ElasticBeanstalkDeploymentsProbe {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PAGE_BYTES = 64 * 1024;
    private static final long MAX_BUNDLE_BYTES = 10L * 1024 * 1024;

    private final Session session;
    /** The wait for the environment to come back from the redeploy the verify set off. */
    private final Poll poll;
    private final String label;

    ElasticBeanstalkDeploymentsProbe(Session session, Poll poll, String label) {
        this.session = session;
        this.poll = poll;
        this.label = label;
    }

    Observed observe() {
        Names names = names();
        ElasticBeanstalkClient eb = session.client(ElasticBeanstalkClient.class);
        Fact<Bundle> bundle = Fact.about("bucket " + names.bucket(), () -> newestBundle(session.client(S3Client.class), names.bucket()));
        Fact<BeanstalkEnvironment> environment = BeanstalkEnvironment.named(eb, session.target().describe(), names.application(),
                names.environment());
        Fact<Settings> settings = environment.then(env -> Fact.about("configuration of " + names.environment(),
                () -> new Settings(env.settings(eb))));
        Fact<Page> page = environment.then(env -> env.cname() == null
                ? Fact.missing("environment " + names.environment() + " has no URL yet")
                : Fact.of(new Page(Http.get("http://" + env.cname() + "/", PAGE_TIMEOUT, MAX_PAGE_BYTES))));
        Redeploy redeploy = new Redeploy(session, names, label, poll);
        Fact<Redeploy.Result> redeployed = settings.then(s -> environment.then(env -> Fact.about("deployment to " + names.environment(),
                () -> redeploy.run(env, s.get(ElasticBeanstalkDeploymentsVerifier.POLICY_NAMESPACE, "DeploymentPolicy")))));
        return new Observed(names, bundle, environment, settings, page, redeployed);
    }

    /** The names in force, the bucket's {account} and {region} filled in as the stack fills them. */
    private Names names() {
        String bucket = GlobalName.of(session, "bucket");
        return new Names(bucket, session.name("application"),
                session.name("environment"));
    }

    /** The newest .zip in the bucket, linted from the stream without unpacking it anywhere. */
    static Bundle newestBundle(S3Client s3, String bucket) {
        Optional<S3Object> newest = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.key().endsWith(".zip")).max(Comparator.comparing(S3Object::lastModified));
        if (newest.isEmpty()) {
            return new Bundle(null, List.of());
        }
        String key = newest.get().key();
        if (newest.get().size() != null && newest.get().size() > MAX_BUNDLE_BYTES) {
            return new Bundle(key, List.of(new BundleLinter.Located(".", new Finding(Finding.Severity.ERROR, 1, 1, "bundle-too-large",
                    "The bundle is over " + MAX_BUNDLE_BYTES + " bytes; this exercise's is a few kilobytes."))));
        }
        try (InputStream zip = s3.getObject(r -> r.bucket(bucket).key(key))) {
            return new Bundle(key, new BundleLinter().lintZip(zip));
        } catch (BundleLinter.BadBundleException e) {
            return new Bundle(key, List.of(new BundleLinter.Located(".", new Finding(Finding.Severity.ERROR, 1, 1, "not-a-zip",
                    e.getMessage()))));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read s3://" + bucket + "/" + key, e);
        }
    }
}
