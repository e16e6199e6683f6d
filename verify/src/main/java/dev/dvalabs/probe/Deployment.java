package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/** A CodeDeploy deployment: its id and status, and per instance it went to, the lifecycle events that did not succeed. */
public record Deployment(String id, DeploymentStatus status, List<String> instances, List<String> notSucceeded) {

    /** Whether it succeeded on at least one instance with every lifecycle event succeeded. */
    public boolean succeeded() {
        return status == DeploymentStatus.SUCCEEDED && notSucceeded.isEmpty() && !instances.isEmpty();
    }

    /** The group's newest deployment (by creation time, from the first page); empty when none was made. */
    public static Fact<Optional<Deployment>> latest(CodeDeployClient codeDeploy, String where, String application, String group) {
        return Service.observe("CodeDeploy", where, "deployments of " + application + "/" + group, () -> {
            List<String> ids = codeDeploy.listDeployments(r -> r.applicationName(application).deploymentGroupName(group)).deployments();
            return ids.stream().map(id -> codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo())
                    .max(Comparator.comparing(DeploymentInfo::createTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(newest -> of(codeDeploy, newest));
        });
    }

    private static Deployment of(CodeDeployClient codeDeploy, DeploymentInfo info) {
        String id = info.deploymentId();
        List<String> instances = new ArrayList<>();
        List<String> notSucceeded = new ArrayList<>();
        for (String targetId : codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)).targetIds()) {
            var instance = codeDeploy.getDeploymentTarget(r -> r.deploymentId(id).targetId(targetId)).deploymentTarget().instanceTarget();
            if (instance == null) {
                continue;
            }
            instances.add(instance.targetId());
            for (LifecycleEvent event : instance.lifecycleEvents()) {
                if (event.status() != LifecycleEventStatus.SUCCEEDED) {
                    var d = event.diagnostics();
                    String why = d == null ? "" : " (" + d.errorCodeAsString()
                            + (d.scriptName() == null || d.scriptName().isEmpty() ? "" : " in " + d.scriptName())
                            + (d.message() == null ? "" : ": " + d.message()) + ")";
                    notSucceeded.add(instance.targetId() + " " + event.lifecycleEventName() + " " + event.statusAsString() + why);
                }
            }
        }
        return new Deployment(id, info.status(), List.copyOf(instances), List.copyOf(notSucceeded));
    }

    @Override
    public String toString() {
        return id + " " + status + (instances.isEmpty() ? ", on no instance"
                : notSucceeded.isEmpty() ? ", every event Succeeded on " + instances.size() + " instance(s)"
                : "; " + String.join("; ", notSucceeded));
    }
}
