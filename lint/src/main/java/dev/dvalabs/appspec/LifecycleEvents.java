package dev.dvalabs.appspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle event names per compute platform, from the AWS CodeDeploy user guide page
 * "AppSpec 'hooks' section" (reference-appspec-file-structure-hooks): the scriptable ones in
 * the order CodeDeploy runs them, and the ones reserved to CodeDeploy itself.
 */
public final class LifecycleEvents {

    /**
     * EC2/On-Premises hooks in run order. The traffic hooks only run when the deployment group
     * has a load balancer or is blue/green, but they are valid names in any appspec.yml.
     */
    public static final List<String> SERVER_HOOKS = List.of(
            "BeforeBlockTraffic", "AfterBlockTraffic",
            "ApplicationStop", "BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService",
            "BeforeAllowTraffic", "AfterAllowTraffic");

    /**
     * What a rehearsal plays, in order: an in-place deployment behind a load balancer, so that every
     * hook an EC2 AppSpec can name runs; Install stands for the agent's own copying step.
     */
    public static final List<String> SERVER_REHEARSED = List.of(
            "BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop",
            "BeforeInstall", "Install", "AfterInstall", "ApplicationStart", "ValidateService",
            "BeforeAllowTraffic", "AfterAllowTraffic");

    /**
     * The events the agent runs from the last successful revision's AppSpec and scripts, and skips
     * on a first deployment: the agent's hook_executor maps them to "OldOrIgnore", since stopping
     * the running application is the old revision's business.
     */
    public static final List<String> FROM_LAST_SUCCESSFUL = List.of("BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop");

    public static final List<String> LAMBDA_HOOKS = List.of("BeforeAllowTraffic", "AfterAllowTraffic");

    public static final List<String> ECS_HOOKS = List.of(
            "BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic");

    private static final Map<ComputePlatform, List<String>> HOOKS = Map.of(
            ComputePlatform.SERVER, SERVER_HOOKS,
            ComputePlatform.LAMBDA, LAMBDA_HOOKS,
            ComputePlatform.ECS, ECS_HOOKS);

    /** Every event of a deployment, scriptable or not, in run order; the ones missing from HOOKS are reserved. */
    private static final Map<ComputePlatform, List<String>> ALL_EVENTS = Map.of(
            ComputePlatform.SERVER, List.of("Start",
                    "BeforeBlockTraffic", "BlockTraffic", "AfterBlockTraffic",
                    "ApplicationStop", "DownloadBundle", "BeforeInstall", "Install", "AfterInstall",
                    "ApplicationStart", "ValidateService",
                    "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic", "End"),
            ComputePlatform.LAMBDA, List.of("Start", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic", "End"),
            // The guide's ECS note calls the test-traffic step TestTraffic; its deployment diagram says AllowTestTraffic.
            ComputePlatform.ECS, List.of("Start", "BeforeInstall", "Install", "AfterInstall",
                    "TestTraffic", "AllowTestTraffic", "AfterAllowTestTraffic",
                    "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic", "End"));

    private LifecycleEvents() {
    }

    public static List<String> hooks(ComputePlatform platform) {
        return HOOKS.get(platform);
    }

    public static boolean isReserved(ComputePlatform platform, String name) {
        return ALL_EVENTS.get(platform).contains(name) && !HOOKS.get(platform).contains(name);
    }

    /** The scriptable hooks nearest before and after a reserved event: where its script belongs instead. */
    public static List<String> alternativesTo(ComputePlatform platform, String reserved) {
        List<String> all = ALL_EVENTS.get(platform);
        List<String> hooks = HOOKS.get(platform);
        int at = all.indexOf(reserved);
        List<String> result = new ArrayList<>();
        for (int i = at - 1; i >= 0; i--) {
            if (hooks.contains(all.get(i))) {
                result.add(all.get(i));
                break;
            }
        }
        for (int i = at + 1; i < all.size(); i++) {
            if (hooks.contains(all.get(i))) {
                result.add(all.get(i));
                break;
            }
        }
        return result;
    }

    /** Where the event runs in the deployment, or -1 when the platform has no such hook. */
    public static int order(ComputePlatform platform, String name) {
        return HOOKS.get(platform).indexOf(name);
    }
}
