package dev.dvalabs.probe;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Decision;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.Request;
import dev.dvalabs.verify.Fact;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An IAM role, read once: its ARN, its trust policy and every policy document that applies to it (inline,
 * and the default version of each attached managed policy), judged by the policy evaluator.
 */
public record Role(String name, String arn, String trustPolicy, List<String> policies) {

    /** The role of that name; refused as IAM refuses it ("role x: NoSuchEntity: ..."). */
    public static Fact<Role> named(IamClient iam, String name) {
        Iam reader = new Iam(iam);
        return Fact.about("role " + name, () -> {
            var role = iam.getRole(r -> r.roleName(name)).role();
            return new Role(name, role.arn(), Iam.decoded(role.assumeRolePolicyDocument()), reader.rolePolicies(name));
        });
    }

    /** The role an ARN names (a function's execution role, a deployment group's service role). */
    public static Fact<Role> ofArn(IamClient iam, String arn) {
        return named(iam, nameOf(arn));
    }

    /** The role an instance profile passes to its instances; empty when the profile holds none. */
    public static Fact<Optional<Role>> ofInstanceProfile(IamClient iam, String profileArn) {
        String profile = nameOf(profileArn);
        return Fact.about("instance profile " + profile, () -> new Iam(iam).instanceProfileRole(profile))
                .then(role -> role.isEmpty() ? Fact.of(Optional.<Role>empty()) : named(iam, role.get()).map(Optional::of));
    }

    /** What the trust policy answers when {@code service} asks to assume the role. */
    public Decision assumableBy(String service) {
        return Policies.of(trustPolicy).decide(Request.of(Caller.service(service), "sts:AssumeRole", arn));
    }

    /** The role's own policies, for asking what the role may do. */
    public Policies identity() {
        return Policies.identityOnly().withIdentity(policies);
    }

    /** What the role's policies answer for {@code action} on {@code resource}. */
    public Decision allows(String action, String resource) {
        return identity().decide(Request.of(Caller.aws(arn), action, resource));
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return arn;
    }
}
