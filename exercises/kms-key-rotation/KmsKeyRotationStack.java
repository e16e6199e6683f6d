package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.constructs.Construct;

/**
 * kms-key-rotation, the starter: the two roles and a key with the default policy, no rotation and no alias. This
 * is the file to edit for the tasks in instructions.md; {@code ./labs solution kms-key-rotation} shows the answer
 * when you want it.
 */
class KmsKeyRotationStack extends ExerciseStack {

    KmsKeyRotationStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Customer managed key for the KMS rotation and envelope encryption exercise");

        role("KeyAdmin", name("adminRole"), "Manages the dva-labs application key; cannot encrypt or decrypt with it");
        role("KeyUser", name("userRole"), "Encrypts and decrypts with the dva-labs application key; cannot manage it");

        Key key = new Key(this, "AppKey", KeyProps.builder()
                .description("dva-labs application key (kms-key-rotation, starter)")
                // CloudFormation schedules the key's deletion on stack delete; 7 days is the shortest wait KMS allows.
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build());
        CfnOutput.Builder.create(this, "KeyArn").value(key.getKeyArn())
                .description("The customer managed key the verifier checks").build();
    }

    private Role role(String id, String name, String description) {
        return new Role(this, id, RoleProps.builder().roleName(name).description(description)
                .assumedBy(new AccountRootPrincipal()).build());
    }
}
