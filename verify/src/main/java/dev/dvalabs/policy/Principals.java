package dev.dvalabs.policy;

import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;

/** How the Principal and NotPrincipal elements of a resource policy relate to a caller. */
final class Principals {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** One entry of a Principal element: {@code ("AWS", "arn:...")}, {@code ("Service", "sns.amazonaws.com")}, or {@code ("*", "*")}. */
    record Entry(String type, String id) {
        boolean everyone() {
            return id.equals("*") && (type.equals("*") || type.equals("AWS"));
        }

        /** The account an AWS entry names as a whole: {@code 123456789012} or its root ARN. */
        String account() {
            if (!type.equals("AWS")) {
                return null;
            }
            if (ACCOUNT_ID.matcher(id).matches()) {
                return id;
            }
            return Arn.tryFromString(id).filter(a -> a.service().equals("iam") && a.resourceAsString().equals("root"))
                    .flatMap(Arn::accountId).orElse(null);
        }
    }

    /** How far a statement's principal reaches a caller. */
    enum Reach {
        NONE,
        /**
         * The statement names the caller's account: AWS reads that as handing the decision to the
         * account's IAM policies, so the caller needs an identity policy Allow as well.
         */
        ACCOUNT,
        /** The statement names the caller itself, its role (for a session), or everyone. */
        DIRECT
    }

    private Principals() {}

    static Reach reach(Caller caller, List<Entry> entries) {
        Reach best = Reach.NONE;
        for (Entry entry : entries) {
            Reach r = reach(caller, entry);
            if (r.compareTo(best) > 0) {
                best = r;
            }
        }
        return best;
    }

    static Reach reach(Caller caller, Entry entry) {
        if (entry.everyone()) {
            return Reach.DIRECT;
        }
        if (caller instanceof Caller.Service s) {
            return entry.type().equals("Service") && entry.id().equalsIgnoreCase(s.name()) ? Reach.DIRECT : Reach.NONE;
        }
        return caller instanceof Caller.Aws aws ? reachAws(aws, entry) : Reach.NONE;
    }

    private static Reach reachAws(Caller.Aws caller, Entry entry) {
        if (!entry.type().equals("AWS")) {
            return Reach.NONE;
        }
        String account = entry.account();
        if (account != null) {
            return !account.equals(caller.account()) ? Reach.NONE : caller.isRoot() ? Reach.DIRECT : Reach.ACCOUNT;
        }
        if (entry.id().equals(caller.arn()) || isRoleOfSession(entry.id(), caller)) {
            return Reach.DIRECT;
        }
        return Reach.NONE;
    }

    /** A Principal naming a role reaches every session of that role; a role's path is not in its session ARN. */
    private static boolean isRoleOfSession(String entryArn, Caller.Aws caller) {
        return caller.sessionRoleName().flatMap(role -> Arn.tryFromString(entryArn)
                .filter(a -> a.service().equals("iam") && a.accountId().orElse("").equals(caller.account()))
                .map(a -> a.resourceAsString().split("/"))
                .map(parts -> parts[0].equals("role") && parts[parts.length - 1].equals(role))).orElse(false);
    }

    /**
     * Whether NotPrincipal leaves the caller out of the statement. AWS checks every link of the
     * caller's chain (session, its role, its account) against the list and applies the statement if
     * any link is missing; that is why AWS's documentation lists the account with the principal.
     */
    static boolean excluded(Caller caller, List<Entry> notPrincipals) {
        if (notPrincipals.stream().anyMatch(Entry::everyone)) {
            return true;
        }
        if (caller instanceof Caller.Service s) {
            return notPrincipals.stream().anyMatch(e -> reach(s, e) == Reach.DIRECT);
        }
        if (!(caller instanceof Caller.Aws aws)) {
            return false;
        }
        boolean account = notPrincipals.stream().anyMatch(e -> aws.account().equals(e.account()));
        if (aws.isRoot()) {
            return account;
        }
        boolean itself = notPrincipals.stream().anyMatch(e -> e.type().equals("AWS") && e.id().equals(aws.arn()));
        boolean role = aws.sessionRoleName().isEmpty()
                || notPrincipals.stream().anyMatch(e -> e.type().equals("AWS") && isRoleOfSession(e.id(), aws));
        return account && itself && role;
    }
}
