package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/** A CodeDeploy application: its name and compute platform ("Server" for EC2/on-premises, "Lambda", "ECS"). */
public record CodeDeployApplication(String name, String computePlatform) {

    /** The application of that name; unavailable where CodeDeploy is missing, refused as CodeDeploy refuses. */
    public static Fact<CodeDeployApplication> named(CodeDeployClient codeDeploy, String where, String name) {
        return Service.observe("CodeDeploy", where, "application " + name, () -> {
            var app = codeDeploy.getApplication(r -> r.applicationName(name)).application();
            return new CodeDeployApplication(app.applicationName(), app.computePlatformAsString());
        });
    }
}
