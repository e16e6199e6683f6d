package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * IAM roles, by {@code arn:aws:iam::account:role/path/name}: IAM refuses to delete a role that still
 * has policies or sits in an instance profile, so those go first. The toolkit tags no other IAM resource.
 */
public final class IamSweeper implements Sweeper {

    @Override
    public String service() {
        return "iam";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        String role = role(arn);
        try (IamClient iam = target.client(IamClient.builder())) {
            Map<String, String> tags = new LinkedHashMap<>();
            iam.listRoleTagsPaginator(r -> r.roleName(role)).tags().forEach(t -> tags.put(t.key(), t.value()));
            return Optional.of(tags);
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String role = role(arn);
        try (IamClient iam = target.client(IamClient.builder())) {
            iam.listAttachedRolePoliciesPaginator(r -> r.roleName(role)).attachedPolicies()
                    .forEach(p -> iam.detachRolePolicy(r -> r.roleName(role).policyArn(p.policyArn())));
            iam.listRolePoliciesPaginator(r -> r.roleName(role)).policyNames()
                    .forEach(name -> iam.deleteRolePolicy(r -> r.roleName(role).policyName(name)));
            iam.listInstanceProfilesForRolePaginator(r -> r.roleName(role)).instanceProfiles()
                    .forEach(p -> iam.removeRoleFromInstanceProfile(r -> r.roleName(role)
                            .instanceProfileName(p.instanceProfileName())));
            iam.deleteRole(r -> r.roleName(role));
            return Swept.deleted();
        } catch (NoSuchEntityException e) {
            return Swept.alreadyGone();
        }
    }

    /**
     * The roles whose names a toolkit stack may have given them (its own names, or CDK's stack-named ones such as
     * a RestApi's retained CloudWatch role): the tagging index lists no IAM roles, on AWS as on the emulators.
     * Teardown still reads each one's own tags and deletes only what carries the exercise's tag.
     */
    @Override
    public List<String> listed(Target target) {
        try (IamClient iam = target.client(IamClient.builder())) {
            return iam.listRolesPaginator().roles().stream()
                    .filter(r -> r.roleName().startsWith(TOOLKIT_NAMES) || r.roleName().startsWith("DvaLabs-"))
                    .map(software.amazon.awssdk.services.iam.model.Role::arn).toList();
        }
    }

    private static String role(String arn) {
        String resource = arn.split(":", 6)[5];
        if (!resource.startsWith("role/")) {
            throw new IllegalArgumentException(arn + " is not a role; the toolkit creates no other IAM resource");
        }
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
