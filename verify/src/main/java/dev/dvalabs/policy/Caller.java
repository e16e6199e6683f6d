package dev.dvalabs.policy;

import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;

/** Who makes a request: an IAM principal of some account, an AWS service, or an anonymous caller. */
public sealed interface Caller {

    /**
     * An IAM principal by ARN (user, role, assumed-role session, account root), or an account id,
     * which stands for that account's root.
     */
    static Caller aws(String arnOrAccountId) {
        return Aws.of(arnOrAccountId);
    }

    /** A service principal such as {@code sns.amazonaws.com}. */
    static Caller service(String servicePrincipal) {
        return new Service(servicePrincipal);
    }

    /** A request signed by nobody: only {@code "Principal": "*"} reaches it. */
    static Caller anonymous() {
        return new Anonymous();
    }

    /** An IAM principal; {@code arn} is normalised, so an account id arrives as its root ARN. */
    record Aws(String arn, String account) implements Caller {

        private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

        static Aws of(String arnOrAccountId) {
            if (ACCOUNT_ID.matcher(arnOrAccountId).matches()) {
                return new Aws(rootOf(arnOrAccountId), arnOrAccountId);
            }
            Arn arn = Arn.tryFromString(arnOrAccountId)
                    .orElseThrow(() -> new IllegalArgumentException("not an IAM principal ARN or account id: " + arnOrAccountId));
            String account = arn.accountId().filter(a -> ACCOUNT_ID.matcher(a).matches())
                    .orElseThrow(() -> new IllegalArgumentException("no account id in principal ARN " + arnOrAccountId));
            return new Aws(arnOrAccountId, account);
        }

        static String rootOf(String account) {
            return "arn:aws:iam::" + account + ":root";
        }

        boolean isRoot() {
            return arn.endsWith(":root") && arn.contains(":iam::");
        }

        /** The role an assumed-role session ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}) acts as. */
        Optional<String> sessionRoleName() {
            Arn parsed = Arn.fromString(arn);
            String[] parts = parsed.resourceAsString().split("/");
            return parsed.service().equals("sts") && parts.length == 3 && parts[0].equals("assumed-role")
                    ? Optional.of(parts[1]) : Optional.empty();
        }

        /** aws:PrincipalType: Account for the root, User, FederatedUser, or AssumedRole for a role's session. */
        String type() {
            if (isRoot()) {
                return "Account";
            }
            String resource = Arn.fromString(arn).resourceAsString();
            return resource.startsWith("user/") ? "User" : resource.startsWith("federated-user/") ? "FederatedUser" : "AssumedRole";
        }

        /**
         * aws:userid where the ARN tells it: the account id for the root, ACCOUNT:NAME for a federated
         * user. An IAM user's and a role's unique ids are IAM's, so a request must set them.
         */
        Optional<String> userId() {
            if (isRoot()) {
                return Optional.of(account);
            }
            String resource = Arn.fromString(arn).resourceAsString();
            return resource.startsWith("federated-user/")
                    ? Optional.of(account + ":" + resource.substring("federated-user/".length())) : Optional.empty();
        }

        /** The name aws:username carries, for an IAM user only ({@code arn:aws:iam::ACCOUNT:user/PATH/NAME}). */
        Optional<String> userName() {
            Arn parsed = Arn.fromString(arn);
            String[] parts = parsed.resourceAsString().split("/");
            return parsed.service().equals("iam") && parts.length >= 2 && parts[0].equals("user")
                    ? Optional.of(parts[parts.length - 1]) : Optional.empty();
        }

        /**
         * The ARN that {@code aws:PrincipalArn} carries: for a session, its role. The role's path is not
         * part of a session ARN, so the role ARN returned has none.
         */
        String principalArn() {
            return sessionRoleName().map(role -> "arn:" + Arn.fromString(arn).partition() + ":iam::" + account + ":role/" + role)
                    .orElse(arn);
        }
    }

    record Service(String name) implements Caller {}

    record Anonymous() implements Caller {}
}
