package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;

/**
 * A CodeDeploy deployment group, read once: the EC2 tag filters it finds instances by ("Name=web
 * (KEY_AND_VALUE)"), its deployment type (IN_PLACE when the style is left out, CodeDeploy's default), its
 * deployment configuration, its automatic rollback and the events it rolls back on, and its service role.
 */
public record DeploymentGroup(String application, String name, List<String> ec2Tags, String deploymentType,
                              String deploymentConfig, boolean autoRollback, List<String> rollbackEvents, String serviceRoleArn) {

    /** The group of that application; unavailable where CodeDeploy is missing, refused as CodeDeploy refuses. */
    public static Fact<DeploymentGroup> named(CodeDeployClient codeDeploy, String where, String application, String group) {
        return Service.observe("CodeDeploy", where, "deployment group " + application + "/" + group, () -> of(
                codeDeploy.getDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(group)).deploymentGroupInfo()));
    }

    static DeploymentGroup of(DeploymentGroupInfo group) {
        List<EC2TagFilter> filters = new ArrayList<>(group.ec2TagFilters());
        if (group.ec2TagSet() != null) {
            group.ec2TagSet().ec2TagSetList().forEach(filters::addAll);
        }
        List<String> tags = filters.stream().map(f -> f.key() + (f.value() == null || f.value().isEmpty() ? "" : "=" + f.value())
                + " (" + f.typeAsString() + ")").toList();
        // CodeDeploy's default when the style is left out (moto then answers an empty style).
        String type = group.deploymentStyle() == null || group.deploymentStyle().deploymentType() == null
                ? "IN_PLACE" : group.deploymentStyle().deploymentTypeAsString();
        var rollback = group.autoRollbackConfiguration();
        return new DeploymentGroup(group.applicationName(), group.deploymentGroupName(), tags, type, group.deploymentConfigName(),
                rollback != null && Boolean.TRUE.equals(rollback.enabled()),
                rollback == null ? List.of() : rollback.eventsAsStrings(),
                group.serviceRoleArn() == null || group.serviceRoleArn().isEmpty() ? null : group.serviceRoleArn());
    }
}
