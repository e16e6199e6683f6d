package dev.dvalabs.exercises.kmskeyrotation;

import static dev.dvalabs.verify.Matcher.eq;

import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.KeyPolicy;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Role;
import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.PolicyException;
import dev.dvalabs.policy.Request;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Its;
import java.util.List;
import software.amazon.awssdk.arns.Arn;

/**
 * The key-policy check: the key policy keeps the account's statement, and with it each role's own IAM
 * policies (inline and attached) count, so separation of duties is judged on what each role may really
 * do on the key, from both sides: the administrator administers and does not use it, the user uses it
 * and does not administer it.
 */
final class Separation {

    /** One action for each pattern task 3 gives the administrator: what it must be allowed. */
    static final List<String> ADMINISTRATION = List.of("kms:CreateAlias", "kms:DescribeKey", "kms:EnableKeyRotation",
            "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:RevokeGrant", "kms:DisableKey",
            "kms:GetKeyPolicy", "kms:DeleteAlias", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion");
    /** Of those, the ones that change or delete the key: the user must have none of them. */
    static final List<String> CHANGES = ADMINISTRATION.stream()
            .filter(a -> !List.of("kms:DescribeKey", "kms:ListResourceTags", "kms:GetKeyPolicy").contains(a)).toList();
    /** One action for each pattern task 3 gives the user: what it must be allowed. */
    static final List<String> USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
            "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey");
    /** Of those, the cryptographic ones: the administrator must have none of them. */
    static final List<String> CRYPTOGRAPHY = USE.stream().filter(a -> !a.equals("kms:DescribeKey")).toList();

    private Separation() {}

    static CheckResult judge(KeyPolicy key, Role admin, Role user) {
        try {
            Policies bare = Policies.keyPolicy(key.document());
            String account = Arn.fromString(key.keyArn()).accountId().orElse("");
            return CheckResult.all(
                    Fact.of(bare.delegatesToAccount(account, "kms:PutKeyPolicy", key.keyArn())).its(
                            "the account statement (arn:aws:iam::" + account + ":root allowed kms:*)",
                            kept -> kept ? "kept" : "missing").should(eq("kept")),
                    lacking(key, admin, ADMINISTRATION).should(eq(List.of())),
                    mayAlso(key, admin, CRYPTOGRAPHY, "use it with").should(eq(List.of())),
                    lacking(key, user, USE).should(eq(List.of())),
                    mayAlso(key, user, CHANGES, "change it with").should(eq(List.of())));
        } catch (PolicyException e) {
            return CheckResult.fail("a policy KMS or IAM returned could not be read: " + e.getMessage(),
                    "a key policy and role policies that separate administration from use");
        }
    }

    private static Its<List<String>> lacking(KeyPolicy key, Role role, List<String> wanted) {
        List<String> allowed = allowed(key, role, wanted);
        return Fact.of(wanted.stream().filter(a -> !allowed.contains(a)).toList())
                .its(role.name() + " may not", a -> a);
    }

    private static Its<List<String>> mayAlso(KeyPolicy key, Role role, List<String> unwanted, String what) {
        return Fact.of(allowed(key, role, unwanted)).its(role.name() + " may " + what, a -> a);
    }

    /**
     * What the role may do on the key: the key policy, and through its account statement the role's own
     * policies. KMS answers only over TLS, so every request carries aws:SecureTransport true, and a
     * statement conditioned on it grants what it says.
     */
    private static List<String> allowed(KeyPolicy key, Role role, List<String> actions) {
        Policies policies = Policies.keyPolicy(key.document()).withIdentity(role.policies());
        return actions.stream().filter(action -> policies.decide(Request.of(Caller.aws(role.arn()), action, key.keyArn())
                .with("aws:SecureTransport", "true")).allowed()).toList();
    }
}
