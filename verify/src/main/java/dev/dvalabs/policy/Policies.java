package dev.dvalabs.policy;

import dev.dvalabs.policy.Principals.Reach;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The policies that apply to a request, and AWS's evaluation logic over them: a resource policy
 * (queue policy, key policy, trust policy) and the identity policies of the caller asked about.
 *
 * <p>Explicit Deny in any of them wins. Within one account an Allow in either the resource policy or
 * the identity policies allows; across accounts both must allow. A KMS key policy is stricter: the
 * key policy must allow, either naming the caller or naming the caller's account, which hands the
 * decision to the account's IAM policies. Service principals and anonymous callers hold no identity
 * policies, so only the resource policy can let them in.
 *
 * <p>Action names are compared without regard to case, and every action an answer names is in its
 * canonical spelling ({@link Actions#canonical}). Policy variables are resolved from the request.
 *
 * <p>Not modelled: SCPs, RCPs, permission boundaries, session policies, grants.
 */
public final class Policies {

    private final PolicyDocument resource;
    private final boolean keyPolicy;
    private final List<PolicyDocument> identity;

    private Policies(PolicyDocument resource, boolean keyPolicy, List<PolicyDocument> identity) {
        this.resource = resource;
        this.keyPolicy = keyPolicy;
        this.identity = identity;
    }

    /** A resource's policy, such as an SQS queue policy; a missing Resource element means that resource. */
    public static Policies of(String resourcePolicyJson) {
        return new Policies(PolicyDocument.parse(resourcePolicyJson, PolicyDocument.Kind.RESOURCE), false, List.of());
    }

    /** A KMS key policy: nothing reaches the key unless this policy allows it, directly or through the account. */
    public static Policies keyPolicy(String keyPolicyJson) {
        return new Policies(PolicyDocument.parse(keyPolicyJson, PolicyDocument.Kind.RESOURCE), true, List.of());
    }

    /**
     * What a policy document allows, as a reader lists it before a deploy: the actions of each Allow
     * statement, and "every action except ..." for an Allow with NotAction (which a list of its
     * NotAction would hide). Deny statements allow nothing and are left out.
     */
    public static Set<String> allowedActions(String policyJson) {
        Set<String> all = new TreeSet<>();
        for (Statement s : PolicyDocument.parse(policyJson, PolicyDocument.Kind.RESOURCE).statements()) {
            if (s.allow()) {
                List<String> actions = s.actions().stream().map(Actions::canonical).distinct().toList();
                if (s.notAction()) {
                    all.add("every action except " + String.join(" ", actions));
                } else {
                    all.addAll(actions);
                }
            }
        }
        return all;
    }

    /** No resource policy: only the identity policies added with {@link #withIdentity} decide. */
    public static Policies identityOnly() {
        return new Policies(null, false, List.of());
    }

    /**
     * These policies plus identity policies (inline and attached, JSON each) of the caller that will be
     * asked about. They apply to whichever IAM caller a request names, so ask about that caller only.
     */
    public Policies withIdentity(Collection<String> identityPolicyJsons) {
        List<PolicyDocument> all = new ArrayList<>(identity);
        identityPolicyJsons.forEach(json -> all.add(PolicyDocument.parse(json, PolicyDocument.Kind.IDENTITY)));
        return new Policies(resource, keyPolicy, List.copyOf(all));
    }

    /**
     * AWS's decision. Condition keys the caller supplies but the request cannot tell
     * ({@link Request#unknown}) count as absent; {@link #judge} says what depends on them.
     */
    public Decision decide(Request request) {
        return decide(request, Context.of(request), false);
    }

    /**
     * The decision with what it depends on: for a service assuming a role, the trust policy's
     * conditions are judged with the context that service supplies, and a condition on a key whose
     * value only the service knows (the ARN of the resource it acts for) is named, not taken as unmet.
     */
    public Verdict judge(Request request) {
        Context open = Context.open(request);
        Decision worst = decide(request, open, false);
        Decision best = decide(request, open, true);
        if (worst == best) {
            return new Verdict(worst, List.of());
        }
        Map<String, String> unknown = request.unknown();
        List<Verdict.Unknown> depends = Stream.concat(
                        resourceStatements().filter(s -> s.reach(request.caller()) != Reach.NONE),
                        request.caller() instanceof Caller.Aws ? identityStatements() : Stream.empty())
                .filter(s -> s.coversAction(request.action()) && s.coversResource(request.resource(), request)
                        && s.conditions().stream().allMatch(c -> unknown.containsKey(c.key()) || c.holds(open, false)))
                .flatMap(s -> s.conditions().stream().filter(c -> unknown.containsKey(c.key()))
                        .map(c -> new Verdict.Unknown(c.describe(), unknown.get(c.key()), !s.allow())))
                .distinct().toList();
        return new Verdict(worst, depends);
    }

    /** Unknown condition keys count as met for Allow statements when {@code optimistic}, for Deny statements when not. */
    private Decision decide(Request request, Context context, boolean optimistic) {
        if (denied(request, context, !optimistic)) {
            return Decision.EXPLICIT_DENY;
        }
        Reach granted = resourceStatements()
                .filter(s -> s.allow() && s.covers(request, context, optimistic))
                .map(s -> s.reach(request.caller()))
                .max(Reach::compareTo).orElse(Reach.NONE);
        if (!(request.caller() instanceof Caller.Aws aws)) {
            return decision(granted == Reach.DIRECT);
        }
        boolean identityAllows = identityStatements().anyMatch(s -> s.allow() && s.covers(request, context, optimistic));
        String owner = request.resourceAccount();
        if (owner != null && !owner.equals(aws.account())) {
            return decision(identityAllows && granted != Reach.NONE);
        }
        if (keyPolicy) {
            return decision(granted == Reach.DIRECT || (granted == Reach.ACCOUNT && identityAllows));
        }
        return decision(granted == Reach.DIRECT || identityAllows);
    }

    /**
     * The actions among {@code actions} the caller may perform on the resource, with no condition keys
     * set, each named once by its canonical spelling, in the order asked.
     */
    public List<String> allowedActions(Caller caller, String resource, Collection<String> actions) {
        return actions.stream().map(Actions::canonical).distinct()
                .filter(a -> decide(Request.of(caller, a, resource)).allowed()).toList();
    }

    /**
     * What the caller may do on the resource in one service ({@code "dynamodb"}): every action of the
     * service the catalogue lists ({@link Actions#of}) and every one the policies name, asked about
     * with no condition keys set, answered by canonical names.
     */
    public Permissions permissions(Caller caller, String resource, String service) {
        String prefix = service.toLowerCase(Locale.ROOT) + ":";
        Set<String> candidates = new TreeSet<>(Actions.of(service));
        Stream.concat(resourceStatements(), identityStatements())
                .filter(s -> s.allow() && !s.notAction())
                .flatMap(s -> s.actions().stream()).map(Actions::canonical)
                .filter(a -> a.startsWith(prefix) && !a.contains("*") && !a.contains("?"))
                .forEach(candidates::add);
        return new Permissions(resource, allowedActions(caller, resource, candidates));
    }

    /**
     * Whether the resource policy alone lets the account's root make the request. For a key policy
     * with {@code kms:PutKeyPolicy}, this is the statement KMS's lockout safety check wants: without
     * it the account's IAM policies cannot grant anything on the key, and AWS refuses the policy unless
     * BypassPolicyLockoutSafetyCheck is set.
     */
    public boolean delegatesToAccount(String accountId, String action, String resourceArn) {
        return new Policies(resource, keyPolicy, List.of())
                .decide(Request.of(Caller.aws(accountId), action, resourceArn)).allowed();
    }

    /**
     * The statements of the resource policy that let someone other than the intended caller make the
     * intended request: anyone (even anonymous), principals of another account, or a service acting
     * without or for another source than {@code intended}'s aws:SourceArn. Condition keys that do not
     * identify the caller (aws:SecureTransport, ...) count as met for an Allow and unmet for a Deny,
     * since a stranger chooses them. Grants to the resource's own account are left out: there the
     * account's IAM policies decide with or without them.
     */
    public List<Exposure> exposure(Request intended) {
        Map<String, Exposure> found = new LinkedHashMap<>();
        List<Statement> statements = resourceStatements().toList();
        for (Strangers.Probe probe : Strangers.around(intended, statements)) {
            Request request = new Request(probe.caller(), intended.action(), intended.resource(), probe.context());
            Context context = Context.probe(request);
            boolean denied = statements.stream().anyMatch(s -> !s.allow() && s.reach(probe.caller()) != Reach.NONE
                    && s.covers(request, context, false));
            if (denied) {
                continue;
            }
            for (Statement s : statements) {
                Reach reach = s.reach(probe.caller());
                boolean ownAccount = reach == Reach.ACCOUNT && probe.caller() instanceof Caller.Aws aws
                        && aws.account().equals(intended.resourceAccount());
                if (s.allow() && reach != Reach.NONE && !ownAccount && s.covers(request, context, true)) {
                    found.putIfAbsent(s.label(), new Exposure(s.label(), probe.who()));
                }
            }
        }
        return List.copyOf(found.values());
    }

    private boolean denied(Request request, Context context, boolean assumeIfUnknown) {
        boolean byResource = resourceStatements().anyMatch(s -> !s.allow() && s.reach(request.caller()) != Reach.NONE
                && s.covers(request, context, assumeIfUnknown));
        boolean byIdentity = request.caller() instanceof Caller.Aws
                && identityStatements().anyMatch(s -> !s.allow() && s.covers(request, context, assumeIfUnknown));
        return byResource || byIdentity;
    }

    private Stream<Statement> resourceStatements() {
        return resource == null ? Stream.empty() : resource.statements().stream();
    }

    private Stream<Statement> identityStatements() {
        return identity.stream().flatMap(d -> d.statements().stream());
    }

    private static Decision decision(boolean allowed) {
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
