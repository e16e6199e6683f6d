package dev.dvalabs.policy;

import static dev.dvalabs.policy.Fixtures.ACCOUNT;
import static dev.dvalabs.policy.Fixtures.FOREIGN_ROLE;
import static dev.dvalabs.policy.Fixtures.KEY;
import static dev.dvalabs.policy.Fixtures.OTHER_ACCOUNT;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * KMS key policies: nothing reaches a key unless its key policy allows, either naming the caller or
 * naming the account, which lets the account's IAM policies grant ("Key policies in AWS KMS").
 */
class KeyPolicyTest {

    private static final String ADMIN = "arn:aws:iam::111122223333:role/dva-labs-key-admin";
    private static final String USER = "arn:aws:iam::111122223333:role/dva-labs-key-user";
    private static final List<String> ADMINISTRATION = List.of("kms:CreateAlias", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion");
    private static final List<String> USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey");

    private static final String ROOT = json("""
            {"Sid": "EnableIAMUserPermissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
             "Action": "kms:*", "Resource": "*"}""", ACCOUNT);
    private static final String ADMINS = json("""
            {"Sid": "KeyAdministrators", "Effect": "Allow", "Principal": {"AWS": "%s"},
             "Action": ["kms:Create*", "kms:Put*", "kms:ScheduleKeyDeletion"], "Resource": "*"}""", ADMIN);
    private static final String USERS = json("""
            {"Sid": "KeyUsers", "Effect": "Allow", "Principal": {"AWS": "%s"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"}""", USER);
    private static final String ENCRYPT_ANY_KEY = policy("""
            {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"}""");

    @Test
    @DisplayName("a separated key policy gives administrators administration and users use, and neither the other")
    void separatedKeyPolicy() {
        Policies key = Policies.keyPolicy(policy(ROOT, ADMINS, USERS));
        assertThat(key.allowedActions(Caller.aws(ADMIN), KEY, ADMINISTRATION)).isEqualTo(ADMINISTRATION);
        assertThat(key.allowedActions(Caller.aws(ADMIN), KEY, USE)).isEmpty();
        assertThat(key.allowedActions(Caller.aws(USER), KEY, USE)).isEqualTo(USE);
        assertThat(key.allowedActions(Caller.aws(USER), KEY, ADMINISTRATION)).isEmpty();
    }

    @Test
    @DisplayName("through the account statement, the admin role's own IAM policy granting kms:Encrypt lets it use the key")
    void adminIamPolicyCountsThroughTheAccountStatement() {
        Policies key = Policies.keyPolicy(policy(ROOT, ADMINS, USERS)).withIdentity(List.of(ENCRYPT_ANY_KEY));
        assertThat(key.allowedActions(Caller.aws(ADMIN), KEY, USE)).containsExactly("kms:Encrypt");
    }

    @Test
    @DisplayName("the account statement may name the account by id alone")
    void accountIdDelegatesLikeTheRoot() {
        String byId = ROOT.replace("arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT);
        Policies key = Policies.keyPolicy(policy(byId, ADMINS)).withIdentity(List.of(ENCRYPT_ANY_KEY));
        assertThat(key.decide(Request.of(Caller.aws(ADMIN), "kms:Encrypt", KEY))).isEqualTo(Decision.ALLOW);
    }

    @Test
    @DisplayName("without the account statement an IAM policy grants nothing on the key, unlike on an SQS queue")
    void withoutAccountStatementIamPoliciesDoNotCount() {
        String keyPolicy = policy(ADMINS, USERS);
        Request encrypt = Request.of(Caller.aws(ADMIN), "kms:Encrypt", KEY);
        assertThat(Policies.keyPolicy(keyPolicy).withIdentity(List.of(ENCRYPT_ANY_KEY)).decide(encrypt))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(Policies.of(keyPolicy).withIdentity(List.of(ENCRYPT_ANY_KEY)).decide(encrypt))
                .as("as a plain resource policy the IAM Allow would be enough").isEqualTo(Decision.ALLOW);
    }

    @Test
    @DisplayName("a key policy without the account root statement is flagged; with it, it is not")
    void accountRootStatementIsFound() {
        assertThat(Policies.keyPolicy(policy(ROOT, ADMINS, USERS)).delegatesToAccount(ACCOUNT, "kms:PutKeyPolicy", KEY)).isTrue();
        assertThat(Policies.keyPolicy(policy(ADMINS, USERS)).delegatesToAccount(ACCOUNT, "kms:PutKeyPolicy", KEY)).isFalse();
    }

    @Test
    @DisplayName("the user role's IAM policy granting kms:* lets it administer the key")
    void userIamPolicyCanGrantAdministration() {
        Policies key = Policies.keyPolicy(policy(ROOT, ADMINS, USERS)).withIdentity(List.of(policy("""
                {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}""")));
        assertThat(key.allowedActions(Caller.aws(USER), KEY, ADMINISTRATION)).isEqualTo(ADMINISTRATION);
    }

    @Test
    @DisplayName("an explicit Deny in a role's IAM policy takes away what the key policy grants")
    void iamDenyBeatsKeyPolicy() {
        Policies key = Policies.keyPolicy(policy(ROOT, USERS)).withIdentity(List.of(policy("""
                {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}""")));
        assertThat(key.allowedActions(Caller.aws(USER), KEY, USE)).containsExactly("kms:Encrypt", "kms:GenerateDataKey");
        assertThat(key.decide(Request.of(Caller.aws(USER), "kms:Decrypt", KEY))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    @DisplayName("another account's role needs both the key policy naming its account and its own IAM policy")
    void crossAccountNeedsBoth() {
        String foreignAccount = json("""
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "kms:Encrypt", "Resource": "*"}""",
                OTHER_ACCOUNT);
        Request encrypt = Request.of(Caller.aws(FOREIGN_ROLE), "kms:Encrypt", KEY);
        assertThat(Policies.keyPolicy(policy(ROOT, foreignAccount)).decide(encrypt)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(Policies.keyPolicy(policy(ROOT, foreignAccount)).withIdentity(List.of(ENCRYPT_ANY_KEY)).decide(encrypt))
                .isEqualTo(Decision.ALLOW);
        assertThat(Policies.keyPolicy(policy(ROOT)).withIdentity(List.of(ENCRYPT_ANY_KEY)).decide(encrypt))
                .as("the key's own account statement does not reach another account").isEqualTo(Decision.IMPLICIT_DENY);
    }
}
