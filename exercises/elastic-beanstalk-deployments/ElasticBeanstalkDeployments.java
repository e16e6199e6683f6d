package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import com.google.auto.service.AutoService;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.elasticbeanstalkdeployments.solution.ElasticBeanstalkDeploymentsSolution;
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
    public ExerciseStack starter(Construct scope) {
        return new ElasticBeanstalkDeploymentsStack(scope, id());
    }

    @Override
    public ExerciseStack solution(Construct scope) {
        return new ElasticBeanstalkDeploymentsSolution(scope, id());
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
