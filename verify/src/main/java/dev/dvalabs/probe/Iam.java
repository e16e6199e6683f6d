package dev.dvalabs.probe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;

/** IAM as the verifiers use it: a role's ARN, its trust policy, every policy document that applies to it, an instance profile's role. */
public final class Iam {

    private final IamClient iam;

    public Iam(IamClient iam) {
        this.iam = iam;
    }

    public String roleArn(String roleName) {
        return iam.getRole(r -> r.roleName(roleName)).role().arn();
    }

    /** The role's trust policy: who may assume it. */
    public String trustPolicy(String roleName) {
        return decoded(iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
    }

    /** The name of the role an instance profile passes to its instances; empty when it holds none. */
    public java.util.Optional<String> instanceProfileRole(String profileName) {
        return iam.getInstanceProfile(r -> r.instanceProfileName(profileName)).instanceProfile().roles().stream()
                .map(software.amazon.awssdk.services.iam.model.Role::roleName).findFirst();
    }

    /** The role's inline policies and the default version of each managed policy attached to it. */
    public List<String> rolePolicies(String roleName) {
        List<String> documents = new ArrayList<>();
        iam.listRolePoliciesPaginator(r -> r.roleName(roleName)).policyNames().forEach(name -> documents.add(
                decoded(iam.getRolePolicy(r -> r.roleName(roleName).policyName(name)).policyDocument())));
        iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies().forEach(attached -> {
            String version = iam.getPolicy(r -> r.policyArn(attached.policyArn())).policy().defaultVersionId();
            documents.add(decoded(iam.getPolicyVersion(r -> r.policyArn(attached.policyArn()).versionId(version))
                    .policyVersion().document()));
        });
        return List.copyOf(documents);
    }

    /** IAM returns policy documents URL-encoded. */
    static String decoded(String policyDocument) {
        return URLDecoder.decode(policyDocument, StandardCharsets.UTF_8);
    }
}
