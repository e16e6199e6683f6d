package dev.dvalabs.exercises.kmskeyrotation.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyDocumentProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.AliasProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.constructs.Construct;

/**
 * kms-key-rotation, the solution: a customer managed key with automatic rotation, the alias
 * {@code alias/dva-labs-app}, and a key policy in which one role manages the key and another uses it.
 */
public final class KmsKeyRotationSolution extends ExerciseStack {

    /** What the KMS console's default key policy gives key administrators: manage, never use. */
    static final List<String> ADMINISTRATION = List.of("kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*",
            "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
            "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand");
    /** And key users: use, never manage. */
    static final List<String> USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
            "kms:DescribeKey");

    public KmsKeyRotationSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Customer managed key for the KMS rotation and envelope encryption exercise");

        Role admin = role("KeyAdmin", name("adminRole"), "Manages the dva-labs application key; cannot encrypt or decrypt with it");
        Role user = role("KeyUser", name("userRole"), "Encrypts and decrypts with the dva-labs application key; cannot manage it");

        Key key = new Key(this, "AppKey", KeyProps.builder()
                .description("dva-labs application key (kms-key-rotation, solution)")
                // CloudFormation schedules the key's deletion on stack delete; 7 days is the shortest wait KMS allows.
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .enableKeyRotation(true)
                .policy(separatedPolicy(admin, user))
                .build());
        new Alias(this, "AppAlias", AliasProps.builder().aliasName(name("key")).targetKey(key).build());
        CfnOutput.Builder.create(this, "KeyArn").value(key.getKeyArn())
                .description("The customer managed key the verifier checks").build();
    }

    private Role role(String id, String name, String description) {
        return new Role(this, id, RoleProps.builder().roleName(name).description(description)
                .assumedBy(new AccountRootPrincipal()).build());
    }

    /**
     * The account statement keeps the key manageable through IAM (without it KMS refuses the policy, as
     * it would lock the deployer out); the other two separate who manages the key from who uses it.
     */
    private static PolicyDocument separatedPolicy(IPrincipal admin, IPrincipal user) {
        return new PolicyDocument(PolicyDocumentProps.builder().statements(List.of(
                statement("EnableIamPolicies", new AccountRootPrincipal(), List.of("kms:*")),
                statement("AllowKeyAdministration", admin, ADMINISTRATION),
                statement("AllowKeyUse", user, USE))).build());
    }

    private static PolicyStatement statement(String sid, IPrincipal principal, List<String> actions) {
        return new PolicyStatement(PolicyStatementProps.builder().sid(sid).principals(List.of(principal))
                .actions(actions).resources(List.of("*")).build());
    }
}
