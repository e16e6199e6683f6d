package dev.dvalabs.policy;

import dev.dvalabs.policy.Principals.Reach;
import java.util.List;

/**
 * One statement of a policy, read and checked. {@code principals} is null in identity policies,
 * which apply to whoever holds them; {@code resources} is null in a resource policy without a
 * Resource element, which then means the resource the policy is attached to.
 */
record Statement(String label, boolean allow, List<Principals.Entry> principals, boolean notPrincipal,
                 List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                 List<Condition> conditions) {

    boolean coversAction(String action) {
        // Service prefix and action name are both case-insensitive in IAM.
        boolean listed = actions.stream().anyMatch(pattern -> Wildcard.matches(pattern, action, true));
        return listed != notAction;
    }

    /**
     * Whether the Resource (or NotResource) element covers the resource, its variables resolved from
     * the request. IAM: a resource with a variable that has no value matches no resource, so under
     * NotResource it excludes nothing.
     */
    boolean coversResource(String resource, Request request) {
        if (resources == null) {
            return true;
        }
        boolean listed = resources.stream().flatMap(written -> Variables.resolveResource(written, request).stream())
                .anyMatch(pattern -> pattern.equals("*") || Wildcard.matchesArn(pattern, resource)
                        || (!resource.startsWith("arn:") && Wildcard.matches(pattern, resource, false)));
        return listed != notResource;
    }

    /** How the statement reaches a caller, read as a statement of a resource policy. */
    Reach reach(Caller caller) {
        if (principals == null) {
            return Reach.NONE;
        }
        if (notPrincipal) {
            return Principals.excluded(caller, principals) ? Reach.NONE : Reach.DIRECT;
        }
        return Principals.reach(caller, principals);
    }

    /**
     * Whether the statement applies to the request apart from its principal: action, resource and
     * every condition (ANDed). Unknown condition keys count as {@code assumeIfUnknown}.
     */
    boolean covers(Request request, Context context, boolean assumeIfUnknown) {
        return coversAction(request.action()) && coversResource(request.resource(), request)
                && conditions.stream().allMatch(c -> c.holds(context, assumeIfUnknown));
    }
}
