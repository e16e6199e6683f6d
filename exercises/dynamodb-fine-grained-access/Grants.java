package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import dev.dvalabs.policy.Actions;
import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.arns.Arn;

/**
 * What the role's policies let each user's session do in DynamoDB, by the policy evaluator: a session
 * of the role tagged {@code userId=<id>}, asking with the partition keys a request carries as
 * {@code dynamodb:LeadingKeys}, as DynamoDB sends them. Two users are asked about, {@code ana} and
 * {@code anabel}: one id is the start of the other, so a policy matching {@code ${...}*} shows.
 */
final class Grants {

    /** The session tag that carries the user's id. */
    static final String TAG = "userId";

    /** What a user does with their own items, each naming them by partition key. */
    static final List<String> ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    /** The batches, which carry every key they name: ForAllValues wants all of them the user's own. */
    static final List<String> BATCHES = List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem");

    /**
     * Actions that reach items only by the keys they name (so dynamodb:LeadingKeys limits them too), and
     * DescribeTable, which reads no item: allowed or not, none of them is table-wide.
     */
    static final Set<String> KEYED = Set.of("dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect",
            "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete", "dynamodb:TransactGetItems",
            "dynamodb:TransactWriteItems", "dynamodb:DescribeTable");

    static final List<String> USERS = List.of("ana", "anabel");

    private final Policies policies;
    private final String table;
    private final Arn role;
    private final Set<String> candidates = new LinkedHashSet<>(Actions.of("dynamodb"));

    /**
     * @param tableArn the table's ARN
     * @param roleArn the role's ARN
     * @param documents the role's inline and attached policies, JSON each
     */
    Grants(String tableArn, String roleArn, List<String> documents) {
        this.policies = Policies.identityOnly().withIdentity(documents);
        this.table = tableArn;
        this.role = Arn.fromString(roleArn);
        // An action the catalogue lacks (a new one) is asked about when a policy names it.
        documents.stream().flatMap(d -> Policies.allowedActions(d).stream())
                .filter(a -> a.startsWith("dynamodb:") && !a.contains("*") && !a.contains("?"))
                .forEach(candidates::add);
    }

    /** The requests a user makes on their own items that the policies refuse: "ana dynamodb:GetItem with key ana". */
    List<String> ownRefused() {
        return decided(false, ITEM_ACTIONS, user -> new String[] {user});
    }

    /** The requests naming another user's key alone that the policies allow. */
    List<String> othersAllowed() {
        return decided(true, ITEM_ACTIONS, user -> new String[] {other(user)});
    }

    /** The batches naming the user's own key and another's that the policies allow. */
    List<String> mixedAllowed() {
        return decided(true, BATCHES, user -> new String[] {user, other(user)});
    }

    /** Each user's requests on the table, one per action with the keys given, that the policies decide {@code allowed}. */
    private List<String> decided(boolean allowed, List<String> actions, Function<String, String[]> keys) {
        List<String> found = new ArrayList<>();
        for (String user : USERS) {
            for (String action : actions) {
                if (allowed(user, action, table, keys.apply(user)) == allowed) {
                    found.add(said(user, action, table, keys.apply(user)));
                }
            }
        }
        return found;
    }

    /** The Scans, of the table or an index of it, that the policies allow: a Scan names no key. */
    List<String> scansAllowed() {
        List<String> allowed = new ArrayList<>();
        for (String resource : List.of(table, table + "/index/any-index")) {
            if (allowed(USERS.get(0), "dynamodb:Scan", resource)) {
                allowed.add(said(USERS.get(0), "dynamodb:Scan", resource));
            }
        }
        return allowed;
    }

    /**
     * The other DynamoDB actions the policies allow a session with no key named: on the table, what hangs
     * under it (indexes, streams, backups), or every resource ({@code *}: ListTables and the like).
     */
    List<String> tableWide() {
        List<String> allowed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(ITEM_ACTIONS);
        seen.addAll(KEYED);
        seen.add("dynamodb:Scan");
        for (String resource : List.of(table, table + "/index/any-index", table + "/stream/2026-01-01T00:00:00.000",
                table + "/backup/01700000000000-abcdefgh", "*")) {
            for (String action : candidates) {
                if (!seen.contains(action) && allowed(USERS.get(0), action, resource)) {
                    seen.add(action);
                    allowed.add(action + " on " + resource);
                }
            }
        }
        return allowed;
    }

    /** The item actions on the user's own key that the policies allow on tables other than this one. */
    List<String> elsewhere() {
        Arn arn = Arn.fromString(table);
        String region = arn.region().orElse("");
        String otherRegion = region.equals("eu-west-1") ? "us-east-1" : "eu-west-1";
        String base = "arn:" + arn.partition() + ":dynamodb:";
        String account = arn.accountId().orElse("");
        String name = arn.resourceAsString().substring("table/".length());
        List<String> allowed = new ArrayList<>();
        for (String other : List.of(base + region + ":" + account + ":table/another-table",
                base + region + ":" + account + ":table/" + name + "-archive", base + otherRegion + ":" + account + ":table/" + name)) {
            String user = USERS.get(0);
            ITEM_ACTIONS.stream().filter(a -> allowed(user, a, other, user)).forEach(a -> allowed.add(said(user, a, other, user)));
        }
        return allowed;
    }

    private boolean allowed(String user, String action, String resource, String... keys) {
        Request request = Request.of(Caller.aws(session(user)), action, resource).with("aws:PrincipalTag/" + TAG, user);
        return policies.decide(keys.length == 0 ? request : request.with("dynamodb:LeadingKeys", keys)).allowed();
    }

    /** The ARN of the role's session that a user's tag came with. */
    private String session(String user) {
        String name = role.resourceAsString().substring(role.resourceAsString().lastIndexOf('/') + 1);
        return "arn:" + role.partition() + ":sts::" + role.accountId().orElse("") + ":assumed-role/" + name + "/" + user;
    }

    private String said(String user, String action, String resource, String... keys) {
        return user + " " + action + (resource.equals(table) ? "" : " on " + resource)
                + (keys.length == 0 ? "" : " with key " + String.join(" and ", keys));
    }

    private static String other(String user) {
        return USERS.stream().filter(u -> !u.equals(user)).findFirst().orElseThrow();
    }
}
