package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Verifier;
import java.util.Optional;
import software.constructs.Construct;

/** Elastic Beanstalk deployment policies and .ebextensions: the exercise's declaration. */
@AutoService(Lab.class)
public final class ElasticBeanstalkDeployments implements Lab {

    @Override
    public String id() {
        return "elastic-beanstalk-deployments";
    }

    @Override
    public ExerciseStack stack(Construct scope, Variant variant) {
        return new ElasticBeanstalkDeploymentsStack(scope, id(), variant);
    }

    @Override
    public Verifier<?> verifier() {
        return new ElasticBeanstalkDeploymentsVerifier();
    }

    @Override
    public Optional<AfterDeploy> afterDeploy() {
        return Optional.of(new ElasticBeanstalkDeploymentsAfterDeploy(id()));
    }
}
